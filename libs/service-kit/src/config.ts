import { plainToInstance, Transform, Type } from 'class-transformer';
import { existsSync } from 'node:fs';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface, validateSync } from 'class-validator';
import { isTimeZone } from '@district/contracts';
import type { NatsAuth } from '@district/messaging';

/** A development-only default, refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-do-not-use-in-production';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZoneSetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTimeZone(value);
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as America/New_York';
  }
}

/**
 * Environment every service and the gateway read (DESIGN.md section 1). A service adds its own
 * settings by extending this class. Each value is checked at boot; a bad one stops the process
 * with a message naming it.
 */
export class BaseEnv {
  @IsOptional() @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT: number;

  @IsString()
  HOST = '0.0.0.0';

  /** server URL; the service appends its own database name unless the URL names one */
  @IsString()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432';

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  NATS_URL = 'nats://127.0.0.1:4222';

  /**
   * The service's own NATS user (deploy/nats/auth.conf), with NATS_PASSWORD from a Secret. Unset: no
   * authentication, for a local development server only.
   */
  @IsOptional() @IsString()
  NATS_USER?: string;

  @IsOptional() @IsString()
  NATS_PASSWORD?: string;

  /** a NATS credentials file (user JWT and nkey seed), instead of NATS_USER/NATS_PASSWORD */
  @IsOptional() @IsString()
  NATS_CREDS_FILE?: string;

  /**
   * true: the service creates its own stream and its durable consumers at start (local development).
   * false: they must have been applied from deploy/nats/jetstream by the provisioning step; the service
   * only checks they exist, so its NATS user needs no right to change JetStream (deployments).
   */
  @Transform(toBool) @IsBoolean()
  NATS_PROVISION = true;

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  /** PEM public key: when set, tokens are verified with RS256 instead of the shared secret */
  @IsOptional() @IsString()
  JWT_PUBLIC_KEY?: string;

  @IsString()
  JWT_ISSUER = 'district-ops';

  @IsString()
  JWT_AUDIENCE = 'district-ops-api';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** the district's time zone: its "today", business dates and the current month, whatever the server's zone */
  @IsString() @Validate(IsTimeZoneSetting)
  DISTRICT_TIMEZONE = 'America/New_York';

  /** largest request body accepted; larger ones get 413 */
  @Transform(toInt) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @Transform(toInt) @IsInt() @Min(50)
  RPC_TIMEOUT_MS = 2000;

  @Transform(toInt) @IsInt() @Min(50)
  OUTBOX_SWEEP_INTERVAL_MS = 1000;

  @Transform(toInt) @IsInt() @Min(1)
  OUTBOX_RETENTION_HOURS = 72;

  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  CONSUMER_MAX_DELIVER = 8;

  @Transform(toInt) @IsInt() @Min(10)
  CONSUMER_BACKOFF_MS = 1000;

  @Transform(toInt) @IsInt() @Min(10)
  CONSUMER_MAX_BACKOFF_MS = 60_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  CONSUMER_BATCH_SIZE = 200;

  /** an unacknowledged delivery is sent again after this long (also how fast deliveries lost in a broker restart come back) */
  @Transform(toInt) @IsInt() @Min(1000)
  CONSUMER_ACK_WAIT_MS = 10_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(5)
  STREAM_REPLICAS = 1;

  @Transform(toInt) @IsInt() @Min(1)
  STREAM_MAX_AGE_DAYS = 30;

  /** time allowed for in-flight work at shutdown before the process exits anyway */
  @Transform(toInt) @IsInt() @Min(0)
  SHUTDOWN_GRACE_MS = 15_000;
}

export class ConfigError extends Error {}

/** Builds and checks the environment; throws ConfigError listing every bad variable. */
export function loadEnv<T extends BaseEnv>(schema: new () => T, raw: Record<string, string | undefined>, defaults: Partial<T> = {}): T {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(schema, { ...defaults, ...present }, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.map((e) => `${e.property}=${JSON.stringify(present[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET && !env.JWT_PUBLIC_KEY) {
    problems.push('JWT_SECRET: the development default must not be used in production; set JWT_SECRET or JWT_PUBLIC_KEY');
  }
  for (const url of ['DATABASE_URL', 'NATS_URL'] as const) {
    try {
      for (const part of String(env[url]).split(',')) new URL(part);
    } catch {
      problems.push(`${url}=${JSON.stringify(env[url])}: not a URL`);
    }
  }
  if (env.NATS_USER && !env.NATS_PASSWORD) problems.push('NATS_PASSWORD: required with NATS_USER');
  if (env.NATS_PASSWORD && !env.NATS_USER) problems.push('NATS_USER: required with NATS_PASSWORD');
  if (env.NATS_CREDS_FILE && env.NATS_USER) problems.push('NATS_CREDS_FILE: set either a credentials file or NATS_USER/NATS_PASSWORD, not both');
  if (env.NATS_CREDS_FILE && !existsSync(env.NATS_CREDS_FILE)) problems.push(`NATS_CREDS_FILE=${JSON.stringify(env.NATS_CREDS_FILE)}: no such file`);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return env;
}

/** The NATS credentials the settings name (none when unset). */
export function natsAuthFrom(env: BaseEnv): NatsAuth {
  if (env.NATS_CREDS_FILE) return { credsFile: env.NATS_CREDS_FILE };
  if (env.NATS_USER) return { user: env.NATS_USER, password: env.NATS_PASSWORD };
  return {};
}

export { Type, Transform };
