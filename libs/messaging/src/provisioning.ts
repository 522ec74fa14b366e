import { AckPolicy, DeliverPolicy, JetStreamManager, nanos, RetentionPolicy, StorageType, StreamConfig } from 'nats';
import type { StreamDefinition } from '@district/contracts';

export interface StreamSettings {
  replicas: number;
  maxAgeDays: number;
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { err_code?: number } };
  return e?.code === '404' || e?.api_error?.err_code === 10059 || e?.api_error?.err_code === 10014 || /not found/i.test(String(err));
}

/** Creates the department's stream, or brings its subjects and limits up to date. Safe to call from every replica. */
export async function ensureStream(jsm: JetStreamManager, def: StreamDefinition, settings: StreamSettings): Promise<void> {
  const wanted: Partial<StreamConfig> = {
    name: def.name,
    subjects: def.subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(settings.maxAgeDays * 86_400_000),
    duplicate_window: nanos(120_000),
    num_replicas: settings.replicas,
  };
  try {
    const info = await jsm.streams.info(def.name);
    const same = JSON.stringify(info.config.subjects) === JSON.stringify(def.subjects) && info.config.max_age === wanted.max_age;
    if (!same) await jsm.streams.update(def.name, { ...info.config, ...wanted } as StreamConfig);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await jsm.streams.add(wanted);
    } catch (addErr) {
      // another replica created it meanwhile
      if (!/already in use|exists/i.test(String(addErr))) throw addErr;
    }
  }
}

/**
 * One durable pull consumer per (consuming service, stream). The server redelivers without limit;
 * the consumer itself moves an event to dead letters after its last attempt, so nothing is dropped by the server.
 */
export async function ensureConsumer(jsm: JetStreamManager, def: StreamDefinition, durable: string, ackWaitMs: number): Promise<void> {
  const config = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: def.subjects[0],
    ack_wait: nanos(ackWaitMs),
    max_deliver: -1,
    max_ack_pending: 2000,
  };
  try {
    await jsm.consumers.info(def.name, durable);
    await jsm.consumers.update(def.name, durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await jsm.consumers.add(def.name, config);
    } catch (addErr) {
      if (!/already in use|exists/i.test(String(addErr))) throw addErr;
    }
  }
}
