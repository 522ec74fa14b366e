import { BaseEnv, ConfigError, DEV_JWT_SECRET, loadEnv } from './config';

describe('configuration', () => {
  it('has defaults that run against local PostgreSQL and NATS', () => {
    const env = loadEnv(BaseEnv, {}, { PORT: 3001 });
    expect(env).toMatchObject({ PORT: 3001, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432', NATS_URL: 'nats://127.0.0.1:4222', LOG_LEVEL: 'info' });
  });

  it('reads and converts values from the environment', () => {
    expect(loadEnv(BaseEnv, { PORT: '4000', CONSUMER_MAX_DELIVER: '3' }, { PORT: 3001 })).toMatchObject({ PORT: 4000, CONSUMER_MAX_DELIVER: 3 });
  });

  it('names every bad value, as given', () => {
    let message = '';
    try {
      loadEnv(BaseEnv, { PORT: 'abc', LOG_LEVEL: 'loud', NATS_URL: 'not a url', JWT_SECRET: 'short' }, { PORT: 3001 });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('PORT="abc"');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect(message).toContain('NATS_URL');
    expect(message).toContain('JWT_SECRET must be at least 32 characters');
  });

  it('refuses the development secret in production', () => {
    expect(() => loadEnv(BaseEnv, { NODE_ENV: 'production' }, { PORT: 1 })).toThrow(/development default/);
    expect(loadEnv(BaseEnv, { NODE_ENV: 'development' }, { PORT: 1 }).JWT_SECRET).toBe(DEV_JWT_SECRET);
  });
});
