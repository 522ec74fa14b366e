import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DataSource, QueryRunner } from 'typeorm';
import { JsMsg } from 'nats';
import {
  departmentOfSubject,
  EventDefinition,
  EventEnvelope,
  InvalidEnvelopeError,
  parseEnvelope,
  StreamDefinition,
  streamFor,
} from '@district/contracts';
import { runWithContext } from '../context';
import { messagingMetrics } from '../metrics';
import { NatsConnectionService } from '../nats-connection.service';
import { MESSAGING_OPTIONS, MessagingOptions } from '../options';
import { EventCollector, writeOutbox } from '../outbox/unit-of-work';
import { OutboxRelay } from '../outbox/outbox-relay';
import { ensureConsumer, ensureStream, requireConsumer } from '../provisioning';
import { EventHandlerFn, ON_EVENT } from './on-event.decorator';

interface Registered {
  def: EventDefinition<unknown>;
  fn: EventHandlerFn<unknown>;
}

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'retry' | 'dead';

export interface ConsumerState {
  stream: string;
  running: boolean;
  lastError?: string;
}

/** Delay before the next attempt: base × 2^(attempt-1), capped. */
export function retryDelayMs(deliveryCount: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, deliveryCount - 1));
}

/**
 * Runs the service's durable JetStream consumers (DESIGN.md section 3): each batch of events is
 * handled in one transaction, each event under its own savepoint with its inbox row, so a redelivered
 * event is skipped; acks go out only after commit; a failing event is negatively acknowledged with a
 * growing delay and, after its last attempt, kept in dead letters for an operator.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('EventConsumers');
  private readonly handlers = new Map<string, Registered>();
  private readonly states = new Map<string, ConsumerState>();
  private readonly loops: Promise<void>[] = [];
  private readonly stops: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnectionService,
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.discoverHandlers();
    const streams = new Map<string, StreamDefinition>();
    for (const { def } of this.handlers.values()) {
      const dept = departmentOfSubject(def.subject);
      if (!dept) throw new Error(`handler for ${def.subject}: not a department event subject`);
      const stream = streamFor(dept);
      streams.set(stream.name, stream);
    }
    for (const stream of streams.values()) {
      this.states.set(stream.name, { stream: stream.name, running: false });
      this.loops.push(this.run(stream));
    }
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const def = Reflect.getMetadata(ON_EVENT, proto[name]) as EventDefinition<unknown> | undefined;
        if (!def) continue;
        const key = `${def.type}.v${def.version}`;
        if (this.handlers.has(key)) throw new Error(`two handlers for ${key} in ${this.opts.serviceName}`);
        this.handlers.set(key, { def, fn: (proto[name] as EventHandlerFn<unknown>).bind(instance) });
      }
    }
  }

  /** Whether every consumer is attached to its stream (readiness). */
  status(): ConsumerState[] {
    return [...this.states.values()];
  }

  handlerFor(type: string, version: number): Registered | undefined {
    return this.handlers.get(`${type}.v${version}`);
  }

  private get durable(): string {
    return this.opts.serviceName;
  }

  private async run(stream: StreamDefinition): Promise<void> {
    const state = this.states.get(stream.name)!;
    let failures = 0;
    while (!this.stopped) {
      try {
        const jsm = this.nats.jetstreamManager;
        if (this.opts.provision === false) {
          // declared in deploy/nats/jetstream and applied by the provisioning step; this user may only read it
          await requireConsumer(jsm, stream, this.durable);
        } else {
          await ensureStream(jsm, stream, { replicas: this.opts.streamReplicas, maxAgeDays: this.opts.streamMaxAgeDays });
          await ensureConsumer(jsm, stream, this.durable, this.opts.consumerAckWaitMs);
        }
        const consumer = await this.nats.jetstream.consumers.get(stream.name, this.durable);
        // short pull expiry: after a broker restart, pulls are re-issued within seconds, not after the default 30 s
        const messages = await consumer.consume({ max_messages: this.opts.consumerBatchSize * 2, expires: 5000 });
        this.stops.push(() => messages.stop());
        if (this.stopped) {
          // shutdown began while the consumer was being set up
          messages.stop();
          break;
        }
        state.running = true;
        state.lastError = undefined;
        failures = 0;
        await this.drain(stream, messages);
      } catch (err) {
        state.running = false;
        state.lastError = (err as Error).message;
        if (this.stopped) break;
        failures++;
        this.log.warn(`consumer ${this.durable} on ${stream.name} stopped, restarting: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(failures, 5))));
      }
    }
    state.running = false;
  }

  /**
   * Hands what arrives to `handleBatch` in batches: a full batch, or whatever is waiting as soon as the
   * previous batch is done. The iterator is read by its own loop into a small bounded buffer, so a batch
   * never waits for a message that is not coming (the client's pending count is not reliable enough to
   * tell "more is on the way" from "that was the last one"), and the buffer's bound keeps back-pressure.
   */
  private async drain(stream: StreamDefinition, messages: AsyncIterable<JsMsg> & { stop(): void }): Promise<void> {
    const size = this.opts.consumerBatchSize;
    const buffer: JsMsg[] = [];
    let done = false;
    let failure: unknown;
    let wakeHandler: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const reader = (async () => {
      try {
        for await (const msg of messages) {
          buffer.push(msg);
          wakeHandler?.();
          if (buffer.length >= size * 2) await new Promise<void>((r) => (wakeReader = r));
          if (this.stopped) break;
        }
      } catch (err) {
        failure = err;
      } finally {
        done = true;
        wakeHandler?.();
      }
    })();
    while (!(done && buffer.length === 0)) {
      if (buffer.length === 0) {
        await new Promise<void>((r) => (wakeHandler = r));
        wakeHandler = undefined;
        continue;
      }
      await this.handleBatch(stream, buffer.splice(0, size));
      wakeReader?.();
      wakeReader = undefined;
      if (this.stopped) messages.stop();
    }
    await reader;
    if (failure) throw failure;
  }

  /**
   * Handles a batch in one transaction and sends the acks and naks after commit. The batch first runs
   * without savepoints (the common case: every event succeeds); when one handler fails, the transaction is
   * rolled back and the batch runs again with a savepoint per event, so only the failing event is retried.
   */
  private async handleBatch(stream: StreamDefinition, msgs: JsMsg[]): Promise<void> {
    const timer = messagingMetrics.handleSeconds.startTimer({ service: this.opts.serviceName, stream: stream.name });
    try {
      let outcomes = await this.runBatch(stream, msgs, false);
      if (!outcomes) outcomes = (await this.runBatch(stream, msgs, true))!;
      for (const { msg, outcome, type } of outcomes) {
        if (outcome === 'retry') msg.nak(retryDelayMs(msg.info.redeliveryCount, this.opts.backoffMs, this.opts.maxBackoffMs));
        else msg.ack();
        messagingMetrics.consumed.inc({ service: this.opts.serviceName, stream: stream.name, type, result: outcome });
      }
    } catch (err) {
      // the transaction itself failed (database down): every message will be redelivered
      this.log.warn(`batch of ${msgs.length} not committed, will be redelivered: ${(err as Error).message}`);
      for (const msg of msgs) msg.nak(retryDelayMs(msg.info.redeliveryCount, this.opts.backoffMs, this.opts.maxBackoffMs));
    } finally {
      timer();
    }
  }

  /** One transaction over the batch. Without savepoints, returns undefined (rolled back) as soon as a handler fails. */
  private async runBatch(stream: StreamDefinition, msgs: JsMsg[], savepoints: boolean): Promise<{ msg: JsMsg; outcome: Outcome; type: string }[] | undefined> {
    const runner = this.dataSource.createQueryRunner();
    const outcomes: { msg: JsMsg; outcome: Outcome; type: string }[] = [];
    const emitted: EventEnvelope[] = [];
    try {
      await runner.connect();
      await runner.startTransaction();
      // fast path: the whole batch's inbox rows in one statement; the ids it did not insert were handled before
      const fresh = savepoints ? undefined : await this.claimInbox(runner, msgs);
      for (const msg of msgs) {
        const result = await this.handleOne(runner, stream, msg, savepoints, emitted, fresh);
        if (!result) {
          await runner.rollbackTransaction();
          return undefined;
        }
        outcomes.push({ msg, ...result });
      }
      await writeOutbox(runner.manager, emitted);
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
    if (emitted.length) this.relay.kick();
    return outcomes;
  }

  /** Inserts the inbox rows of every readable, handled event of the batch; returns the ids that were new. */
  private async claimInbox(runner: QueryRunner, msgs: JsMsg[]): Promise<Set<string>> {
    const ids: string[] = [];
    const types: string[] = [];
    for (const msg of msgs) {
      try {
        const e = parseEnvelope(msg.data);
        if (this.handlerFor(e.type, e.version)) {
          ids.push(e.id);
          types.push(e.type);
        }
      } catch {
        // unreadable: handleOne dead-letters it
      }
    }
    if (!ids.length) return new Set();
    const rows: { event_id: string }[] = await runner.query(
      `INSERT INTO inbox (event_id, consumer, type) SELECT id, $2, type FROM unnest($1::uuid[], $3::text[]) AS t(id, type)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [ids, this.durable, types],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /** Handles one message; returns undefined when its handler failed and there is no savepoint to roll back to. */
  private async handleOne(
    runner: QueryRunner,
    stream: StreamDefinition,
    msg: JsMsg,
    savepoint: boolean,
    emitted: EventEnvelope[],
    /** with the fast path: event ids whose inbox rows this batch inserted (each is applied once) */
    fresh?: Set<string>,
  ): Promise<{ outcome: Outcome; type: string } | undefined> {
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(msg.data);
    } catch (err) {
      const reason = err instanceof InvalidEnvelopeError ? err.message : String(err);
      await this.deadLetter(runner, stream, msg, null, null, `unreadable message: ${reason}`);
      return { outcome: 'dead', type: 'unreadable' };
    }
    const handler = this.handlerFor(envelope.type, envelope.version);
    if (!handler) return { outcome: 'ignored', type: envelope.type };

    if (fresh && !fresh.delete(envelope.id)) return { outcome: 'duplicate', type: envelope.type };
    if (savepoint) await runner.query('SAVEPOINT event');
    try {
      const result = fresh ? { duplicate: false, events: await this.applyHandler(runner, envelope, handler) } : await this.applyWithInbox(runner, envelope, handler);
      if (savepoint) await runner.query('RELEASE SAVEPOINT event');
      emitted.push(...result.events);
      return { outcome: result.duplicate ? 'duplicate' : 'handled', type: envelope.type };
    } catch (err) {
      if (!savepoint) return undefined;
      await runner.query('ROLLBACK TO SAVEPOINT event');
      const error = (err as Error)?.stack ?? String(err);
      const deliveries = msg.info.redeliveryCount;
      if (deliveries >= this.opts.maxDeliver) {
        this.log.error(`event ${envelope.id} (${envelope.type}) failed ${deliveries} times, moved to dead letters: ${(err as Error).message}`);
        await this.deadLetter(runner, stream, msg, envelope.id, envelope.type, error);
        return { outcome: 'dead', type: envelope.type };
      }
      this.log.warn(`event ${envelope.id} (${envelope.type}) failed attempt ${deliveries}: ${(err as Error).message}`);
      return { outcome: 'retry', type: envelope.type };
    }
  }

  /**
   * Inserts the inbox row then runs the handler, with the runner's transaction. Returns the events the
   * handler published (the caller writes them to the outbox before commit), and duplicate=true when this
   * consumer has handled the event before.
   */
  async applyWithInbox(runner: QueryRunner, envelope: EventEnvelope, handler: Registered): Promise<{ duplicate: boolean; events: EventEnvelope[] }> {
    const inserted: unknown[] = await runner.query(
      'INSERT INTO inbox (event_id, consumer, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
      [envelope.id, this.durable, envelope.type],
    );
    if (inserted.length === 0) return { duplicate: true, events: [] };
    return { duplicate: false, events: await this.applyHandler(runner, envelope, handler) };
  }

  /** Runs the handler in the runner's transaction, in the event's correlation context; returns the events it published. */
  private async applyHandler(runner: QueryRunner, envelope: EventEnvelope, handler: Registered): Promise<EventEnvelope[]> {
    const collector = new EventCollector(this.opts.serviceName, { correlationId: envelope.correlationId, causationId: envelope.id });
    await runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
      handler.fn(envelope, { manager: runner.manager, publish: (def, data) => collector.add(def, data) }),
    );
    return collector.drain();
  }

  private async deadLetter(runner: QueryRunner, stream: StreamDefinition, msg: JsMsg, eventId: string | null, type: string | null, error: string): Promise<void> {
    await runner.query(
      'INSERT INTO dead_letters (event_id, consumer, stream, subject, type, payload, error, deliveries) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [eventId, this.durable, stream.name, msg.subject, type, Buffer.from(msg.data).toString('utf8'), error.slice(0, 4000), msg.info.redeliveryCount],
    );
    messagingMetrics.deadLetters.inc({ service: this.opts.serviceName, type: type ?? 'unreadable' });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops) stop();
    await Promise.allSettled(this.loops);
  }
}
