import { BodyLimitModule } from './http/body-limit';
import { DistrictClock } from './district-clock';
import { StudentRecordAccessInterceptor } from './auth/student-record-access.interceptor';
import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { StreamDefinition } from '@district/contracts';
import { MessagingModule, MESSAGING_ENTITIES, MessagingOptions } from '@district/messaging';
import { dataSourceOptions, ensureDatabase, resolveDatabaseUrl, runMigrations } from '@district/persistence';
import { AuthGuard, JWT_SETTINGS } from './auth/auth.guard';
import { BaseEnv, loadEnv, natsAuthFrom } from './config';
import { HealthController } from './health/health.controller';
import { Lifecycle } from './health/lifecycle';
import { ProblemFilter } from './http/problem';
import { createValidationPipe } from './http/validation';
import { MetricsController } from './observability/metrics.controller';
import { RpcContextInterceptor } from './observability/rpc-context.interceptor';
import { DeadLettersController } from './ops/dead-letters.controller';

/** What a service tells the platform about itself (its AppModule imports PlatformModule.forRoot(...)). */
export interface PlatformOptions<E extends BaseEnv = BaseEnv> {
  /** service name: logs, event source, durable consumer and queue group */
  service: string;
  defaultPort: number;
  /** the service's settings class (extends BaseEnv); BaseEnv when it has none of its own */
  env?: new () => E;
  /** a service that owns data; omitted for the gateway */
  database?: {
    name: string;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: Function[];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: Function[];
    /** the stream of the department this service publishes for */
    ownStream?: StreamDefinition;
  };
  /** shown in Swagger */
  description?: string;
  /**
   * File uploads: multipart/form-data (read as streams with request.parts(), each file at most maxBytes)
   * and request bodies of `streamTypes` handed to the handler unread, as a stream, for it to store and bound.
   */
  uploads?: {
    maxBytes(env: E): number;
    /** file parts per request (default 20) */
    maxFiles?: number;
    /** content types whose body is passed through as a stream, e.g. application/zip */
    streamTypes?: string[];
  };
}

/** Raw environment (process.env by default; tests override this provider). */
export const PLATFORM_ENV = Symbol('PLATFORM_ENV');
/** The validated settings, an instance of the service's env class. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');

export function messagingOptionsFrom(env: BaseEnv, opts: PlatformOptions): MessagingOptions {
  return {
    serviceName: opts.service,
    natsUrl: env.NATS_URL,
    natsAuth: natsAuthFrom(env),
    provision: env.NATS_PROVISION,
    ownStream: opts.database?.ownStream,
    consumes: [],
    maxDeliver: env.CONSUMER_MAX_DELIVER,
    backoffMs: env.CONSUMER_BACKOFF_MS,
    maxBackoffMs: env.CONSUMER_MAX_BACKOFF_MS,
    sweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
    consumerBatchSize: env.CONSUMER_BATCH_SIZE,
    consumerAckWaitMs: env.CONSUMER_ACK_WAIT_MS,
    outboxRetentionHours: env.OUTBOX_RETENTION_HOURS,
    streamReplicas: env.STREAM_REPLICAS,
    streamMaxAgeDays: env.STREAM_MAX_AGE_DAYS,
    rpcTimeoutMs: env.RPC_TIMEOUT_MS,
  };
}

/**
 * Everything a department service shares: validated config, its own database (created if missing,
 * migrated before anything uses it), outbox and consumers, auth, problem+json, validation, health,
 * metrics and dead-letter operations.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot<E extends BaseEnv>(opts: PlatformOptions<E>): DynamicModule {
    const schema = (opts.env ?? BaseEnv) as new () => E;
    const providers: Provider[] = [
      { provide: PLATFORM_OPTIONS, useValue: opts },
      { provide: PLATFORM_ENV, useValue: process.env },
      {
        provide: SERVICE_CONFIG,
        useFactory: (raw: Record<string, string | undefined>) => loadEnv(schema, raw, { PORT: opts.defaultPort } as Partial<E>),
        inject: [PLATFORM_ENV],
      },
      { provide: BaseEnv, useExisting: SERVICE_CONFIG },
      ...(opts.env && opts.env !== (BaseEnv as unknown) ? [{ provide: opts.env as Type<E>, useExisting: SERVICE_CONFIG }] : []),
      {
        provide: JWT_SETTINGS,
        useFactory: (env: BaseEnv) => ({ secret: env.JWT_SECRET, publicKey: env.JWT_PUBLIC_KEY, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }),
        inject: [SERVICE_CONFIG],
      },
      Lifecycle,
      DistrictClock,
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
      { provide: APP_INTERCEPTOR, useClass: StudentRecordAccessInterceptor },
    ];
    const imports: (DynamicModule | Type)[] = [BodyLimitModule];
    const controllers: Type[] = [HealthController, MetricsController];
    const db = opts.database;
    if (db) {
      imports.push(
        TypeOrmModule.forRootAsync({
          useFactory: (env: BaseEnv) =>
            dataSourceOptions({
              url: resolveDatabaseUrl(env.DATABASE_URL, db.name),
              entities: [...MESSAGING_ENTITIES, ...db.entities],
              migrations: db.migrations,
              poolSize: env.DATABASE_POOL_SIZE,
              applicationName: opts.service,
            }),
          inject: [SERVICE_CONFIG],
          // the database is created and migrated before any provider can use it
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const url = (options as { url: string }).url;
            await ensureDatabase(url);
            const ds = await new DataSource(options!).initialize();
            await runMigrations(ds);
            return ds;
          },
        }),
        MessagingModule.forRootAsync({ useFactory: (env: BaseEnv) => messagingOptionsFrom(env, opts), inject: [SERVICE_CONFIG] }),
      );
      controllers.push(DeadLettersController);
    }
    return {
      module: PlatformModule,
      imports,
      controllers,
      providers,
      exports: [PLATFORM_OPTIONS, PLATFORM_ENV, SERVICE_CONFIG, BaseEnv, JWT_SETTINGS, Lifecycle, DistrictClock, ...(opts.env ? [opts.env as Type<E>] : [])],
    };
  }
}
