import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Subscription } from 'nats';
import { Department, DepartmentKpisReply, departmentOfSubject, DepartmentQueries, KpisRequest } from '@district/contracts';
import { NatsConnectionService } from '@district/messaging';
import { DepartmentAnswer, DepartmentClient } from '../clients/department-client';
import { GatewayEnv } from '../config';

interface Entry {
  expires: number;
  answer: Promise<DepartmentAnswer<DepartmentKpisReply>>;
}

/**
 * A department's KPI answers, cached briefly (KPI_CACHE_TTL_MS) and dropped as soon as that department
 * publishes an event, so the scorecard changes the minute a contract is ratified and the departments are not
 * asked again for every dashboard refresh. Failed answers are not cached.
 */
@Injectable()
export class DepartmentKpis implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DepartmentKpis');
  private readonly cache = new Map<string, Entry>();
  private sub?: Subscription;

  constructor(
    private readonly departments: DepartmentClient,
    private readonly nats: NatsConnectionService,
    private readonly env: GatewayEnv,
  ) {}

  onApplicationBootstrap(): void {
    try {
      // plain (non-durable) subscription: a missed event only means an entry lives out its short TTL
      this.sub = this.nats.connection.subscribe('evt.>', {
        callback: (_err, msg) => {
          const department = departmentOfSubject(msg.subject);
          if (department) this.invalidate(department);
        },
      });
    } catch (err) {
      this.log.warn(`no event subscription, KPI answers expire by TTL only: ${(err as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
  }

  get(department: Department, request: KpisRequest): Promise<DepartmentAnswer<DepartmentKpisReply>> {
    const key = `${department}|${request.from}|${request.to}|${request.bySchool ? 1 : 0}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.answer;
    const answer = this.departments.ask<DepartmentKpisReply>(department, DepartmentQueries.kpis(department), request);
    if (this.env.KPI_CACHE_TTL_MS > 0) {
      this.cache.set(key, { expires: now + this.env.KPI_CACHE_TTL_MS, answer });
      void answer.then((a) => a.status !== 'ok' && this.cache.get(key)?.answer === answer && this.cache.delete(key));
    }
    return answer;
  }

  invalidate(department: Department): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${department}|`)) this.cache.delete(key);
  }
}
