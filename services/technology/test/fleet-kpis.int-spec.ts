import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEnvelope, DepartmentKpisReply, EnrollmentEvents, EventDefinition, SchoolSnapshot, StudentSnapshot, TECHNOLOGY_KPIS } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../src/app.module';
import { TechnologySeeder } from '../src/seed/technology-seeder.service';

const writer = bearer(['technology:write', 'technology:read', 'student-records']);
const codec = JSONCodec();

/** Fleet operations through the REST API, KPIs against hand-computed figures, the CSV import and the demo seeder, on real PostgreSQL and NATS. */
describe('technology fleet, help desk and KPIs', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let db: { drop(): Promise<void>; url: string };

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('technology_fleet');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url });
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
  };
  const settled = () =>
    waitFor(async () => {
      const info = await (await nc.jetstreamManager()).consumers.info('EVT_ENROLLMENT', 'technology');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, { what: 'technology consumer caught up' });
  let codes = 0;
  const school = async (grades: SchoolSnapshot['grades'] = ['K', '1', '2', '3', '4', '5']) => {
    const s: SchoolSnapshot = { id: randomUUID(), code: `KS${++codes}`, name: `KPI School ${codes}`, address: 'x', latitude: 42.36, longitude: -71.06, grades, capacity: {}, version: 1 };
    await publish(EnrollmentEvents.SchoolUpserted, { school: s });
    return s;
  };
  const enroll = async (schoolId: string, grade: StudentSnapshot['grade'], entryDate: string) => {
    const s: StudentSnapshot = {
      id: randomUUID(), localId: `L${Math.floor(Math.random() * 1e6)}`, firstName: 'Ana', lastName: 'Silva', grade, address: 'x', latitude: 42.37, longitude: -71.06,
      siblingIds: [], flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId, enrollmentId: randomUUID(), version: 2,
    };
    await publish(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId, entryDate });
    return s;
  };
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, auth = writer) => {
    const res = await app.inject({ method, url, payload, headers: { authorization: auth } });
    return { status: res.statusCode, body: res.json() };
  };
  const kpis = async (from: string, to: string): Promise<DepartmentKpisReply> => {
    const subject = 'technology.kpis.get';
    const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data: { from, to, bySchool: true }, id: randomUUID() }), { timeout: 10_000 });
    const body = codec.decode(reply.data) as { response?: DepartmentKpisReply; err?: unknown };
    if (body.err) throw new Error(JSON.stringify(body.err));
    return body.response!;
  };

  it('computes every KPI of a school from its devices, repairs, losses, tickets and contract, as worked out by hand', async () => {
    const s = await school();
    await settled();
    expect((await call('PUT', `/api/one-to-one/schools/${s.id}`, { grades: ['3'], date: '2025-08-20' })).status).toBe(200);
    const device = async (serial: string, purchaseDate: string, autoUpdateExpiration?: string) =>
      (await call('POST', '/api/devices', { serial, model: 'Chromebook', type: 'chromebook', purchaseDate, autoUpdateExpiration, schoolId: s.id, date: '2025-09-01' })).body.id as string;
    const d1 = await device(`K1-${codes}`, '2020-09-01'); // past the 4-year cycle
    const d2 = await device(`K2-${codes}`, '2024-08-01', '2025-06-01'); // past its update expiration
    const d3 = await device(`K3-${codes}`, '2025-08-01', '2032-06-01');
    const d4 = await device(`K4-${codes}`, '2025-08-01', '2032-06-01');
    for (let i = 0; i < 3; i++) await enroll(s.id, '3', '2025-09-02');
    await settled();
    // the three newest devices went out (newest first); d1 stays in stock
    expect((await call('GET', `/api/devices/${d1}`)).body.status).toBe('in-stock');
    for (const d of [d2, d3, d4]) expect((await call('GET', `/api/devices/${d}`)).body.status).toBe('assigned');

    const repair = await call('POST', '/api/repairs', { deviceId: d3, problem: 'cracked screen', date: '2025-10-05' });
    expect(repair.status).toBe(201);
    expect((await call('GET', `/api/devices/${d3}`)).body.status).toBe('in-repair');
    expect((await call('POST', `/api/repairs/${repair.body.id}/close`, { outcome: 'repaired', costUsd: 89.5, date: '2025-10-09' })).body).toMatchObject({ outcome: 'repaired', costUsd: 89.5 });
    expect((await call('GET', `/api/devices/${d3}`)).body.status).toBe('assigned');
    // d4 is lost in October: its student gets d1 from stock the same day
    expect((await call('POST', `/api/devices/${d4}/lost`, { kind: 'lost', date: '2025-10-20' })).status).toBe(200);
    expect((await call('GET', `/api/devices/${d1}`)).body).toMatchObject({ status: 'assigned', statusDate: '2025-10-20' });

    const ticket = async (openedAt: string, resolvedAt: string, firstContact: boolean) => {
      const t = await call('POST', '/api/tickets', { schoolId: s.id, requester: 'Library', category: 'hardware', priority: 'medium', subject: 'x', openedAt });
      expect(t.status).toBe(201);
      expect((await call('POST', `/api/tickets/${t.body.id}/resolve`, { at: resolvedAt, firstContact })).status).toBe(200);
    };
    await ticket('2025-10-06T14:00:00Z', '2025-10-06T14:30:00Z', true); // 30 min
    await ticket('2025-10-07T14:00:00Z', '2025-10-07T16:00:00Z', false); // 120 min
    await ticket('2025-10-08T14:00:00Z', '2025-10-10T14:00:00Z', false); // 2,880 min
    expect((await call('PUT', '/api/bandwidth-contracts', { schoolId: s.id, effectiveFrom: '2025-07-01', kbps: 300 })).status).toBe(200);

    const reply = await kpis('2025-09', '2025-10');
    expect(reply.periods.map((p) => p.period)).toEqual(['2025-09', '2025-10']);
    const october = reply.schools!.find((x) => x.period === '2025-10' && x.schoolId === s.id)!.values;
    expect(october).toEqual({
      'technology.devices-per-student': 1, // 3 held ÷ 3 enrolled
      'technology.fleet-due-for-refresh': 66.67, // d1 (age) and d2 (update expiration) of d1, d2, d3
      'technology.average-device-age': 2.22, // (1886 + 456 + 91) days ÷ 3 ÷ 365.25 on 2025-10-31
      'technology.ticket-resolution-time': 2, // median of 30, 120, 2880 minutes
      'technology.first-contact-resolution': 33.33,
      'technology.repairs-per-100-devices': 33.33, // 1 repair ÷ 3 active devices
      'technology.loss-rate': 25, // 1 lost ÷ (3 + 1)
      'technology.bandwidth-per-user': 100, // 300 Kbps ÷ 3 students
    });
    const september = reply.schools!.find((x) => x.period === '2025-09' && x.schoolId === s.id)!.values;
    expect(september).toMatchObject({ 'technology.devices-per-student': 1, 'technology.loss-rate': 0, 'technology.ticket-resolution-time': null, 'technology.repairs-per-100-devices': 0 });
    expect(Object.keys(reply.periods[1].values).sort()).toEqual(TECHNOLOGY_KPIS.map((k) => k.id).sort());

    const plan = await call('GET', `/api/refresh-plan?schoolId=${s.id}&date=2025-10-31`);
    expect(plan.body).toMatchObject({ asOf: '2025-10-31', cycleYears: 4, dueNow: 2, totalEstimatedCostUsd: 900 });
    expect(plan.body.lines).toEqual([
      { schoolId: s.id, schoolYear: 2026, devices: 2, estimatedCostUsd: 600, devicesWithoutCost: 0 },
      { schoolId: s.id, schoolYear: 2030, devices: 1, estimatedCostUsd: 300, devicesWithoutCost: 0 },
    ]);
    const history = await call('GET', `/api/devices/${d3}/history`);
    expect(history.body.items.map((h: { to: string; effectiveDate: string }) => `${h.to}@${h.effectiveDate}`)).toEqual(['in-stock@2025-09-01', 'assigned@2025-09-02', 'in-repair@2025-10-05', 'assigned@2025-10-09']);

    const bad = await nc.request('technology.kpis.get', JSON.stringify({ pattern: 'technology.kpis.get', data: { from: '2025-13', to: '2025-10' }, id: '1' }), { timeout: 5000 });
    expect((codec.decode(bad.data) as { err: { status: number } }).err.status).toBe(400);
  });

  it('imports devices from CSV by serial: rejected rows with line and reason, nothing applied on abort, the valid rows on skip', async () => {
    const s = await school();
    await settled();
    const csv = (rows: string[]) => ['serial,model,type,purchase_date,auto_update_expiration,school_code,loaner_pool', ...rows].join('\n');
    const send = (body: string, query = '') =>
      app.inject({ method: 'POST', url: `/api/devices/import${query}`, payload: body, headers: { authorization: writer, 'content-type': 'text/csv' } });
    const file = csv([`IMP-1,Dell 3110,chromebook,2024-08-01,2031-06-01,${s.code},`, `IMP-2,iPad,tablet,2025-01-10,,${s.code},true`, `IMP-3,Dell 3110,toaster,2024-08-01,,${s.code},`, `IMP-4,Dell,laptop,2024-08-01,,NOPE,`]);
    const aborted = await send(file);
    expect(aborted.statusCode).toBe(422);
    expect(aborted.json().rejected).toEqual([
      { line: 4, serial: 'IMP-3', reason: expect.stringMatching(/type must be one of/) },
      { line: 5, serial: 'IMP-4', reason: 'no school with code NOPE' },
    ]);
    expect((await call('GET', `/api/devices?schoolId=${s.id}`)).body.total).toBe(0);

    const skipped = await send(file, '?onError=skip');
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json()).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, applied: true, rejected: [{ line: 4 }, { line: 5 }] });
    const again = await send(csv([`IMP-1,Dell 3110,chromebook,2024-08-01,2030-06-01,${s.code},`, `IMP-2,iPad,tablet,2025-01-10,,${s.code},true`]));
    expect(again.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: [] });
    expect((await call('GET', `/api/devices?serial=IMP-1`)).body.items[0]).toMatchObject({ autoUpdateExpiration: '2030-06-01', status: 'in-stock' });

    expect((await send('serial,model\nx,y')).json()).toMatchObject({ status: 422, detail: expect.stringMatching(/missing column/) });
    expect((await app.inject({ method: 'POST', url: '/api/devices/import', payload: { a: 1 }, headers: { authorization: writer } })).statusCode).toBe(415);

    // a loaner from the imported loaner pool, to staff; then back
    const [pool] = (await call('GET', `/api/devices?serial=IMP-2`)).body.items;
    const loan = await call('POST', '/api/loaners', { deviceId: pool.id, borrower: 'Room 204 teacher', date: '2026-11-02' });
    expect(loan).toMatchObject({ status: 201, body: { kind: 'loaner', dueOn: '2026-11-16', assignee: 'Room 204 teacher' } });
    expect((await call('GET', `/api/loaners?schoolId=${s.id}&overdue=true`)).body.total).toBe(1);
    expect((await call('POST', '/api/loaners', { deviceId: pool.id, borrower: 'x' })).status).toBe(409);
    expect((await call('POST', `/api/loaners/${loan.body.id}/return`, { date: '2026-11-20' })).body).toMatchObject({ endedOn: '2026-11-20', endReason: 'returned' });
    const [one] = (await call('GET', `/api/devices?serial=IMP-1`)).body.items;
    expect((await call('POST', '/api/loaners', { deviceId: one.id, borrower: 'x' })).status).toBe(409); // not a loaner
  });

  it('the demo seeder fills every KPI for September to November 2026 and the brief for 2026-11-23', async () => {
    const seeded = await createTestDatabase('technology_seed');
    const seedNats = await startNats();
    const seedApp = await startService(AppModule, { DATABASE_URL: seeded.url, NATS_URL: seedNats.url });
    const snc = await connect({ servers: seedNats.url });
    try {
      // a small district: four schools, through enrollment's events
      const schools: SchoolSnapshot[] = [['PK', 'K', '1', '2', '3', '4', '5'], ['6', '7', '8'], ['9', '10', '11', '12'], ['K', '1', '2', '3', '4', '5', '6', '7', '8']].map((grades, i) => ({
        id: randomUUID(), code: `SEED${i}`, name: `Seed School ${i}`, address: 'x', latitude: 42.3, longitude: -71.1, grades: grades as SchoolSnapshot['grades'], capacity: {}, version: 1,
      }));
      const js = snc.jetstream();
      const send = async <T>(def: EventDefinition<T>, data: T) => {
        const e = createEnvelope(def, data, { source: 'enrollment' });
        await js.publish(def.subject, JSON.stringify(e), { msgID: e.id });
      };
      for (const school of schools) await send(EnrollmentEvents.SchoolUpserted, { school });
      let n = 0;
      for (const school of schools) for (const grade of school.grades) for (let k = 0; k < 6; k++) {
        const s: StudentSnapshot = {
          id: randomUUID(), localId: `S${++n}`, firstName: 'Sam', lastName: `Lee${n}`, grade, address: 'x', latitude: 42.3, longitude: -71.1, siblingIds: [],
          flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId: school.id, enrollmentId: randomUUID(), version: 2,
        };
        await send(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: school.id, entryDate: '2026-09-02' });
      }
      const counts = 'SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students';
      expect(await waitForEnrollmentProjection(seedApp, { consumer: 'technology', countsSql: counts, timeoutMs: 30_000 })).toEqual({ schools: 4, students: n });

      const result = await seedApp.get(TechnologySeeder).seed();
      expect(result).toMatchObject({ schools: 4 });
      expect(result!.queued).toBeGreaterThan(0);
      expect(await seedApp.get(TechnologySeeder).seed()).toBeNull(); // not twice

      const request = async <T>(subject: string, data: unknown): Promise<T> => {
        const reply = await snc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 10_000 });
        return (codec.decode(reply.data) as { response: T }).response;
      };
      const reply = await request<DepartmentKpisReply>('technology.kpis.get', { from: '2026-09', to: '2026-11' });
      for (const p of reply.periods) {
        for (const k of TECHNOLOGY_KPIS) expect([p.period, k.id, p.values[k.id]]).toEqual([p.period, k.id, expect.any(Number)]);
      }
      const brief = await request<{ items: { kind: string }[] }>('technology.brief.get', { date: '2026-11-23' });
      expect(new Set(brief.items.map((i) => i.kind))).toEqual(new Set(['device.queue', 'ticket.overdue']));
      // every assignment the seeder made is a 1:1 device held by an enrolled student of that school
      const [{ stray }] = await seedApp.get(DataSource).query(
        `SELECT count(*)::int AS stray FROM device_assignments a LEFT JOIN students s ON s.id = a.student_id AND s.school_id = a.school_id
         WHERE a.kind = 'one-to-one' AND a.ended_on IS NULL AND s.id IS NULL`,
      );
      expect(stray).toBe(0);
    } finally {
      await snc.close();
      await stopService(seedApp);
      await seedNats.stop();
      await seeded.drop();
    }
  });
});
