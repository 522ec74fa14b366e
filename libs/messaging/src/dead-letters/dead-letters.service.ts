import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseEnvelope } from '@district/contracts';
import { EventConsumers } from '../consumers/event-consumers.service';
import { OutboxRelay } from '../outbox/outbox-relay';
import { writeOutbox } from '../outbox/unit-of-work';
import { DeadLetterRow } from '../outbox/messaging.entities';

export type ReplayResult = { status: 'replayed' | 'already-handled' } | { status: 'failed'; error: string } | { status: 'not-found' } | { status: 'not-replayable'; error: string };

/** Lists the events this service could not handle, and replays one once its cause is fixed. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: EventConsumers,
    private readonly relay: OutboxRelay,
  ) {}

  async list(opts: { limit: number; offset: number; includeReplayed: boolean }): Promise<{ items: DeadLetterRow[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(DeadLetterRow).findAndCount({
      where: opts.includeReplayed ? {} : { replayedAt: null as unknown as undefined },
      order: { failedAt: 'DESC' },
      take: opts.limit,
      skip: opts.offset,
    });
    return { items, total };
  }

  /** Runs the event's handler again, in one transaction with its inbox row; marks the dead letter replayed. */
  async replay(id: string): Promise<ReplayResult> {
    const row = await this.dataSource.getRepository(DeadLetterRow).findOneBy({ id });
    if (!row) return { status: 'not-found' };
    if (row.replayedAt) return { status: 'already-handled' };
    let envelope;
    try {
      envelope = parseEnvelope(row.payload);
    } catch (err) {
      return { status: 'not-replayable', error: (err as Error).message };
    }
    const handler = this.consumers.handlerFor(envelope.type, envelope.version);
    if (!handler) return { status: 'not-replayable', error: `no handler for ${envelope.type} v${envelope.version}` };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await this.consumers.applyWithInbox(runner, envelope, handler);
      await writeOutbox(runner.manager, result.events);
      await runner.query('UPDATE dead_letters SET replayed_at = now() WHERE id = $1', [id]);
      await runner.commitTransaction();
      if (result.events.length) this.relay.kick();
      return { status: result.duplicate ? 'already-handled' : 'replayed' };
    } catch (err) {
      await runner.rollbackTransaction();
      return { status: 'failed', error: (err as Error).message };
    } finally {
      await runner.release();
    }
  }
}
