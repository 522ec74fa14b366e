import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NatsConnection } from 'nats';
import { createEnvelope, EnrollmentEvents, SchoolSnapshot } from '@district/contracts';
import { bearer } from '@district/testing';

export const WRITE = bearer(['labor:write']);
export const READ = bearer(['labor:read']);

/** Publishes a school as enrollment does. */
export async function publishSchool(nc: NatsConnection, over: Partial<SchoolSnapshot> = {}): Promise<SchoolSnapshot> {
  const school: SchoolSnapshot = {
    id: randomUUID(), code: `S${Math.floor(Math.random() * 1e6)}`, name: 'Test School', address: '1 Main St', latitude: 42.35, longitude: -71.06,
    grades: ['K', '1', '2'], capacity: {}, version: 1, ...over,
  };
  const e = createEnvelope(EnrollmentEvents.SchoolUpserted, { school }, { source: 'enrollment' });
  await nc.jetstream().publish(EnrollmentEvents.SchoolUpserted.subject, JSON.stringify(e), { msgID: e.id });
  return school;
}

/** A request/reply call as the gateway makes it (Nest's NATS wire format); throws the error payload. */
export async function rpc<T>(nc: NatsConnection, subject: string, data: unknown): Promise<T> {
  const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 10_000 });
  const body = JSON.parse(new TextDecoder().decode(reply.data));
  if (body.err) throw Object.assign(new Error(`${subject}: ${JSON.stringify(body.err)}`), { payload: body.err });
  return body.response as T;
}

/** An HTTP call that must succeed; returns the JSON body. */
export async function call<T = Record<string, unknown>>(app: NestFastifyApplication, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown,
  auth = WRITE, expected = method === 'POST' ? [200, 201] : [200, 204]): Promise<T> {
  const res = await app.inject({ method, url, payload: body as never, headers: { authorization: auth } });
  if (!expected.includes(res.statusCode)) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

export const CUSTODIAN_PROCEDURE = {
  summerRule: 'working-days',
  rollToWorkingDay: true,
  steps: [
    { step: 1, name: 'Step 1: Area Manager', answeredBy: 'facilities area manager', fileWithin: { days: 15, unit: 'working' }, answerWithin: { days: 5, unit: 'working' } },
    { step: 2, name: 'Step 2: Director of Facilities', answeredBy: 'director of facilities', fileWithin: { days: 10, unit: 'working' }, answerWithin: { days: 10, unit: 'working' } },
    { step: 3, name: 'Arbitration', answeredBy: 'arbitrator', fileWithin: { days: 20, unit: 'working' }, answerWithin: { days: 30, unit: 'calendar' } },
  ],
};
