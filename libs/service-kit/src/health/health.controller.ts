import { Controller, Get, OnModuleInit, Optional, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { EventConsumers, NatsConnectionService } from '@district/messaging';
import { Public } from '../auth/decorators';
import { Lifecycle } from './lifecycle';

interface Reply {
  status(code: number): Reply;
  send(body: unknown): void;
}

export type Check = { status: 'up' | 'down'; detail?: string };

/**
 * Extra readiness checks an app adds (the gateway checks its NATS client): name to check. Provide it in any
 * module of the app; the health controller looks it up across the whole app.
 */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export type ReadinessChecks = Record<string, () => Promise<Check> | Check>;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController implements OnModuleInit {
  private extra?: ReadinessChecks;

  constructor(
    private readonly lifecycle: Lifecycle,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() private readonly nats?: NatsConnectionService,
    @Optional() private readonly consumers?: EventConsumers,
  ) {}

  onModuleInit(): void {
    try {
      this.extra = this.moduleRef.get<ReadinessChecks>(READINESS_CHECKS, { strict: false });
    } catch {
      this.extra = undefined; // the app adds none
    }
  }

  @Get('live')
  @ApiOkResponse({ description: 'the process is up', schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'database, NATS and event consumers are working', schema: { example: { status: 'ok', checks: { database: { status: 'up' }, nats: { status: 'up' }, consumers: { status: 'up' } } } } })
  @ApiServiceUnavailableResponse({ description: 'a dependency is down, or the service is shutting down' })
  async ready(@Res() reply: Reply) {
    const checks: Record<string, Check> = {};
    if (this.dataSource) checks.database = await this.database(this.dataSource);
    if (this.nats) checks.nats = this.nats.isConnected() ? { status: 'up' } : { status: 'down', detail: 'not connected' };
    if (this.consumers) checks.consumers = this.consumerCheck(this.consumers);
    for (const [name, check] of Object.entries(this.extra ?? {})) checks[name] = await check();
    const ok = !this.lifecycle.shuttingDown && Object.values(checks).every((c) => c.status === 'up');
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : this.lifecycle.shuttingDown ? 'shutting-down' : 'unavailable', checks });
  }

  private async database(ds: DataSource): Promise<Check> {
    try {
      await Promise.race([
        ds.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), 1000).unref()),
      ]);
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }

  private consumerCheck(consumers: EventConsumers): Check {
    const down = consumers.status().filter((c) => !c.running);
    return down.length ? { status: 'down', detail: down.map((c) => `${c.stream}: ${c.lastError ?? 'starting'}`).join('; ') } : { status: 'up' };
  }
}
