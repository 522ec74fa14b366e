import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { BriefReply, DepartmentKpisReply, EnrollmentEvents, SchoolSummariesReply, TransportationSchoolSection, TransportationStudentSummary } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats } from '@district/testing';
import { AppModule } from '../src/app.module';
import { TransportationClock } from '../src/common/district-clock';
import { CONSUMER_ENV, ask, call, north, publish, reader, schoolSnap, settled, studentSnap } from './support';

/**
 * Operations on real PostgreSQL and NATS: a small fixture (one school, two buses, an AM and a PM run, five
 * eligible students) with arrivals, scans, mileage, an accident, costs and a cancellation ingested through the
 * REST endpoints, then every KPI checked against values computed by hand (in the comments).
 */
describe('transportation operations, ingestion and KPIs', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let ds: DataSource;
  let db: { drop(): Promise<void>; url: string };
  const school = schoolSnap();
  const students = {
    a: studentSnap(school.id, north(1.51)),
    b: studentSnap(school.id, north(1.49)),
    c: studentSnap(school.id, north(1.21)),
    d: studentSnap(school.id, north(1.19)),
    far: studentSnap(school.id, north(3)),
  };
  let v1: string;
  let v2: string;
  let am: { id: string; stops: { id: string }[] };
  let pm: { id: string; stops: { id: string }[] };

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('transportation_ops');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, ...CONSUMER_ENV });
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    await publish(nc, EnrollmentEvents.SchoolUpserted, { school });
    await settled(nc);

    // V1 in service 2016-10-31 and V2 2020-10-31: on 2026-10-31 they are 3652 and 2191 days old → mean 7.9986 years → 8.00
    v1 = (await call(app, 'POST', '/api/vehicles', { number: 'B-1', capacity: 10, type: 'minibus', operator: 'contractor', contractor: 'Transdev', fuel: 'diesel', inServiceDate: '2016-10-31' })).body.id;
    v2 = (await call(app, 'POST', '/api/vehicles', { number: 'B-2', capacity: 71, type: 'bus', operator: 'district', fuel: 'electric', inServiceDate: '2020-10-31' })).body.id;
    const route = (await call(app, 'POST', '/api/routes', { code: 'RT-1', name: 'North loop' })).body.id;
    am = (await call(app, 'POST', '/api/runs', {
      code: 'N-AM', routeId: route, schoolId: school.id, session: 'AM', bellTime: '08:00', scheduledArrival: '07:45', vehicleId: v1,
      stops: [{ name: 'Far corner', ...north(1.5), scheduledTime: '07:20' }, { name: 'Near corner', ...north(1.2), scheduledTime: '07:30' }],
    })).body;
    pm = (await call(app, 'POST', '/api/runs', {
      code: 'N-PM', routeId: route, schoolId: school.id, session: 'PM', bellTime: '14:30', scheduledArrival: '15:10', vehicleId: v1,
      stops: [{ name: 'Near corner', ...north(1.2), scheduledTime: '14:50' }, { name: 'Far corner', ...north(1.5), scheduledTime: '15:00' }],
    })).body;
    // students arrive after the runs exist: each eligible one is placed at once by the enrollment event's handler
    for (const s of Object.values(students)) {
      await publish(nc, EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
    }
    await settled(nc);
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  it('places each eligible student at the nearest stop within the walk limit, AM and PM, as they enroll', async () => {
    const list = await call(app, 'GET', `/api/stop-assignments?schoolId=${school.id}&session=AM`, undefined, reader);
    const byStudent = Object.fromEntries(list.body.items.map((i: { studentId: string; stopName: string }) => [i.studentId, i.stopName]));
    expect(byStudent).toEqual({ [students.a.id]: 'Far corner', [students.b.id]: 'Far corner', [students.c.id]: 'Near corner', [students.d.id]: 'Near corner' });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'evt.transportation.stop.assigned.v1'`);
    expect(n).toBe(8);
    const auto = await call(app, 'POST', `/api/stop-assignments/auto?schoolId=${school.id}`);
    expect(auto.body).toMatchObject({ assigned: 0, unplacedStudents: 1, unplacedByReason: { 'no-stop-within-walk-limit': 2 } });
    expect(auto.body.unplaced[0]).toMatchObject({ studentId: students.far.id, reason: 'no-stop-within-walk-limit' });
    expect((await call(app, 'POST', `/api/stop-assignments/auto?schoolId=${school.id}`, undefined, bearer(['transportation:write']))).status).toBe(403);
    expect((await call(app, 'GET', `/api/schools/${school.id}/runs`, undefined, bearer(['transportation:read']))).body).toMatchObject({ total: 2, items: [{ code: 'N-AM', riders: 4, seats: 10 }, { code: 'N-PM', riders: 4 }] });
  });

  it('ingests arrivals, scans and mileage in bulk, reporting each rejected item and never counting a scan twice', async () => {
    expect((await call(app, 'POST', `/api/runs/${pm.id}/cancellations`, { date: '2026-10-06', reason: 'no driver available' })).status).toBe(201);
    expect((await call(app, 'POST', `/api/runs/${pm.id}/cancellations`, { date: '2026-10-06', reason: 'again' })).status).toBe(409);

    const arrivals = await call(app, 'POST', '/api/arrivals', [
      { runId: am.id, date: '2026-10-05', actualArrival: '07:50' }, // 10 min before the bell: on time
      { runId: am.id, date: '2026-10-06', actualArrival: '08:05' }, // after the bell: late
      { runId: pm.id, date: '2026-10-05', actualArrival: '15:20' }, // 10 min behind its schedule
      { runId: pm.id, date: '2026-10-06', actualArrival: '15:12' }, // cancelled that day
      { runId: randomUUID(), date: '2026-10-05', actualArrival: '07:40' },
      { runId: am.id, date: '2026-10-05', actualArrival: '7:50' },
    ]);
    expect(arrivals.body).toEqual({
      received: 6, accepted: 3, duplicates: 0,
      rejected: [{ index: 3, reason: 'the run is cancelled on 2026-10-06' }, { index: 4, reason: 'unknown run' }, { index: 5, reason: expect.stringMatching(/actualArrival/) }],
    });

    const [far, near] = am.stops.map((s) => s.id);
    const [pmNear, pmFar] = pm.stops.map((s) => s.id);
    const scan = (s: { id: string }, runId: string, stopId: string, at: string) => ({ studentId: s.id, runId, stopId, scannedAt: at });
    const scans = await call(app, 'POST', '/api/ridership/scans', [
      scan(students.a, am.id, far, '2026-10-05T07:22:00-04:00'),
      scan(students.b, am.id, far, '2026-10-05T07:21:00-04:00'),
      scan(students.c, am.id, near, '2026-10-05T11:31:00Z'), // 07:31 in Boston
      scan(students.a, am.id, far, '2026-10-06T07:25:00-04:00'),
      scan(students.d, am.id, near, '2026-10-06T07:33:00-04:00'),
      scan(students.a, pm.id, pmFar, '2026-10-05T14:36:00-04:00'),
      scan(students.c, pm.id, pmNear, '2026-10-05T14:35:00-04:00'),
      scan(students.a, am.id, far, '2026-10-05T07:23:00-04:00'), // a second tap
      scan(students.b, pm.id, pmNear, '2026-10-06T14:35:00-04:00'), // cancelled run-day
      scan(students.b, am.id, pmNear, '2026-10-07T07:30:00-04:00'), // a PM run's stop
      { ...scan(students.b, am.id, far, '2026-10-07T07:30:00-04:00'), studentId: randomUUID() },
      { studentId: 'x' },
    ]);
    expect(scans.status).toBe(200);
    expect(scans.body).toEqual({
      received: 12, accepted: 7, duplicates: 0,
      rejected: [
        { index: 7, reason: 'duplicate of item 0' },
        { index: 8, reason: 'the run is cancelled on 2026-10-06' },
        { index: 9, reason: 'the stop is not a stop of that run' },
        { index: 10, reason: 'unknown student' },
        { index: 11, reason: 'runId is required' },
      ],
    });
    // the same tap sent again in a later request is a duplicate, not a second rider
    expect((await call(app, 'POST', '/api/ridership/scans', [scan(students.a, am.id, far, '2026-10-05T07:22:30-04:00')])).body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });

    const miles = await call(app, 'POST', '/api/mileage', [
      { vehicleId: v1, date: '2026-10-05', miles: 30 },
      { vehicleId: v1, date: '2026-10-06', miles: 35 },
      { vehicleId: v2, date: '2026-10-05', miles: 25 },
      { vehicleId: v2, date: '2016-01-01', miles: 25 },
    ]);
    expect(miles.body).toMatchObject({ accepted: 3, rejected: [{ index: 3, reason: 'the date is before the vehicle entered service' }] });
    // a correction replaces the day's figure (30 → 40): October is 100 miles
    expect((await call(app, 'POST', '/api/mileage', [{ vehicleId: v1, date: '2026-10-05', miles: 40 }])).body).toMatchObject({ accepted: 1 });

    expect((await call(app, 'POST', '/api/incidents', { vehicleId: v1, runId: am.id, date: '2026-10-06', type: 'accident', description: 'Mirror clipped', preventable: true })).status).toBe(201);
    expect((await call(app, 'POST', '/api/incidents', { vehicleId: v2, date: '2026-10-05', type: 'incident', description: 'Fight on board' })).status).toBe(201);
    expect((await call(app, 'POST', '/api/contractor-costs', { month: '2026-10', contractor: 'Transdev', amount: 600 })).status).toBe(201);
    expect((await call(app, 'POST', '/api/contractor-costs', { month: '2026-10', contractor: 'district', amount: 400 })).status).toBe(201);
    expect((await call(app, 'POST', '/api/contractor-costs', { month: '2026-10', contractor: 'district', amount: 1 })).status).toBe(409);
  });

  it('computes every KPI as by hand', async () => {
    const month = app.get(TransportationClock).today().slice(0, 7);
    const reply = await ask<DepartmentKpisReply>(nc, 'transportation.kpis.get', { from: '2026-10', to: month, bySchool: true });
    const october = reply.periods[0];
    expect(october.period).toBe('2026-10');
    expect(october.values).toEqual({
      'transportation.cost-per-rider': 250, // $1,000 ÷ 4 students who rode in October (a, b, c, d)
      'transportation.cost-per-mile': 10, // $1,000 ÷ 100 miles (40 + 35 + 25)
      'transportation.on-time-performance': 50, // AM: 10-05 at 07:50 on time, 10-06 at 08:05 late
      'transportation.daily-runs-per-bus': 1.5, // 3 runs with an arrival ÷ 2 bus-days (B-1 on 10-05 and 10-06)
      'transportation.miles-between-accidents': 100, // 100 miles ÷ 1 accident (the incident does not count)
      'transportation.accidents-per-100k-miles': 1000,
      'transportation.seat-utilization': 23.33, // (3 + 2 + 2) boardings ÷ (10 + 10 + 10) seats
      'transportation.average-fleet-age': 8,
      'transportation.eligible-without-stop': null, // no snapshot as early as October in this fixture
      'transportation.eligible-without-stop-rate': null,
      // AM 10-05: (470-442) + (470-441) + (470-451) = 76; 10-06: (485-445) + (485-453) = 72 → 148 ÷ 5
      'transportation.average-ride-time-am': 29.6,
      // PM 10-05, 10 min late: a rides to 15:00+10 from 14:36 = 34, c to 14:50+10 from 14:35 = 25 → 59 ÷ 2
      'transportation.average-ride-time-pm': 29.5,
    });
    const now = reply.periods.find((p) => p.period === month)!;
    expect(now.values).toMatchObject({ 'transportation.eligible-without-stop': 1, 'transportation.eligible-without-stop-rate': 20 }); // far ÷ 5 eligible
    expect(reply.schools).toContainEqual({
      period: '2026-10', schoolId: school.id,
      values: {
        'transportation.on-time-performance': 50, 'transportation.seat-utilization': 23.33, 'transportation.eligible-without-stop': null,
        'transportation.eligible-without-stop-rate': null, 'transportation.average-ride-time-am': 29.6, 'transportation.average-ride-time-pm': 29.5,
      },
    });
    await expect(ask(nc, 'transportation.kpis.get', { from: '2026-10', to: '2026-01' })).rejects.toMatchObject({ status: 400 });
    await expect(ask(nc, 'transportation.kpis.get', { from: '2026-13', to: '2026-14' })).rejects.toMatchObject({ status: 400 });
  });

  it('answers the gateway’s school summaries, brief and student summary', async () => {
    const summaries = await ask<SchoolSummariesReply<TransportationSchoolSection>>(nc, 'transportation.school-summaries.get', { schoolIds: [school.id, randomUUID()], date: '2026-10-06' });
    expect(summaries).toEqual({
      date: '2026-10-06',
      schools: {
        [school.id]: {
          schoolId: school.id, eligibleRiders: 5, transitPass: 0, notEligible: 0, runs: 2, riders: 4, unassignedEligible: 1,
          onTimeDate: '2026-10-05', onTimeRateYesterday: 100, runsCancelledToday: 1,
        },
      },
    });
    const brief = await ask<BriefReply>(nc, 'transportation.brief.get', { date: '2026-10-06' });
    expect(brief.items).toEqual([
      expect.objectContaining({ kind: 'runs.cancelled', schoolId: school.id, severity: 'warning', detail: 'no driver available' }),
      expect.objectContaining({ kind: 'run.late', schoolId: school.id, severity: 'info', at: '2026-10-06', ref: { type: 'run', id: am.id } }),
    ]);
    const student = await ask<TransportationStudentSummary>(nc, 'transportation.student-summary.get', { studentId: students.a.id });
    expect(student).toMatchObject({ studentId: students.a.id, eligibility: { status: 'yellow-bus', schoolId: school.id }, stops: [{ session: 'AM', stopName: 'Far corner' }, { session: 'PM', stopName: 'Far corner' }] });
    // the foundation's subject still answers with its shape (the gateway calls it)
    expect(await ask(nc, 'transportation.school-summary.get', { schoolId: school.id })).toEqual({ schoolId: school.id, eligibleRiders: 5, transitPass: 0, notEligible: 0 });
  });

  it('takes 10,000 scans in one request (a body above the global limit), in one statement', async () => {
    const days = Array.from({ length: 1000 }, (_, i) => new Date(Date.UTC(2023, 0, 2) + i * 86_400_000).toISOString().slice(0, 10));
    const who = [students.a, students.b, students.c, students.d, students.far];
    const items = days.flatMap((d) => who.flatMap((s) => [
      { studentId: s.id, runId: am.id, stopId: am.stops[0].id, scannedAt: `${d}T07:2${who.indexOf(s)}:00-05:00` },
      { studentId: s.id, runId: pm.id, stopId: pm.stops[0].id, scannedAt: `${d}T14:3${who.indexOf(s)}:00-05:00` },
    ]));
    expect(items).toHaveLength(10_000);
    const started = Date.now();
    const res = await call(app, 'POST', '/api/ridership/scans', items);
    const ms = Date.now() - started;
    expect(res.body).toMatchObject({ received: 10_000, accepted: 10_000, rejected: [] });
    process.stdout.write(`10,000 scans ingested in ${ms} ms\n`);
    const [{ riders }] = await ds.query(`SELECT sum(riders)::int AS riders FROM run_daily WHERE service_date < '2026-01-01'`);
    expect(riders).toBe(10_000);
    expect((await call(app, 'POST', '/api/ridership/scans', [...items, items[0]])).status).toBe(413);
    expect((await call(app, 'POST', '/api/ridership/scans', { not: 'an array' })).status).toBe(400);
  });
});
