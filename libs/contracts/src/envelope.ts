import { randomUUID } from 'node:crypto';

/**
 * Every integration event travels in this envelope (DESIGN.md section 3).
 * `id` is also the JetStream `Nats-Msg-Id`, so the server drops a re-published copy.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  /** e.g. `enrollment.student.enrolled` */
  type: string;
  version: number;
  occurredAt: string;
  /** the service that published it */
  source: string;
  correlationId: string;
  /** id of the event or request that caused this one */
  causationId: string | null;
  data: T;
}

/** An event's identity: its type, its version and the subject it is published on. */
export interface EventDefinition<T> {
  readonly type: string;
  readonly version: number;
  readonly subject: string;
  /** phantom field: carries the payload type, never set */
  readonly __payload?: T;
}

/** `defineEvent('enrollment', 'student', 'enrolled', 1)` gives subject `evt.enrollment.student.enrolled.v1`. */
export function defineEvent<T>(department: string, entity: string, pastTense: string, version: number): EventDefinition<T> {
  const type = `${department}.${entity}.${pastTense}`;
  return { type, version, subject: `evt.${type}.v${version}` };
}

export interface EnvelopeOptions {
  source: string;
  correlationId?: string;
  causationId?: string | null;
  occurredAt?: Date;
  id?: string;
}

export function createEnvelope<T>(def: EventDefinition<T>, data: T, opts: EnvelopeOptions): EventEnvelope<T> {
  const id = opts.id ?? randomUUID();
  return {
    id,
    type: def.type,
    version: def.version,
    occurredAt: (opts.occurredAt ?? new Date()).toISOString(),
    source: opts.source,
    correlationId: opts.correlationId ?? id,
    causationId: opts.causationId ?? null,
    data,
  };
}

export class InvalidEnvelopeError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses and checks an envelope received from the wire; throws InvalidEnvelopeError naming what is wrong. */
export function parseEnvelope(raw: string | Uint8Array): EventEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
  } catch {
    throw new InvalidEnvelopeError('message is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEnvelopeError('envelope is not an object');
  }
  const e = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.id !== 'string' || !UUID.test(e.id)) problems.push('id must be a UUID');
  if (typeof e.type !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+){2}$/.test(e.type)) problems.push('type must look like department.entity.past-tense');
  if (!Number.isInteger(e.version) || (e.version as number) < 1) problems.push('version must be a positive integer');
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt))) problems.push('occurredAt must be an ISO date');
  if (typeof e.source !== 'string' || e.source.length === 0) problems.push('source is required');
  if (typeof e.correlationId !== 'string' || e.correlationId.length === 0) problems.push('correlationId is required');
  if (e.causationId !== null && e.causationId !== undefined && typeof e.causationId !== 'string') problems.push('causationId must be a string or null');
  if (typeof e.data !== 'object' || e.data === null) problems.push('data must be an object');
  if (problems.length) throw new InvalidEnvelopeError(problems.join('; '));
  return { ...(e as unknown as EventEnvelope), causationId: (e.causationId as string | null | undefined) ?? null };
}
