import { randomUUID } from 'node:crypto';
import { NatsConnection } from 'nats';
import { createEnvelope, EnrollmentEvents, SchoolSnapshot } from '@district/contracts';

/** A request/reply call the way the gateway makes it (Nest's NATS transport framing). */
export async function rpc<T>(nc: NatsConnection, subject: string, data: unknown): Promise<{ response?: T; err?: { status: number } }> {
  const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5000 });
  return JSON.parse(new TextDecoder().decode(reply.data));
}

export function schoolSnap(over: Partial<SchoolSnapshot> = {}): SchoolSnapshot {
  return {
    id: randomUUID(), code: `F${Math.floor(Math.random() * 1e6)}`, name: 'Facilities Test School', address: '1 City Hall Sq, Boston, MA',
    latitude: 42.36, longitude: -71.06, grades: ['K', '1', '2', '3', '4', '5'], capacity: {}, version: 1, ...over,
  };
}

/** Publishes a school as enrollment would. */
export async function publishSchool(nc: NatsConnection, school: SchoolSnapshot): Promise<void> {
  const e = createEnvelope(EnrollmentEvents.SchoolUpserted, { school }, { source: 'enrollment' });
  await nc.jetstream().publish(EnrollmentEvents.SchoolUpserted.subject, JSON.stringify(e), { msgID: e.id });
}
