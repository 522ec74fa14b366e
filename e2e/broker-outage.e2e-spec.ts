import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as EnrollmentApp } from '../services/enrollment/src/app.module';
import { AppModule as TransportationApp } from '../services/transportation/src/app.module';

const writer = bearer(['enrollment:write', 'student-records']);
const STUDENTS = 200;

/**
 * Fault test (a): the NATS server is killed while 200 enrollments are written and started again later.
 * Writes succeed meanwhile (the outbox holds the events); afterwards every eligibility record appears,
 * none twice.
 */
describe('broker outage while enrollments are written', () => {
  let nats: TestNats;
  let enrollment: NestFastifyApplication;
  let transportation: NestFastifyApplication;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats({ requirePrivate: true });
    const e = await createTestDatabase('outage_enrollment');
    const t = await createTestDatabase('outage_transportation');
    dbs.push(e, t);
    enrollment = await startService(EnrollmentApp, { DATABASE_URL: e.url, NATS_URL: nats.url });
    transportation = await startService(TransportationApp, { DATABASE_URL: t.url, NATS_URL: nats.url });
  });

  afterAll(async () => {
    await stopService(transportation);
    await stopService(enrollment);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const post = async (url: string, payload: object) => {
    const res = await enrollment.inject({ method: 'POST', url, payload, headers: { authorization: writer } });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  it('loses no event and applies none twice', async () => {
    const school = await post('/api/schools', { code: 'OUT1', name: 'Outage Elementary', address: '1 Main St', latitude: 42.36, longitude: -71.06, grades: ['K', '1', '2'] });
    const tdb = transportation.get(DataSource);
    await waitFor(async () => (await tdb.query('SELECT 1 FROM schools WHERE id = $1', [school.id])).length, { what: 'school projected' });

    const students: string[] = [];
    for (let i = 0; i < STUDENTS; i++) {
      const s = await post('/api/students', { localId: `OUT${i}`, firstName: 'Sam', lastName: `Student${i}`, birthDate: '2019-02-01', grade: '1', address: `${i} Far St`, latitude: 42.36 + (i % 40) / 1000, longitude: -71.06 });
      students.push(s.id);
    }
    for (let i = 0; i < STUDENTS; i++) {
      if (i === 50) await nats.kill(); // the broker dies a quarter of the way through
      await post('/api/enrollments', { studentId: students[i], schoolId: school.id, entryDate: '2026-09-03', grade: '1' });
    }
    const edb = enrollment.get(DataSource);
    const [{ pending }] = await edb.query('SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL');
    expect(pending).toBeGreaterThan(0); // the events written while the broker was down wait in the outbox

    await nats.start();

    await waitFor(async () => {
      const [{ n }] = await tdb.query(`SELECT count(*)::int AS n FROM eligibility WHERE school_id = $1 AND status <> 'not-enrolled'`, [school.id]);
      return n === STUDENTS;
    }, { what: `${STUDENTS} eligibility records`, timeoutMs: 45_000, intervalMs: 250 });

    const [{ determined }] = await tdb.query(`SELECT count(*)::int AS determined FROM outbox WHERE subject = 'evt.transportation.eligibility.determined.v1'`);
    expect(determined).toBe(STUDENTS); // one determination per student: nothing applied twice
    const [{ handled }] = await tdb.query(`SELECT count(*)::int AS handled FROM inbox WHERE type = 'enrollment.student.enrolled'`);
    expect(handled).toBe(STUDENTS);
    await waitFor(async () => (await edb.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n === 0, { what: 'outbox drained' });
  });
});
