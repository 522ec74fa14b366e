import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEnvelope, EnrollmentEvents } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as EnrollmentApp } from '../services/enrollment/src/app.module';
import { AppModule as TransportationApp } from '../services/transportation/src/app.module';

const writer = bearer(['enrollment:write', 'student-records']);
const reader = bearer(['transportation:read', 'student-records']);
const operator = bearer(['ops']);
// Boston City Hall; homes are placed due north of it
const SCHOOL = { latitude: 42.3601, longitude: -71.0589 };
const north = (miles: number) => ({ latitude: SCHOOL.latitude + miles / 69.055, longitude: SCHOOL.longitude });

describe('enrollment to transportation eligibility, through the outbox and JetStream', () => {
  let nats: TestNats;
  let enrollment: NestFastifyApplication;
  let transportation: NestFastifyApplication;
  let tdb: DataSource;
  let nc: NatsConnection;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('flow_enrollment');
    const t = await createTestDatabase('flow_transportation');
    dbs.push(e, t);
    enrollment = await startService(EnrollmentApp, { DATABASE_URL: e.url, NATS_URL: nats.url });
    transportation = await startService(TransportationApp, { DATABASE_URL: t.url, NATS_URL: nats.url, CONSUMER_MAX_DELIVER: '2' });
    tdb = transportation.get(DataSource);
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(transportation);
    await stopService(enrollment);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  async function post(app: NestFastifyApplication, url: string, body: unknown, auth = writer) {
    const res = await app.inject({ method: 'POST', url, payload: body as object, headers: { authorization: auth } });
    return { status: res.statusCode, body: res.json() };
  }
  async function eligibilityOf(studentId: string) {
    const rows = await tdb.query('SELECT status, reason, school_id AS "schoolId", distance_miles AS "distanceMiles" FROM eligibility WHERE student_id = $1', [studentId]);
    return rows[0] as { status: string; reason: string; schoolId: string | null; distanceMiles: number } | undefined;
  }
  async function determinedEvents(studentId: string): Promise<number> {
    const [{ n }] = await tdb.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'evt.transportation.eligibility.determined.v1' AND envelope->'data'->>'studentId' = $1`, [studentId]);
    return n;
  }
  let schoolCount = 0;
  async function school(grades = ['K', '1', '2', '3', '4', '5', '6']) {
    const res = await post(enrollment, '/api/schools', { code: `T${++schoolCount}`, name: `Test School ${schoolCount}`, address: '1 City Hall Sq, Boston, MA', ...SCHOOL, grades });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function student(grade: string, home: { latitude: number; longitude: number }, flags = {}) {
    const res = await post(enrollment, '/api/students', { localId: `L${randomUUID().slice(0, 8)}`, firstName: 'Ana', lastName: 'Silva', birthDate: '2017-05-01', grade, address: '1 Test St', ...home, flags });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('a student enrolled beyond the walk limit becomes a yellow-bus rider; an address change recomputes it', async () => {
    const schoolId = await school();
    const studentId = await student('3', north(1.6));
    const enrolled = await post(enrollment, '/api/enrollments', { studentId, schoolId, entryDate: '2026-09-03', grade: '3' });
    expect(enrolled.status).toBe(201);

    const first = await waitFor(() => eligibilityOf(studentId), { what: 'eligibility' });
    expect(first).toMatchObject({ status: 'yellow-bus', reason: 'distance', schoolId });
    expect(first.distanceMiles).toBeCloseTo(1.6, 1);

    const moved = await enrollment.inject({ method: 'PATCH', url: `/api/students/${studentId}`, headers: { authorization: writer }, payload: { ...north(0.4), address: '2 Near St' } });
    expect(moved.statusCode).toBe(200);
    await waitFor(async () => (await eligibilityOf(studentId))?.status === 'not-eligible', { what: 'recomputed eligibility' });

    const list = await transportation.inject({ method: 'GET', url: `/api/eligibility?schoolId=${schoolId}`, headers: { authorization: reader } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ studentId, status: 'not-eligible', reason: 'within-walk-distance' }] });
    expect(await determinedEvents(studentId)).toBe(2);
  });

  it('IEP transportation, transfer and withdrawal are reflected at once', async () => {
    const a = await school();
    const b = await school();
    const studentId = await student('2', north(0.2), { iepTransportation: true });
    await post(enrollment, '/api/enrollments', { studentId, schoolId: a, entryDate: '2026-09-03', grade: '2' });
    await waitFor(async () => (await eligibilityOf(studentId))?.reason === 'iep', { what: 'IEP eligibility' });

    const moved = await post(enrollment, `/api/students/${studentId}/transfer`, { schoolId: b, entryDate: '2026-10-01' });
    expect(moved.status).toBe(201);
    await waitFor(async () => (await eligibilityOf(studentId))?.schoolId === b, { what: 'transfer' });

    const withdrawn = await post(enrollment, `/api/enrollments/${moved.body.id}/withdraw`, { exitDate: '2026-11-01', reason: 'moved away' });
    expect(withdrawn.status).toBe(200);
    await waitFor(async () => (await eligibilityOf(studentId))?.status === 'not-enrolled', { what: 'withdrawal' });
  });

  it('the same event delivered twice is applied once (inbox)', async () => {
    const schoolId = await school();
    const studentId = randomUUID();
    const envelope = createEnvelope(
      EnrollmentEvents.StudentEnrolled,
      {
        student: {
          id: studentId, localId: 'DUP1', firstName: 'Dee', lastName: 'Dup', grade: '1', address: 'x', ...north(2), siblingIds: [],
          flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId, enrollmentId: randomUUID(), version: 2,
        },
        enrollmentId: randomUUID(), schoolId, entryDate: '2026-09-03',
      },
      { source: 'test' },
    );
    const js = nc.jetstream();
    // different message ids, so the server's duplicate window does not drop the copy: only the inbox can
    await js.publish(EnrollmentEvents.StudentEnrolled.subject, JSON.stringify(envelope), { msgID: randomUUID() });
    await js.publish(EnrollmentEvents.StudentEnrolled.subject, JSON.stringify(envelope), { msgID: randomUUID() });
    await waitFor(() => eligibilityOf(studentId), { what: 'eligibility' });
    await waitFor(async () => {
      const info = await (await nc.jetstreamManager()).consumers.info('EVT_ENROLLMENT', 'transportation');
      return info.num_ack_pending === 0 && info.num_pending === 0;
    }, { what: 'both copies acknowledged' });
    const [{ n }] = await tdb.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [envelope.id]);
    expect(n).toBe(1);
    expect(await determinedEvents(studentId)).toBe(1);
  });

  it('an unreadable message and an event that keeps failing go to dead letters; an operator can list and replay', async () => {
    const js = nc.jetstream();
    await js.publish(EnrollmentEvents.StudentEnrolled.subject, 'not json at all');
    // a well-formed envelope whose data breaks the handler (no student): retried, then dead-lettered
    const broken = createEnvelope(EnrollmentEvents.StudentEnrolled, { enrollmentId: 'x' } as never, { source: 'test' });
    await js.publish(EnrollmentEvents.StudentEnrolled.subject, JSON.stringify(broken));

    const list = await waitFor(async () => {
      const res = await transportation.inject({ method: 'GET', url: '/api/dead-letters', headers: { authorization: operator } });
      const body = res.json();
      return body.total >= 2 ? body : undefined;
    }, { what: 'dead letters', timeoutMs: 15_000 });
    const unreadable = list.items.find((d: { error: string }) => d.error.startsWith('unreadable message'));
    const failed = list.items.find((d: { eventId: string }) => d.eventId === broken.id);
    expect(unreadable).toBeDefined();
    expect(failed).toMatchObject({ deliveries: 2, type: 'enrollment.student.enrolled' });

    // still broken: the replay fails and says why, the dead letter stays
    const retry = await transportation.inject({ method: 'POST', url: `/api/dead-letters/${failed.id}/replay`, headers: { authorization: operator } });
    expect(retry.statusCode).toBe(409);

    // a dead letter whose cause is fixed replays once
    const schoolId = await school();
    await waitFor(async () => (await tdb.query('SELECT 1 FROM schools WHERE id = $1', [schoolId])).length, { what: 'school projected' });
    const studentId = randomUUID();
    const good = createEnvelope(EnrollmentEvents.StudentEnrolled, {
      student: {
        id: studentId, localId: 'DL1', firstName: 'Re', lastName: 'Play', grade: '4', address: 'x', ...north(3), siblingIds: [],
        flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId, enrollmentId: randomUUID(), version: 2,
      },
      enrollmentId: randomUUID(), schoolId, entryDate: '2026-09-03',
    }, { source: 'test' });
    const [row] = await tdb.query(
      `INSERT INTO dead_letters (event_id, consumer, stream, subject, type, payload, error, deliveries) VALUES ($1, 'transportation', 'EVT_ENROLLMENT', $2, $3, $4, 'database was down', 8) RETURNING id`,
      [good.id, EnrollmentEvents.StudentEnrolled.subject, good.type, JSON.stringify(good)],
    );
    const replay = await transportation.inject({ method: 'POST', url: `/api/dead-letters/${row.id}/replay`, headers: { authorization: operator } });
    expect(replay.json()).toEqual({ status: 'replayed' });
    expect((await eligibilityOf(studentId))?.status).toBe('yellow-bus');
    const again = await transportation.inject({ method: 'POST', url: `/api/dead-letters/${row.id}/replay`, headers: { authorization: operator } });
    expect(again.json()).toEqual({ status: 'already-handled' });

    const forbidden = await transportation.inject({ method: 'GET', url: '/api/dead-letters', headers: { authorization: reader } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('carries the caller\'s correlation id from the HTTP request through both services\' events', async () => {
    const schoolId = await school();
    const studentId = await student('1', north(2));
    const res = await enrollment.inject({
      method: 'POST', url: '/api/enrollments', payload: { studentId, schoolId, entryDate: '2026-09-03', grade: '1' },
      headers: { authorization: writer, 'x-correlation-id': 'req-e2e-42' },
    });
    expect(res.headers['x-correlation-id']).toBe('req-e2e-42');
    await waitFor(() => eligibilityOf(studentId), { what: 'eligibility' });
    const [enrolled] = await enrollment.get(DataSource).query(`SELECT envelope FROM outbox WHERE envelope->'data'->'student'->>'id' = $1`, [studentId]);
    const [determined] = await tdb.query(`SELECT envelope FROM outbox WHERE envelope->'data'->>'studentId' = $1`, [studentId]);
    expect(enrolled.envelope).toMatchObject({ correlationId: 'req-e2e-42', source: 'enrollment' });
    expect(determined.envelope).toMatchObject({ correlationId: 'req-e2e-42', causationId: enrolled.envelope.id, source: 'transportation' });
  });

  it('answers the school summary over request/reply', async () => {
    const schoolId = await school();
    const near = await student('K', north(0.3));
    const far = await student('K', north(2.5));
    for (const id of [near, far]) await post(enrollment, '/api/enrollments', { studentId: id, schoolId, entryDate: '2026-09-03', grade: 'K' });
    await waitFor(async () => (await eligibilityOf(near)) && (await eligibilityOf(far)), { what: 'both determined' });
    const reply = await nc.request('transportation.school-summary.get', JSON.stringify({ pattern: 'transportation.school-summary.get', data: { schoolId }, id: '1' }), { timeout: 2000 });
    expect(JSON.parse(new TextDecoder().decode(reply.data)).response).toEqual({ schoolId, eligibleRiders: 1, transitPass: 0, notEligible: 1 });
  });
});
