import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { configureApp, createAdapter, DEV_JWT_SECRET, PLATFORM_ENV, shutdownApp, signToken } from '@district/service-kit';

/**
 * Starts a service's real AppModule in this process with the given environment (real Postgres, real
 * NATS, real migrations): the same wiring as production, only the environment differs.
 */
export async function startService(appModule: Type, env: Record<string, string>, opts: { listen?: boolean } = {}): Promise<NestFastifyApplication> {
  const fullEnv = { LOG_LEVEL: 'warn', OUTBOX_SWEEP_INTERVAL_MS: '200', CONSUMER_BACKOFF_MS: '100', CONSUMER_MAX_BACKOFF_MS: '1000', ...env };
  const moduleRef = await Test.createTestingModule({ imports: [appModule] }).overrideProvider(PLATFORM_ENV).useValue(fullEnv).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(fullEnv), { bufferLogs: true });
  await configureApp(app);
  if (opts.listen) await app.listen(0, '127.0.0.1');
  else await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function stopService(app: NestFastifyApplication | undefined): Promise<void> {
  if (app) await shutdownApp(app, 15_000);
}

/** `Authorization` header value with a development token (signed with the development secret). */
export function bearer(roles: string[], opts: { sub?: string; schools?: string[]; secret?: string } = {}): string {
  const token = signToken(
    { sub: opts.sub ?? 'test-user', roles, schools: opts.schools },
    { secret: opts.secret ?? DEV_JWT_SECRET, issuer: 'district-ops', audience: 'district-ops-api' },
  );
  return `Bearer ${token}`;
}
