import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { Gauge, register } from 'prom-client';
import { Department, DEPARTMENTS } from '@district/contracts';
import { RpcClient, RpcRemoteError, RpcTimeoutError } from '@district/messaging';
import { natsAuthFrom } from '@district/service-kit';
import { GatewayEnv } from '../config';

export { Department, DEPARTMENTS };

/** One department's part of a view: its answer, a deliberate "no such thing", or no usable answer. */
export type DepartmentAnswer<T> =
  | { status: 'ok'; value: T; ms: number }
  | { status: 'not-found'; detail: string; ms: number }
  | { status: 'unavailable'; detail: string; ms: number };

// guarded: a second app in the same process (tests) reuses the metric instead of registering it twice
const breakerOpen =
  (register.getSingleMetric('gateway_breaker_open') as Gauge<string>) ??
  new Gauge({ name: 'gateway_breaker_open', help: '1 while calls to the department fail fast (circuit open or half-open), else 0', labelNames: ['department'] });

type Breaker = CircuitBreaker<[subject: string, payload: unknown], unknown>;

/**
 * Request/reply to the departments: one NATS client for the process and one circuit breaker per
 * department, so a department that is down or slow costs at most its timeout, then nothing.
 */
@Injectable()
export class DepartmentClient implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('DepartmentClient');
  private readonly rpc: RpcClient;
  private readonly breakers: Record<Department, Breaker>;

  constructor(private readonly env: GatewayEnv) {
    this.rpc = new RpcClient(env.NATS_URL, 'gateway', env.DEPARTMENT_TIMEOUT_MS, natsAuthFrom(env));
    this.breakers = Object.fromEntries(DEPARTMENTS.map((d) => [d, this.createBreaker(d)])) as Record<Department, Breaker>;
  }

  async onModuleInit(): Promise<void> {
    // a broker that is down at boot is not fatal: readiness says so and calls reconnect when it is back
    await this.rpc.connect().catch((err) => this.log.warn(`NATS not reachable yet: ${(err as Error)?.message ?? String(err)}`));
  }

  /** The department's answer, or throws (RpcRemoteError for an answer it meant, e.g. 404; anything else means unavailable). */
  call<T>(department: Department, subject: string, payload: unknown): Promise<T> {
    return this.breakers[department].fire(subject, payload) as Promise<T>;
  }

  /** Never throws: the answer, a 404 from the department, or why there is no answer, with the time it took. */
  async ask<T>(department: Department, subject: string, payload: unknown): Promise<DepartmentAnswer<T>> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const value = await this.call<T>(department, subject, payload);
      return { status: 'ok', value, ms: ms() };
    } catch (err) {
      if (err instanceof RpcRemoteError && err.status === 404) return { status: 'not-found', detail: err.detail ?? err.title, ms: ms() };
      if (err instanceof RpcRemoteError && err.status < 500) {
        // the gateway asked wrongly: a bug here, not the department's outage; still never a 500 to the caller
        this.log.error(`${department} refused ${subject} (${err.status}): ${err.detail ?? err.title}`);
      }
      return { status: 'unavailable', detail: describeFailure(err), ms: ms() };
    }
  }

  isConnected(): boolean {
    return this.rpc.isConnected();
  }

  // after the HTTP server has closed, so in-flight views still get their answers
  async onApplicationShutdown(): Promise<void> {
    for (const breaker of Object.values(this.breakers)) breaker.shutdown();
    await this.rpc.close();
  }

  private createBreaker(department: Department): Breaker {
    const breaker: Breaker = new CircuitBreaker((subject: string, payload: unknown) => this.rpc.request(subject, payload), {
      name: department,
      timeout: this.env.DEPARTMENT_TIMEOUT_MS,
      volumeThreshold: this.env.BREAKER_VOLUME_THRESHOLD,
      errorThresholdPercentage: this.env.BREAKER_ERROR_THRESHOLD_PERCENT,
      resetTimeout: this.env.BREAKER_RESET_MS,
      rollingCountTimeout: this.env.BREAKER_ROLLING_WINDOW_MS,
      // a 4xx is the department answering on purpose (unknown school, bad input): it is healthy
      errorFilter: (err: unknown) => err instanceof RpcRemoteError && err.status < 500,
    });
    breakerOpen.set({ department }, 0);
    breaker.on('open', () => {
      breakerOpen.set({ department }, 1);
      this.log.warn(`circuit to ${department} opened: failing fast for ${this.env.BREAKER_RESET_MS} ms`);
    });
    breaker.on('close', () => {
      breakerOpen.set({ department }, 0);
      this.log.log(`circuit to ${department} closed`);
    });
    return breaker;
  }
}

/** A short reason a department gave no usable answer, for a view's `sources` entry. */
export function describeFailure(err: unknown): string {
  const code = (err as { code?: string })?.code;
  if (code === 'EOPENBREAKER') return 'circuit open after recent failures; not asked';
  if (code === 'ETIMEDOUT' || err instanceof RpcTimeoutError) return 'no answer within the timeout';
  return err instanceof Error ? err.message : String(err);
}
