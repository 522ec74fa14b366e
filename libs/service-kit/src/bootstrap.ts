import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, natsAuthOptions, runWithContext, sanitizeCorrelationId, RequestContext } from '@district/messaging';
import { BaseEnv, ConfigError, natsAuthFrom } from './config';
import { Lifecycle } from './health/lifecycle';
import { collectProcessMetrics, httpDuration } from './observability/http-metrics';
import { createPino, JsonLogger } from './observability/logger';
import { PLATFORM_OPTIONS, PlatformOptions, SERVICE_CONFIG } from './platform.module';

declare module 'fastify' {
  interface FastifyRequest {
    requestContext?: RequestContext;
  }
}

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * A Fastify adapter. The body limit is needed before the app (and its validated config) exists, so it is
 * read here; configureApp checks the same value again with the rest of the config.
 */
export function createAdapter(env: Record<string, string | undefined> = process.env): FastifyAdapter {
  const bodyLimit = Number(env.BODY_LIMIT_BYTES) || new BaseEnv().BODY_LIMIT_BYTES;
  // maxParamLength: an over-long path parameter reaches the route's validation (a 400 problem) instead of Fastify's bare 414
  return new FastifyAdapter({ logger: false, genReqId: () => randomUUID(), bodyLimit, routerOptions: { maxParamLength: 2048 } });
}

/**
 * Wires an app the way every service and the gateway run: JSON logs with correlation ids, body limit,
 * problem+json for errors Fastify raises itself, HTTP metrics, Swagger at /docs and /docs-json, and the
 * NATS request/reply server with the service's queue group. Then initialises it (migrations, consumers).
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const opts = app.get<PlatformOptions>(PLATFORM_OPTIONS);
  const env = app.get<BaseEnv>(SERVICE_CONFIG);
  const logger = new JsonLogger(createPino(opts.service, env.LOG_LEVEL));
  app.useLogger(logger);
  collectProcessMetrics(opts.service);

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const correlationId = sanitizeCorrelationId(req.headers[CORRELATION_HEADER]) ?? sanitizeCorrelationId(req.headers['x-request-id']) ?? String(req.id);
    req.requestContext = { correlationId, causationId: String(req.id) };
    reply.header(CORRELATION_HEADER, correlationId);
    runWithContext(req.requestContext, done);
  });
  // body parsing runs on socket events outside the context: enter it again before the handler
  fastify.addHook('preHandler', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (req.requestContext) runWithContext(req.requestContext, done);
    else done();
  });
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (!QUIET_ROUTES.has(route)) {
      logger.pino.info(
        { correlationId: req.requestContext?.correlationId, method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: req.requestContext?.userId },
        'request',
      );
    }
    done();
  });

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${opts.service} API`)
      .setDescription(opts.description ?? `District operations platform: ${opts.service}`)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });

  if (opts.uploads) {
    const { maxFiles = 20, streamTypes = [] } = opts.uploads;
    await app.register(multipart, { limits: { fileSize: opts.uploads.maxBytes(env), files: maxFiles, fields: 20, fieldSize: 64 * 1024, parts: maxFiles + 20 } });
    // the handler reads the body itself (to disk, with its own limit): Fastify's bodyLimit does not apply
    for (const type of streamTypes) fastify.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }

  if (opts.database) {
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.NATS,
        options: {
          servers: env.NATS_URL.split(','),
          queue: opts.service,
          name: `${opts.service}-rpc`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
          ...natsAuthOptions(natsAuthFrom(env)),
        },
      },
      { inheritAppConfig: true },
    );
  }
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/**
 * Stops taking work (readiness turns 503, the HTTP server closes after in-flight requests), stops the
 * consumers and the relay after their current batch, drains NATS and closes the pool.
 */
export async function shutdownApp(app: INestApplication, graceMs: number): Promise<void> {
  app.get(Lifecycle).shuttingDown = true;
  const timer = setTimeout(() => {
    new Logger('Shutdown').error(`still busy after ${graceMs} ms, exiting`);
    process.exit(1);
  }, graceMs);
  timer.unref();
  await app.close();
  clearTimeout(timer);
}

/**
 * `main.js --migrate`: creates the service's database if missing and runs its pending migrations, then
 * exits (the migration Job that runs before a new version starts). Nothing else starts: no NATS, no HTTP.
 */
async function migrateOnly(appModule: Type): Promise<never> {
  try {
    // creating the app builds the DataSource, whose factory creates the database and migrates it (PlatformModule)
    const app = await NestFactory.create<NestFastifyApplication>(appModule, createAdapter(), { abortOnError: false, logger: ['error', 'warn', 'log'] });
    await app.close();
    process.stdout.write('migrations up to date\n');
    process.exit(0);
  } catch (err) {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `migration failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  }
}

/** The one call in every service's main.ts (`--migrate`: migrate, then exit). */
export async function bootstrapService(appModule: Type): Promise<NestFastifyApplication> {
  if (process.argv.includes('--migrate')) return migrateOnly(appModule);
  const log = new Logger('Bootstrap');
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(appModule, createAdapter(), { bufferLogs: true, abortOnError: false });
    await configureApp(app);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exit(1);
  }
  const env = app.get<BaseEnv>(SERVICE_CONFIG);
  const opts = app.get<PlatformOptions>(PLATFORM_OPTIONS);
  await app.listen(env.PORT, env.HOST);
  log.log(`${opts.service} listening on http://${env.HOST}:${env.PORT} (docs at /docs)`);
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.log(`${signal}: shutting down`);
      shutdownApp(app, env.SHUTDOWN_GRACE_MS).then(
        () => process.exit(0),
        (err) => {
          log.error(`shutdown failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
  return app;
}

