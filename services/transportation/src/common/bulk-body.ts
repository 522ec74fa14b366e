import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { SERVICE_CONFIG } from '@district/service-kit';
import { TransportationEnv } from '../config';

/** Marks a bulk ingestion route: its body may be up to INGEST_MAX_BODY_BYTES instead of the global BODY_LIMIT_BYTES. */
export const BulkBody = () => RouteConfig({ bulkBody: true });

/**
 * Raises Fastify's body limit for routes marked @BulkBody. Nest calls `configure` (middleware registration)
 * just before it registers the routes with Fastify, so an onRoute hook added here sees every route.
 */
@Module({})
export class BulkBodyModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_CONFIG) private readonly env: TransportationEnv,
  ) {}

  configure(_consumer: MiddlewareConsumer): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    const limit = this.env.INGEST_MAX_BODY_BYTES;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if ((route.config as { bulkBody?: boolean } | undefined)?.bulkBody) route.bodyLimit = limit;
    });
  }
}
