import { Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { SERVICE_CONFIG } from '@district/service-kit';
import { TransportationEnv } from '../config';

/** Marks a bulk ingestion route: its body may be up to INGEST_MAX_BODY_BYTES instead of the global BODY_LIMIT_BYTES. */
export const BulkBody = () => RouteConfig({ bulkBody: true });

/**
 * Raises Fastify's body limit for routes marked @BulkBody. It hooks route registration, which Nest does
 * after providers are created, so constructing this provider is early enough.
 */
@Injectable()
export class BulkBodyLimit {
  constructor(@Optional() adapterHost: HttpAdapterHost | undefined, @Inject(SERVICE_CONFIG) env: TransportationEnv) {
    const fastify = adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return; // an application context (the seeder) has no HTTP server
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if ((route.config as { bulkBody?: boolean } | undefined)?.bulkBody) route.bodyLimit = env.INGEST_MAX_BODY_BYTES;
    });
  }
}
