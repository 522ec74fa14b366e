import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { BuildingClosure, FacilitiesEvents } from '@district/contracts';
import { AppProcess, bearer, createTestDatabase, startAppProcess, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as TransportationApp } from '../src/app.module';
import { CONSUMER_ENV, ask, call, north, ORIGIN, publish, settled } from './support';

const enrollmentWriter = bearer(['enrollment:write', 'student-records']);
const EAST = { latitude: ORIGIN.latitude, longitude: ORIGIN.longitude + 2 / 51.1 }; // about 2 miles east

/**
 * The flows that start in other departments, on real PostgreSQL and NATS: enrollment's REST API (the real
 * service) enrolls, transfers and withdraws a student and transportation moves or removes the stop at once;
 * facilities' closure events (published to its stream as facilities will) cancel and restore runs.
 */
describe('stop assignment follows enrollment; closures cancel runs', () => {
  let nats: TestNats;
  let enrollment: AppProcess;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let ds: DataSource;
  const dbs: { drop(): Promise<void> }[] = [];
  let route: string;
  let bus: string;
  let n = 0;

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('flow_enrollment');
    const t = await createTestDatabase('flow_transportation');
    dbs.push(e, t);
    // the real enrollment service, as its own process (a service never imports another)
    enrollment = await startAppProcess('enrollment', 'services/enrollment/src/main.ts', { DATABASE_URL: e.url, NATS_URL: nats.url });
    app = await startService(TransportationApp, { DATABASE_URL: t.url, NATS_URL: nats.url, ...CONSUMER_ENV });
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    route = (await call(app, 'POST', '/api/routes', { code: 'RT-9', name: 'Flow' })).body.id;
    bus = (await call(app, 'POST', '/api/vehicles', { number: 'B-9', capacity: 71, type: 'bus', operator: 'district', fuel: 'diesel', inServiceDate: '2019-08-01' })).body.id;
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await enrollment?.stop();
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${enrollment.url}${url}`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: enrollmentWriter, 'content-type': 'application/json' } });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as { id: string };
  };
  async function school(at: { latitude: number; longitude: number }) {
    const s = await post('/api/schools', { code: `F${++n}`, name: `Flow School ${n}`, address: '1 Test Sq', ...at, grades: ['K', '1', '2', '3', '4', '5'] });
    await waitFor(async () => (await ds.query('SELECT 1 FROM schools WHERE id = $1', [s.id])).length > 0, { what: 'school projected' });
    return s.id as string;
  }
  async function run(schoolId: string, session: 'AM' | 'PM', stops: { latitude: number; longitude: number }[], vehicleId = bus) {
    const res = await call(app, 'POST', '/api/runs', {
      code: `RUN-${++n}`, routeId: route, schoolId, session, vehicleId,
      bellTime: session === 'AM' ? '08:00' : '14:30', scheduledArrival: session === 'AM' ? '07:45' : '15:30',
      stops: stops.map((s, i) => ({ name: `Stop ${i + 1}`, ...s, scheduledTime: session === 'AM' ? `07:${10 + i * 5}` : `14:${40 + i * 5}` })),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; stops: { id: string }[] };
  }
  async function enroll(schoolId: string, home: { latitude: number; longitude: number }) {
    const student = await post('/api/students', { localId: `L${++n}`, firstName: 'Ana', lastName: 'Silva', birthDate: '2017-05-01', grade: '3', address: '1 Test St', ...home });
    const enrolment = await post('/api/enrollments', { studentId: student.id, schoolId, entryDate: '2026-09-03', grade: '3' });
    return { studentId: student.id as string, enrollmentId: enrolment.id as string };
  }
  const stopsOf = (studentId: string) =>
    ds.query('SELECT session, run_id AS "runId", stop_id AS "stopId", school_id AS "schoolId" FROM stop_assignments WHERE student_id = $1 ORDER BY session', [studentId]);
  const events = (subject: string, studentId: string) =>
    ds.query(`SELECT envelope->'data' AS data FROM outbox WHERE subject = $1 AND coalesce(envelope->'data'->>'studentId', envelope->'data'->'assignment'->>'studentId') = $2 ORDER BY seq`, [subject, studentId]).then((rows: { data: Record<string, unknown> }[]) => rows.map((r) => r.data));

  it('a transfer moves the stop to the new school at once; a withdrawal removes it', async () => {
    const a = await school(ORIGIN);
    const b = await school(EAST);
    const home = north(1.5);
    const runA = await run(a, 'AM', [north(1.45)]);
    const runB = await run(b, 'AM', [north(1.55)]);
    const { studentId, enrollmentId } = await enroll(a, home);
    await waitFor(async () => (await stopsOf(studentId)).length === 1, { what: 'stop at school A' });
    expect(await stopsOf(studentId)).toEqual([{ session: 'AM', runId: runA.id, stopId: runA.stops[0].id, schoolId: a }]);

    const moved = await post(`/api/students/${studentId}/transfer`, { schoolId: b, entryDate: '2026-10-01' });
    await waitFor(async () => (await stopsOf(studentId))[0]?.runId === runB.id, { what: 'stop moved to school B' });
    expect((await events('evt.transportation.stop.unassigned.v1', studentId)).map((d) => d.reason)).toEqual(['transferred']);
    const assigned = await events('evt.transportation.stop.assigned.v1', studentId);
    expect(assigned.map((d) => (d.assignment as { schoolId: string }).schoolId)).toEqual([a, b]);
    expect((assigned[1].version as number) > (assigned[0].version as number)).toBe(true);

    await post(`/api/enrollments/${moved.id ?? enrollmentId}/withdraw`, { exitDate: '2026-11-01', reason: 'moved away' });
    await waitFor(async () => (await stopsOf(studentId)).length === 0, { what: 'stop removed on withdrawal' });
    expect((await events('evt.transportation.stop.unassigned.v1', studentId)).map((d) => d.reason)).toEqual(['transferred', 'withdrawn']);
  });

  it('never fills a run past its seats and says why a student is not placed', async () => {
    const s = await school(north(-5));
    const van = (await call(app, 'POST', '/api/vehicles', { number: `V-${++n}`, capacity: 2, type: 'van', operator: 'contractor', contractor: 'Transdev', fuel: 'gasoline', inServiceDate: '2022-01-01' })).body.id;
    const stopAt = north(-3.5);
    const r = await run(s, 'AM', [stopAt], van);
    const students = [];
    for (const miles of [0.05, 0.1, 0.15]) students.push((await enroll(s, north(-3.5 + miles))).studentId);
    const far = (await enroll(s, north(-2))).studentId; // 1.5 miles from the stop
    await waitFor(async () => (await ds.query(`SELECT 1 FROM eligibility WHERE student_id = $1 AND status = 'yellow-bus'`, [far])).length > 0, { what: 'last student eligible' });
    await settled(nc);
    const [{ seated }] = await ds.query('SELECT count(*)::int AS seated FROM stop_assignments WHERE run_id = $1', [r.id]);
    expect(seated).toBe(2);

    const auto = await call(app, 'POST', `/api/stop-assignments/auto?schoolId=${s}`);
    // every student lacks a PM stop (no PM run); of the AM, one found the van full, one lives too far from its stop
    expect(auto.body).toMatchObject({ assigned: 0, unplacedStudents: 4, unplacedByReason: { 'runs-full': 1, 'no-stop-within-walk-limit': 1, 'no-run': 4 } });
    expect(auto.body.unplaced).toEqual(expect.arrayContaining([expect.objectContaining({ studentId: far, session: 'AM', reason: 'no-stop-within-walk-limit' })]));
    // a dispatcher cannot squeeze a third student in, nor cut the van's seats below its riders
    const unseated = (await ds.query('SELECT s.id FROM unnest($1::uuid[]) s(id) WHERE NOT EXISTS (SELECT 1 FROM stop_assignments a WHERE a.student_id = s.id)', [students]))[0].id;
    expect((await call(app, 'PUT', `/api/stop-assignments/${unseated}`, { stopId: r.stops[0].id })).status).toBe(409);
    expect((await call(app, 'PATCH', `/api/vehicles/${van}`, { capacity: 1 })).status).toBe(409);
    // a bigger vehicle on the run, and the next automatic pass seats them
    expect((await call(app, 'PATCH', `/api/runs/${r.id}`, { vehicleId: bus })).status).toBe(200);
    expect((await call(app, 'POST', `/api/stop-assignments/auto?schoolId=${s}`)).body).toMatchObject({ assigned: 1, unplacedByReason: { 'no-stop-within-walk-limit': 1, 'no-run': 4 } });
    expect((await call(app, 'PUT', `/api/stop-assignments/${far}`, { stopId: r.stops[0].id })).status).toBe(422);
  });

  it('a building closure cancels the school’s runs for its dates, a newer version moves them, lifting restores them', async () => {
    const s = await school(north(8));
    const am = await run(s, 'AM', [north(9.5)]);
    const pm = await run(s, 'PM', [north(9.5)]);
    const closure: BuildingClosure = { closureId: randomUUID(), buildingId: randomUUID(), schoolId: s, kind: 'emergency', from: '2026-12-01', to: '2026-12-03', reason: 'water main break', version: 1 };
    const cancelledDays = async () =>
      (await ds.query(`SELECT to_char(service_date, 'YYYY-MM-DD') AS d, count(*)::int AS runs FROM run_cancellations WHERE school_id = $1 GROUP BY 1 ORDER BY 1`, [s])) as { d: string; runs: number }[];
    const facilities = (def: typeof FacilitiesEvents.BuildingClosed | typeof FacilitiesEvents.BuildingReopened, data: BuildingClosure & { liftedFrom?: string }) =>
      publish(nc, def as typeof FacilitiesEvents.BuildingReopened, data as BuildingClosure & { liftedFrom: string }, 'facilities');

    await facilities(FacilitiesEvents.BuildingClosed, closure);
    await waitFor(async () => (await cancelledDays()).length === 3, { what: 'runs cancelled' });
    expect(await cancelledDays()).toEqual([{ d: '2026-12-01', runs: 2 }, { d: '2026-12-02', runs: 2 }, { d: '2026-12-03', runs: 2 }]);
    const [cancelledEvent] = await ds.query(`SELECT envelope->'data' AS data FROM outbox WHERE subject = 'evt.transportation.runs.cancelled.v1' AND envelope->'data'->>'schoolId' = $1`, [s]);
    expect(cancelledEvent.data).toEqual({ schoolId: s, runIds: [am.id, pm.id].sort(), dates: ['2026-12-01', '2026-12-02', '2026-12-03'], reason: 'water main break', source: 'closure', closureId: closure.closureId });

    // the same version again (a resend) and an older copy change nothing; version 3 moves the dates
    await facilities(FacilitiesEvents.BuildingClosed, { ...closure, to: '2026-12-31' });
    await facilities(FacilitiesEvents.BuildingClosed, { ...closure, from: '2026-12-02', to: '2026-12-04', version: 3 });
    await facilities(FacilitiesEvents.BuildingClosed, { ...closure, to: '2026-12-20', version: 2 });
    await settled(nc, 'EVT_FACILITIES');
    expect((await cancelledDays()).map((c) => c.d)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    const summary = await ask<{ schools: Record<string, { runsCancelledToday: number }> }>(nc, 'transportation.school-summaries.get', { schoolIds: [s], date: '2026-12-02' });
    expect(summary.schools[s].runsCancelledToday).toBe(2);
    // nothing operates on a cancelled day
    expect((await call(app, 'POST', '/api/arrivals', [{ runId: am.id, date: '2026-12-02', actualArrival: '07:40' }])).body).toMatchObject({ accepted: 0 });

    await facilities(FacilitiesEvents.BuildingReopened, { ...closure, from: '2026-12-02', to: '2026-12-04', version: 4, liftedFrom: '2026-12-03' });
    await waitFor(async () => (await cancelledDays()).length === 1, { what: 'runs restored' });
    expect(await cancelledDays()).toEqual([{ d: '2026-12-02', runs: 2 }]);
    const restored = await ds.query(`SELECT envelope->'data'->'dates' AS dates FROM outbox WHERE subject = 'evt.transportation.runs.restored.v1' AND envelope->'data'->>'schoolId' = $1 ORDER BY seq`, [s]);
    expect(restored.map((r: { dates: string[] }) => r.dates)).toEqual([['2026-12-01'], ['2026-12-03', '2026-12-04']]);
    // a dispatcher cannot lift a closure's cancellation by hand
    expect((await call(app, 'DELETE', `/api/runs/${am.id}/cancellations/2026-12-02`)).status).toBe(409);
  });
});
