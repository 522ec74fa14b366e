import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { createEnvelope, EventDefinition, EventEnvelope } from '@district/contracts';
import { currentContext } from '../context';
import { MESSAGING_OPTIONS, MessagingOptions } from '../options';
import { OutboxRelay } from './outbox-relay';

/** What a use case gets inside its transaction: the entity manager, and `publish` to record events. */
export interface Tx {
  manager: EntityManager;
  /** records an event; it is written to the outbox in this transaction and published after commit */
  publish<T>(def: EventDefinition<T>, data: T): EventEnvelope<T>;
}

/** Events a transaction records, in order, stamped with the current correlation and cause. */
export class EventCollector {
  private readonly events: EventEnvelope[] = [];

  constructor(
    private readonly source: string,
    private readonly cause: { correlationId?: string; causationId?: string | null } = {},
  ) {}

  add<T>(def: EventDefinition<T>, data: T): EventEnvelope<T> {
    const ctx = currentContext();
    const envelope = createEnvelope(def, data, {
      source: this.source,
      correlationId: this.cause.correlationId ?? ctx?.correlationId,
      causationId: this.cause.causationId ?? ctx?.causationId ?? null,
    });
    this.events.push(envelope);
    return envelope;
  }

  drain(): EventEnvelope[] {
    return this.events.splice(0, this.events.length);
  }
}

const INSERT_CHUNK = 1000;

/** Inserts envelopes into the outbox with the given manager (so: inside the caller's transaction). */
export async function writeOutbox(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    const chunk = events.slice(i, i + INSERT_CHUNK);
    const params: unknown[] = [];
    const rows = chunk.map((e, j) => {
      params.push(e.id, `evt.${e.type}.v${e.version}`, JSON.stringify(e));
      return `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3}::jsonb)`;
    });
    await manager.query(`INSERT INTO outbox (id, subject, envelope) VALUES ${rows.join(', ')}`, params);
  }
}

/**
 * Runs one use case as one transaction: the change and its events commit together or not at all
 * (DESIGN.md section 3), then the relay is woken to publish them.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const collector = new EventCollector(this.opts.serviceName);
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work({ manager, publish: (def, data) => collector.add(def, data) });
      await writeOutbox(manager, collector.drain());
      return value;
    });
    this.relay.kick();
    return result;
  }
}
