import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Tx, UnitOfWork } from '../outbox/unit-of-work';

interface Registration {
  job: string;
  intervalMs: number;
  tick: () => Promise<unknown>;
  timer?: NodeJS.Timeout;
  running?: Promise<unknown>;
}

/**
 * Scheduled work that happens once per occurrence however many replicas run.
 *
 * Every replica ticks (`every`), and each tick asks `runOnce(job, runKey, work)` for the occurrences that
 * are due, e.g. runKey = the due date. The claim row `(job, run_key)` and the work commit in one
 * transaction: a replica that loses the race blocks on the claim's unique key until the winner commits,
 * then skips; if the work fails, the claim rolls back with it and the next tick retries. No leader
 * election, no lease to expire: the database's unique key is the arbiter (ADR 0025).
 */
@Injectable()
export class ScheduledJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('ScheduledJobs');
  private readonly registrations: Registration[] = [];
  private started = false;
  private stopped = false;

  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Runs `work` in one transaction (with `tx.publish` for its events) unless `(job, runKey)` already ran.
   * Returns true when this call did the work.
   */
  runOnce(job: string, runKey: string, work: (tx: Tx) => Promise<void>): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const claimed: unknown[] = await tx.manager.query(
        `INSERT INTO scheduled_job_runs (job, run_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`,
        [job, runKey],
      );
      if (claimed.length === 0) return false;
      await work(tx);
      return true;
    });
  }

  /** Calls `tick` every `intervalMs` in this replica (first call right after the app has started); ticks never overlap. */
  every(job: string, intervalMs: number, tick: () => Promise<unknown>): void {
    const reg: Registration = { job, intervalMs, tick };
    this.registrations.push(reg);
    if (this.started) this.schedule(reg, 0);
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const reg of this.registrations) this.schedule(reg, 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const reg of this.registrations) clearTimeout(reg.timer);
    await Promise.all(this.registrations.map((r) => r.running));
  }

  private schedule(reg: Registration, delayMs: number): void {
    if (this.stopped) return;
    reg.timer = setTimeout(() => {
      reg.running = reg
        .tick()
        .catch((err) => this.log.error(`job ${reg.job} failed; retrying at the next tick: ${(err as Error)?.message ?? String(err)}`))
        .finally(() => {
          reg.running = undefined;
          this.schedule(reg, reg.intervalMs);
        });
    }, delayMs);
    reg.timer.unref();
  }
}
