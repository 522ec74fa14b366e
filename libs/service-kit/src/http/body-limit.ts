import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { BaseEnv } from '../config';

const BODY_LIMIT_SETTING = 'bodyLimitSetting';

/**
 * A bulk route's body may be as large as the service setting named here (bytes, e.g.
 * `INGEST_MAX_BODY_BYTES`) instead of the platform-wide BODY_LIMIT_BYTES; larger answers 413.
 */
export const BodyLimit = (setting: string) => RouteConfig({ [BODY_LIMIT_SETTING]: setting });

/**
 * Applies @BodyLimit: Nest calls `configure` just before it registers the routes with Fastify, so an
 * onRoute hook added here sees every route. Part of PlatformModule.
 */
@Module({})
export class BodyLimitModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    // the service's own Env class instance (PlatformModule provides it under BaseEnv too)
    private readonly env: BaseEnv,
  ) {}

  configure(_consumer: MiddlewareConsumer): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const setting = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT_SETTING];
      if (typeof setting !== 'string') return;
      const bytes = (this.env as unknown as Record<string, unknown>)[setting];
      if (typeof bytes !== 'number' || !(bytes > 0)) throw new Error(`@BodyLimit('${setting}') on ${route.method} ${route.url}: the service has no such byte-count setting`);
      route.bodyLimit = bytes;
    });
  }
}
