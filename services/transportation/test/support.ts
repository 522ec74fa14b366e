import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NatsConnection } from 'nats';
import { createEnvelope, EventDefinition, SchoolSnapshot, StudentSnapshot } from '@district/contracts';
import { bearer, waitFor } from '@district/testing';

export const ORIGIN = { latitude: 42.3601, longitude: -71.0589 };
/** a point `miles` due north (negative: south) of `from` */
export const north = (miles: number, from = ORIGIN) => ({ latitude: from.latitude + miles / 69.055, longitude: from.longitude });
/** Consumer settings for these tests: the defaults (batches as large as production's). */
export const CONSUMER_ENV: Record<string, string> = {};
export const writer = bearer(['transportation:write', 'student-records']);
export const reader = bearer(['transportation:read', 'student-records']);

/** Publishes an event to JetStream as its owning department's outbox relay would. */
export async function publish<T>(nc: NatsConnection, def: EventDefinition<T>, data: T, source = 'enrollment') {
  const e = createEnvelope(def, data, { source });
  await nc.jetstream().publish(def.subject, JSON.stringify(e), { msgID: e.id });
  return e;
}

/** Request/reply as the gateway does it; returns the response or throws the error payload. */
export async function ask<T>(nc: NatsConnection, subject: string, data: unknown): Promise<T> {
  const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5000 });
  const body = JSON.parse(new TextDecoder().decode(reply.data));
  if (body.err) throw Object.assign(new Error(body.err.detail ?? body.err.title), body.err);
  return body.response as T;
}

export function schoolSnap(over: Partial<SchoolSnapshot> = {}): SchoolSnapshot {
  return {
    id: randomUUID(), code: `S${randomUUID().slice(0, 6)}`, name: 'Fixture School', address: '1 City Hall Sq', ...ORIGIN,
    grades: ['K', '1', '2', '3', '4', '5'], capacity: {}, version: 1, ...over,
  };
}

export function studentSnap(schoolId: string, home: { latitude: number; longitude: number }, over: Partial<StudentSnapshot> = {}): StudentSnapshot {
  return {
    id: randomUUID(), localId: `L${randomUUID().slice(0, 7)}`, firstName: 'Ivy', lastName: 'Ng', grade: '3', address: 'x', ...home, siblingIds: [],
    flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId, enrollmentId: randomUUID(), version: 2, ...over,
  };
}

export async function settled(nc: NatsConnection, stream = 'EVT_ENROLLMENT') {
  await waitFor(async () => {
    const info = await (await nc.jetstreamManager()).consumers.info(stream, 'transportation');
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }, { what: `transportation caught up on ${stream}` });
}

export async function call(app: NestFastifyApplication, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, auth = writer) {
  const res = await app.inject({ method, url, payload: payload as object, headers: { authorization: auth } });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}
