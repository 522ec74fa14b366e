import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEnvelope, EnrollmentEvents, EventDefinition, SchoolSnapshot, StudentSnapshot } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';

const SCHOOL = { latitude: 42.3601, longitude: -71.0589 };
const north = (miles: number) => ({ latitude: SCHOOL.latitude + miles / 69.055, longitude: SCHOOL.longitude });

/**
 * Transportation against enrollment's event contract, on real PostgreSQL and NATS: events are published
 * to the enrollment stream as enrollment would, and the projection and eligibility follow.
 * Runs with a configured policy (K-5 beyond 0.5 mile) to show the rules come from configuration.
 */
describe('transportation eligibility from enrollment events', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let ds: DataSource;
  let db: { drop(): Promise<void>; url: string };

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('transportation_events');
    const policy = {
      bands: [
        { grades: ['PK', 'K', '1', '2', '3', '4', '5'], mode: 'yellow-bus', minDistanceMiles: 0.5 },
        { grades: ['6', '7', '8'], mode: 'yellow-bus', minDistanceMiles: 1.5 },
        { grades: ['9', '10', '11', '12'], mode: 'transit-pass', minDistanceMiles: 0 },
      ],
      iepMode: 'yellow-bus',
      mckinneyVentoEligible: true,
    };
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, ELIGIBILITY_POLICY: JSON.stringify(policy) });
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const publish = async <T>(def: EventDefinition<T>, data: T) => {
    const e = createEnvelope(def, data, { source: 'enrollment' });
    await nc.jetstream().publish(def.subject, JSON.stringify(e), { msgID: e.id });
    return e;
  };
  const schoolSnap = (over: Partial<SchoolSnapshot> = {}): SchoolSnapshot => ({
    id: randomUUID(), code: `S${Math.floor(Math.random() * 1e6)}`, name: 'Event School', address: '1 City Hall Sq', ...SCHOOL,
    grades: ['K', '1', '2', '3', '4', '5', '6', '7', '8'], capacity: {}, version: 1, ...over,
  });
  const studentSnap = (schoolId: string, over: Partial<StudentSnapshot> = {}): StudentSnapshot => ({
    id: randomUUID(), localId: 'L1', firstName: 'Ivy', lastName: 'Ng', grade: '3', address: 'x', ...north(0.7), siblingIds: [],
    flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId, enrollmentId: randomUUID(), version: 2, ...over,
  });
  const eligibility = async (studentId: string) =>
    (await ds.query('SELECT status, reason, school_id AS "schoolId", distance_miles AS "distanceMiles" FROM eligibility WHERE student_id = $1', [studentId]))[0];
  const settled = () =>
    waitFor(async () => {
      const info = await (await nc.jetstreamManager()).consumers.info('EVT_ENROLLMENT', 'transportation');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, { what: 'consumer caught up' });

  it('applies the configured policy (0.7 mile is beyond this district’s 0.5 mile limit)', async () => {
    const school = schoolSnap();
    await publish(EnrollmentEvents.SchoolUpserted, { school });
    const s = studentSnap(school.id);
    await publish(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
    expect(await waitFor(() => eligibility(s.id), { what: 'eligibility' })).toMatchObject({ status: 'yellow-bus', reason: 'distance', schoolId: school.id });
  });

  it('decides a student who arrives before the school when the school arrives', async () => {
    const school = schoolSnap();
    const s = studentSnap(school.id, { ...north(2) });
    await publish(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
    await settled();
    expect(await eligibility(s.id)).toBeUndefined();
    await publish(EnrollmentEvents.SchoolUpserted, { school });
    expect(await waitFor(() => eligibility(s.id), { what: 'eligibility after the school' })).toMatchObject({ status: 'yellow-bus' });
  });

  it('ignores a stale snapshot that arrives after a newer one', async () => {
    const school = schoolSnap();
    await publish(EnrollmentEvents.SchoolUpserted, { school });
    const id = randomUUID();
    const newer = studentSnap(school.id, { id, version: 5, ...north(0.2) });
    const older = studentSnap(school.id, { id, version: 4, ...north(3) });
    await publish(EnrollmentEvents.StudentUpdated, { student: newer, changed: ['address'] });
    await publish(EnrollmentEvents.StudentEnrolled, { student: older, enrollmentId: older.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
    await settled();
    expect(await eligibility(id)).toMatchObject({ status: 'not-eligible', reason: 'within-walk-distance' });
  });

  it('recomputes every student of a school that moves', async () => {
    const school = schoolSnap();
    await publish(EnrollmentEvents.SchoolUpserted, { school });
    const s = studentSnap(school.id, { ...north(0.3) });
    await publish(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
    await waitFor(async () => (await eligibility(s.id))?.status === 'not-eligible', { what: 'walker' });
    await publish(EnrollmentEvents.SchoolUpserted, { school: { ...school, ...north(-1.5), version: 2 } }); // the school moves 1.5 miles south
    await waitFor(async () => (await eligibility(s.id))?.status === 'yellow-bus', { what: 'rider after the move' });
  });

  it('serves its school summary over request/reply and eligibility lists to the right roles only', async () => {
    const school = schoolSnap();
    await publish(EnrollmentEvents.SchoolUpserted, { school });
    for (const [miles, grade] of [[0.1, '2'], [2, '2'], [2, '7']] as const) {
      const s = studentSnap(school.id, { ...north(miles), grade });
      await publish(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
    }
    await settled();
    const reply = await nc.request('transportation.school-summary.get', JSON.stringify({ pattern: 'transportation.school-summary.get', data: { schoolId: school.id }, id: '1' }), { timeout: 2000 });
    expect(JSON.parse(new TextDecoder().decode(reply.data)).response).toEqual({ schoolId: school.id, eligibleRiders: 2, transitPass: 0, notEligible: 1 });
    const bad = await nc.request('transportation.school-summary.get', JSON.stringify({ pattern: 'transportation.school-summary.get', data: { schoolId: 'nope' }, id: '2' }), { timeout: 2000 });
    expect(JSON.parse(new TextDecoder().decode(bad.data)).err).toMatchObject({ status: 400 });

    const url = `/api/eligibility?schoolId=${school.id}&status=yellow-bus`;
    const ok = await app.inject({ method: 'GET', url, headers: { authorization: bearer(['transportation:read', 'student-records']) } });
    expect(ok.json()).toMatchObject({ total: 2 });
    expect((await app.inject({ method: 'GET', url, headers: { authorization: bearer(['transportation:read']) } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: { authorization: bearer(['transportation:read', 'student-records'], { schools: [randomUUID()] }) } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/eligibility?status=flying', headers: { authorization: bearer(['transportation:read', 'student-records']) } })).statusCode).toBe(400);
  });
});
