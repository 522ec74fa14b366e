import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NatsConnectionService } from '../nats-connection.service';
import { MESSAGING_OPTIONS, MessagingOptions } from '../options';
import { messagingMetrics } from '../metrics';

const BATCH = 500;

/**
 * Publishes committed outbox rows to JetStream in order, with the event id as `Nats-Msg-Id`
 * (the server drops a copy sent twice). Woken after every commit; a sweeper also runs on a timer,
 * so rows left behind by a crash or a broker outage are published when the broker is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnectionService,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.opts.sweepIntervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a publish pass; passes never overlap, a kick during one schedules another. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Resolves when nothing is left to publish (used by tools and tests). */
  async flush(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        let published: number;
        do {
          published = await this.publishBatch();
        } while (published === BATCH && !this.stopped);
      } while (this.again && !this.stopped);
      await this.maybePurge();
    } catch (err) {
      this.log.warn(`outbox pass failed, the sweeper will retry: ${(err as Error).message}`);
    }
  }

  /** Publishes up to BATCH rows; returns how many were published, or -1 when one failed. */
  private async publishBatch(): Promise<number> {
    if (!this.nats.isConnected()) return -1;
    const js = this.nats.jetstream;
    return this.dataSource.transaction(async (m) => {
      const rows: { seq: string; id: string; subject: string; envelope: unknown }[] = await m.query(
        'SELECT seq, id, subject, envelope FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
        [BATCH],
      );
      if (rows.length === 0) {
        messagingMetrics.outboxPending.set({ service: this.opts.serviceName }, 0);
        return 0;
      }
      // one connection keeps the send order; the acks are awaited together
      const results = await Promise.allSettled(
        rows.map((r) => js.publish(r.subject, Buffer.from(JSON.stringify(r.envelope)), { msgID: r.id, timeout: 5000 })),
      );
      const ok: string[] = [];
      const failed: string[] = [];
      let firstError = '';
      results.forEach((res, i) => {
        if (res.status === 'fulfilled') {
          ok.push(rows[i].seq);
          messagingMetrics.published.inc({ service: this.opts.serviceName, type: rows[i].subject });
        } else {
          failed.push(rows[i].seq);
          firstError ||= String(res.reason?.message ?? res.reason);
        }
      });
      if (ok.length) await m.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [ok]);
      if (failed.length) {
        messagingMetrics.publishFailures.inc({ service: this.opts.serviceName }, failed.length);
        await m.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])', [failed, firstError.slice(0, 500)]);
        this.log.warn(`${failed.length} of ${rows.length} events not published yet: ${firstError}`);
      }
      messagingMetrics.outboxPending.set({ service: this.opts.serviceName }, failed.length);
      return failed.length ? -1 : ok.length;
    });
  }

  /** Deletes published rows past their retention, at most once a minute. */
  private async maybePurge(): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => $1)`,
      [this.opts.outboxRetentionHours],
    );
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    return row.n;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
