import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppProcess, bearer, createTestDatabase, startAppProcess, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';

const enrollmentWriter = bearer(['enrollment:write', 'student-records']);
const techWriter = bearer(['technology:write', 'technology:read', 'student-records']);

/**
 * DOMAIN.md section 7, flows 1 and 2, with the real enrollment service (its own process, its outbox and
 * stream): enrolling, transferring and withdrawing through enrollment's REST API drive technology's 1:1 program.
 */
describe('enrollment to technology: 1:1 devices follow enrollments', () => {
  let nats: TestNats;
  let enrollment: AppProcess;
  let technology: NestFastifyApplication;
  let ds: DataSource;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('flow_enrollment_tech');
    const t = await createTestDatabase('flow_technology');
    dbs.push(e, t);
    enrollment = await startAppProcess('enrollment', 'services/enrollment/src/main.ts', { DATABASE_URL: e.url, NATS_URL: nats.url, OUTBOX_SWEEP_INTERVAL_MS: '200' });
    technology = await startService(AppModule, { DATABASE_URL: t.url, NATS_URL: nats.url });
    ds = technology.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    await stopService(technology);
    await enrollment?.stop();
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${enrollment.url}${path}`, { method: 'POST', headers: { authorization: enrollmentWriter, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as { id: string };
  };
  const tech = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => (await technology.inject({ method, url, payload, headers: { authorization: techWriter } })).json();
  const holding = async (studentId: string) =>
    (await ds.query(`SELECT device_id AS "deviceId", school_id AS "schoolId" FROM device_assignments WHERE student_id = $1 AND ended_on IS NULL ORDER BY assigned_at`, [studentId]));

  it('enroll → device; transfer → return task at the old school and a device at the new; withdraw → return task', async () => {
    const school = (code: string) => post('/api/schools', { code, name: `Flow ${code}`, address: '1 City Hall Sq, Boston, MA', latitude: 42.36, longitude: -71.06, grades: ['3', '4', '5'] });
    const a = await school(`FA${randomUUID().slice(0, 4)}`);
    const b = await school(`FB${randomUUID().slice(0, 4)}`);
    await waitFor(async () => (await ds.query('SELECT count(*)::int AS n FROM schools WHERE id = ANY($1::uuid[])', [[a.id, b.id]]))[0].n === 2, { what: 'schools projected' });
    await tech('PUT', `/api/one-to-one/schools/${a.id}`, { grades: ['3', '4', '5'] });
    await tech('PUT', `/api/one-to-one/schools/${b.id}`, { grades: ['3', '4', '5'] });
    const deviceA = await tech('POST', '/api/devices', { serial: `FLOW-A-${process.pid}`, model: 'Dell 3110', type: 'chromebook', purchaseDate: '2025-08-01', schoolId: a.id });
    const deviceB = await tech('POST', '/api/devices', { serial: `FLOW-B-${process.pid}`, model: 'Dell 3110', type: 'chromebook', purchaseDate: '2025-08-01', schoolId: b.id });

    const student = await post('/api/students', { localId: `L${randomUUID().slice(0, 8)}`, firstName: 'Ana', lastName: 'Silva', birthDate: '2017-05-01', grade: '3', address: '1 Test St', latitude: 42.37, longitude: -71.06 });
    const enrolled = await post('/api/enrollments', { studentId: student.id, schoolId: a.id, entryDate: '2026-09-03', grade: '3' });
    await waitFor(async () => (await holding(student.id)).length === 1, { what: 'device at school A' });
    expect(await holding(student.id)).toEqual([{ deviceId: deviceA.id, schoolId: a.id }]);

    const moved = await post(`/api/students/${student.id}/transfer`, { schoolId: b.id, entryDate: '2026-10-01' });
    await waitFor(async () => (await holding(student.id)).length === 2, { what: 'device at school B' });
    expect(await holding(student.id)).toEqual([{ deviceId: deviceA.id, schoolId: a.id }, { deviceId: deviceB.id, schoolId: b.id }]);
    expect((await tech('GET', `/api/return-tasks?schoolId=${a.id}`)).items).toEqual([expect.objectContaining({ studentId: student.id, deviceId: deviceA.id, reason: 'transferred' })]);

    const res = await fetch(`${enrollment.url}/api/enrollments/${moved.id}/withdraw`, {
      method: 'POST', headers: { authorization: enrollmentWriter, 'content-type': 'application/json' }, body: JSON.stringify({ exitDate: '2026-11-02', reason: 'moved away' }),
    });
    expect(res.status).toBe(200);
    await waitFor(async () => (await tech('GET', `/api/return-tasks?schoolId=${b.id}`)).total === 1, { what: 'return task at school B' });
    expect((await tech('GET', `/api/return-tasks?schoolId=${b.id}`)).items[0]).toMatchObject({ studentId: student.id, deviceId: deviceB.id, reason: 'withdrawn', openedOn: '2026-11-02' });
    expect(enrolled.id).toBeDefined();
  });
});
