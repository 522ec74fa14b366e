import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AckPolicy, ConsumerConfig, DeliverPolicy, JetStreamManager, nanos, RetentionPolicy, StorageType, StreamConfig } from 'nats';
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

/** Thrown when a stream or consumer the service needs has not been provisioned (NATS_PROVISION=false). */
export class NotProvisionedError extends Error {}

/** Checks, without changing anything, that the stream exists (a service whose NATS user may not create streams). */
export async function requireStream(jsm: JetStreamManager, def: StreamDefinition): Promise<void> {
  try {
    await jsm.streams.info(def.name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    throw new NotProvisionedError(`stream ${def.name} does not exist: apply deploy/nats/jetstream with the provisioning step`);
  }
}

/** Checks, without changing anything, that the durable consumer exists. */
export async function requireConsumer(jsm: JetStreamManager, def: StreamDefinition, durable: string): Promise<void> {
  try {
    await jsm.consumers.info(def.name, durable);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    throw new NotProvisionedError(`consumer ${durable} on ${def.name} does not exist: apply deploy/nats/jetstream with the provisioning step`);
  }
}

/** Streams and durable consumers as declared in files (deploy/nats/jetstream), in the server API's JSON. */
export interface JetStreamDeclarations {
  streams: (Partial<StreamConfig> & { name: string })[];
  consumers: { stream_name: string; config: Partial<ConsumerConfig> & { durable_name: string } }[];
}

/** Reads `<dir>/streams/*.json` and `<dir>/consumers/*.json`. */
export function loadDeclarations(dir: string): JetStreamDeclarations {
  const read = (sub: string) =>
    readdirSync(path.join(dir, sub))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(dir, sub, f), 'utf8')));
  return { streams: read('streams'), consumers: read('consumers') };
}

/** Consumer settings the server lets an existing durable change; the others are fixed at creation. */
const MUTABLE_CONSUMER_FIELDS = ['description', 'ack_wait', 'max_deliver', 'max_ack_pending', 'backoff', 'max_waiting', 'headers_only', 'sample_freq'] as const;

export interface ApplyResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Makes the server hold the declared streams and consumers: creates what is missing and updates what
 * differs (idempotent, run by the provisioning step with a user allowed to manage JetStream).
 * `replicas` caps every stream's num_replicas (a development server has one node).
 */
export async function applyDeclarations(jsm: JetStreamManager, decl: JetStreamDeclarations, opts: { replicas?: number } = {}): Promise<ApplyResult> {
  const result: ApplyResult = { created: [], updated: [], unchanged: [] };
  for (const declared of decl.streams) {
    const wanted = { ...declared, num_replicas: Math.min(declared.num_replicas ?? 1, opts.replicas ?? Infinity) };
    const label = `stream ${wanted.name}`;
    try {
      const info = await jsm.streams.info(wanted.name);
      const changed = Object.entries(wanted).some(([k, v]) => JSON.stringify((info.config as unknown as Record<string, unknown>)[k]) !== JSON.stringify(v));
      if (changed) {
        await jsm.streams.update(wanted.name, { ...info.config, ...wanted } as StreamConfig);
        result.updated.push(label);
      } else result.unchanged.push(label);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.streams.add(wanted);
      result.created.push(label);
    }
  }
  for (const { stream_name, config } of decl.consumers) {
    const label = `consumer ${config.durable_name} on ${stream_name}`;
    try {
      const info = await jsm.consumers.info(stream_name, config.durable_name);
      const patch = Object.fromEntries(MUTABLE_CONSUMER_FIELDS.filter((k) => k in config).map((k) => [k, config[k]]));
      const current = info.config as unknown as Record<string, unknown>;
      if (Object.entries(patch).some(([k, v]) => JSON.stringify(current[k]) !== JSON.stringify(v))) {
        await jsm.consumers.update(stream_name, config.durable_name, patch);
        result.updated.push(label);
      } else result.unchanged.push(label);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.consumers.add(stream_name, config);
      result.created.push(label);
    }
  }
  return result;
}
