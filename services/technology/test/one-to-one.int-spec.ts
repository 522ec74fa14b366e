import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEnvelope, EnrollmentEvents, EventDefinition, SchoolSnapshot, StudentSnapshot, TechnologySchoolSummary } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';
import { OneToOneService } from '../src/one-to-one/one-to-one.service';

const writer = bearer(['technology:write', 'technology:read', 'student-records']);
const codec = JSONCodec();

/**
 * The 1:1 program against enrollment's event contract, on real PostgreSQL and NATS: events are published on
 * the enrollment stream as enrollment publishes them; technology assigns, queues and opens return tasks.
 */
describe('technology 1:1 assignment from enrollment events', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let ds: DataSource;
  let db: { drop(): Promise<void>; url: string };

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('technology_one_to_one');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url });
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const publish = async <T>(def: EventDefinition<T>, data: T, id?: string) => {
    const e = createEnvelope(def, data, { source: 'enrollment', id });
    await nc.jetstream().publish(def.subject, JSON.stringify(e), { msgID: randomUUID() });
    return e;
  };
  const settled = () =>
    waitFor(async () => {
      const info = await (await nc.jetstreamManager()).consumers.info('EVT_ENROLLMENT', 'technology');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, { what: 'technology consumer caught up' });
  let codes = 0;
  const school = async (grades: SchoolSnapshot['grades'] = ['K', '1', '2', '3', '4', '5']) => {
    const s: SchoolSnapshot = { id: randomUUID(), code: `TS${++codes}`, name: `Tech School ${codes}`, address: 'x', latitude: 42.36, longitude: -71.06, grades, capacity: {}, version: 1 };
    await publish(EnrollmentEvents.SchoolUpserted, { school: s });
    return s;
  };
  const student = (schoolId: string, over: Partial<StudentSnapshot> = {}): StudentSnapshot => ({
    id: randomUUID(), localId: `L${Math.floor(Math.random() * 1e6)}`, firstName: 'Ivy', lastName: 'Ng', grade: '3', address: 'x', latitude: 42.37, longitude: -71.06,
    siblingIds: [], flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, status: 'enrolled', schoolId, enrollmentId: randomUUID(), version: 2, ...over,
  });
  const enroll = (s: StudentSnapshot, entryDate = '2026-09-02') =>
    publish(EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId: s.schoolId!, entryDate });
  const oneToOne = async (schoolId: string, grades: string[]) => {
    const res = await app.inject({ method: 'PUT', url: `/api/one-to-one/schools/${schoolId}`, payload: { grades, date: '2026-08-20' }, headers: { authorization: writer } });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  let serials = 0;
  const addDevice = async (schoolId: string, over: Record<string, unknown> = {}) => {
    const res = await app.inject({
      method: 'POST', url: '/api/devices', headers: { authorization: writer },
      payload: { serial: `SN-${process.pid}-${++serials}`, model: 'Dell Chromebook 3110', type: 'chromebook', purchaseDate: '2025-08-01', schoolId, date: '2026-08-25', ...over },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; serial: string; status: string };
  };
  const holdings = (studentId: string) =>
    ds.query(`SELECT a.device_id AS "deviceId", a.school_id AS "schoolId", to_char(a.assigned_on, 'YYYY-MM-DD') AS "assignedOn" FROM device_assignments a
              WHERE a.student_id = $1 AND a.ended_on IS NULL AND a.kind = 'one-to-one'`, [studentId]);
  const queuedAt = async (studentId: string) => (await ds.query('SELECT school_id AS "schoolId" FROM device_queue WHERE student_id = $1', [studentId]))[0]?.schoolId ?? null;
  const outboxCount = async (subject: string, studentId: string) =>
    (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope->'data'->>'studentId' = $2`, [subject, studentId]))[0].n;
  const rpc = async <T>(subject: string, data: unknown): Promise<T> => {
    const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5000 });
    const body = codec.decode(reply.data) as { response?: T; err?: unknown };
    if (body.err) throw new Error(JSON.stringify(body.err));
    return body.response as T;
  };

  it('gives a student enrolling in a 1:1 grade a device in stock at the school, with its history and event', async () => {
    const s = await school();
    await oneToOne(s.id, ['3', '4', '5']);
    const device = await addDevice(s.id);
    const kid = student(s.id);
    await enroll(kid);
    const [held] = await waitFor(async () => (await holdings(kid.id)).length && holdings(kid.id), { what: 'assignment' });
    expect(held).toEqual({ deviceId: device.id, schoolId: s.id, assignedOn: '2026-09-02' });
    const history = await app.inject({ method: 'GET', url: `/api/devices/${device.id}/history`, headers: { authorization: writer } });
    expect(history.json().items.map((h: { from: string | null; to: string; changedBy: string }) => [h.from, h.to, h.changedBy])).toEqual([
      [null, 'in-stock', 'test-user'],
      ['in-stock', 'assigned', 'system:one-to-one'],
    ]);
    expect(await outboxCount('evt.technology.device.assigned.v1', kid.id)).toBe(1);
    // a student in a grade that is not 1:1 gets nothing
    const kinder = student(s.id, { grade: 'K' });
    await enroll(kinder);
    await settled();
    expect(await holdings(kinder.id)).toEqual([]);
    expect(await queuedAt(kinder.id)).toBeNull();
  });

  it('queues a student when there is no stock, and assigns in queue order when stock arrives', async () => {
    const s = await school();
    await oneToOne(s.id, ['3']);
    const first = student(s.id);
    const second = student(s.id);
    await enroll(first);
    await settled();
    await enroll(second);
    await settled();
    expect(await queuedAt(first.id)).toBe(s.id);
    expect(await queuedAt(second.id)).toBe(s.id);
    const queue = await app.inject({ method: 'GET', url: `/api/one-to-one/queue?schoolId=${s.id}`, headers: { authorization: writer } });
    expect(queue.json().items.map((q: { studentId: string; position: number }) => [q.studentId, q.position])).toEqual([[first.id, 1], [second.id, 2]]);
    expect((await app.inject({ method: 'GET', url: `/api/one-to-one/queue?schoolId=${s.id}`, headers: { authorization: bearer(['technology:read']) } })).statusCode).toBe(403);

    const device = await addDevice(s.id, { date: '2026-09-10' });
    expect(device.status).toBe('assigned');
    expect(await holdings(first.id)).toEqual([{ deviceId: device.id, schoolId: s.id, assignedOn: '2026-09-10' }]);
    expect(await queuedAt(first.id)).toBeNull();
    expect(await queuedAt(second.id)).toBe(s.id);
  });

  it('opens a return task on withdrawal; the device coming back goes to the next student waiting', async () => {
    const s = await school();
    await oneToOne(s.id, ['3']);
    const device = await addDevice(s.id);
    const leaver = student(s.id);
    const waiting = student(s.id);
    await enroll(leaver);
    await settled();
    await enroll(waiting);
    await settled();
    expect(await queuedAt(waiting.id)).toBe(s.id);
    await publish(EnrollmentEvents.StudentWithdrawn, { student: { ...leaver, status: 'withdrawn', schoolId: null, enrollmentId: null, version: 3 }, schoolId: s.id, exitDate: '2026-10-15', exitReason: 'moved' });
    await settled();
    const tasks = await app.inject({ method: 'GET', url: `/api/return-tasks?schoolId=${s.id}`, headers: { authorization: writer } });
    expect(tasks.json()).toMatchObject({ total: 1, items: [{ studentId: leaver.id, deviceId: device.id, reason: 'withdrawn', status: 'open', openedOn: '2026-10-15' }] });
    expect(await outboxCount('evt.technology.return-task.opened.v1', leaver.id)).toBe(1);

    const done = await app.inject({ method: 'POST', url: `/api/return-tasks/${tasks.json().items[0].id}/complete`, payload: { date: '2026-10-20' }, headers: { authorization: writer } });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('assigned'); // straight to the student who was waiting
    expect(await holdings(waiting.id)).toEqual([{ deviceId: device.id, schoolId: s.id, assignedOn: '2026-10-20' }]);
    expect((await ds.query(`SELECT status FROM return_tasks WHERE student_id = $1`, [leaver.id]))[0].status).toBe('returned');
  });

  it('is idempotent: the same event delivered twice, and a repeated snapshot under a new id, assign one device', async () => {
    const s = await school();
    await oneToOne(s.id, ['3']);
    await addDevice(s.id);
    await addDevice(s.id);
    const kid = student(s.id);
    const e = await enroll(kid);
    // the broker delivers the very same envelope again (a new message id defeats its duplicate window, as a redelivery after a crash does)
    await nc.jetstream().publish(EnrollmentEvents.StudentEnrolled.subject, JSON.stringify(e), { msgID: randomUUID() });
    // and enrollment's outbox sweeper re-publishes the same snapshot as a new event
    await enroll(kid);
    await settled();
    expect(await holdings(kid.id)).toHaveLength(1);
    expect(await outboxCount('evt.technology.device.assigned.v1', kid.id)).toBe(1);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [e.id]);
    expect(n).toBe(1);
    // the plan itself is idempotent too: applying the snapshot again past the version guard changes nothing
    const svc = app.get(OneToOneService);
    await app.get(UnitOfWork).run((tx) => svc.applyStudent(tx, { ...kid, version: 3 }, '2026-09-02', '2026-09-02'));
    expect(await holdings(kid.id)).toHaveLength(1);
  });

  it('on transfer, opens a return at the old school and assigns at the new one; the student summary shows both', async () => {
    const from = await school();
    const to = await school(['3', '4', '5', '6']);
    await oneToOne(from.id, ['3']);
    await oneToOne(to.id, ['3', '4']);
    const old = await addDevice(from.id);
    const fresh = await addDevice(to.id);
    const kid = student(from.id);
    await enroll(kid);
    await settled();
    await publish(EnrollmentEvents.StudentTransferred, {
      student: { ...kid, schoolId: to.id, version: 3 }, fromSchoolId: from.id, toSchoolId: to.id, enrollmentId: randomUUID(), entryDate: '2026-10-05',
    });
    await settled();
    const summary = await rpc<{ devices: { deviceId: string; schoolId: string }[]; openReturnTasks: { deviceId: string; schoolId: string; reason: string }[]; queued: unknown }>(
      'technology.student-summary.get', { studentId: kid.id },
    );
    expect(summary.devices.map((d) => [d.deviceId, d.schoolId]).sort()).toEqual([[old.id, from.id], [fresh.id, to.id]].sort());
    expect(summary.openReturnTasks).toEqual([expect.objectContaining({ deviceId: old.id, schoolId: from.id, reason: 'transferred' })]);
    expect(summary.queued).toBeNull();
    await expect(rpc('technology.student-summary.get', { studentId: randomUUID() })).rejects.toThrow(/404/);
    await expect(rpc('technology.student-summary.get', { studentId: 'nope' })).rejects.toThrow(/400/);
  });

  it('never gives one device to two students when two replicas assign at once', async () => {
    const replica = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url });
    try {
      const s = await school();
      await oneToOne(s.id, ['3']);
      for (let i = 0; i < 8; i++) await addDevice(s.id);
      await settled();
      const kids = Array.from({ length: 20 }, () => student(s.id));
      // the projection rows exist (as if the events had been consumed); both replicas then apply enrollments concurrently
      const apply = (a: NestFastifyApplication, k: StudentSnapshot) => a.get(UnitOfWork).run((tx) => a.get(OneToOneService).applyStudent(tx, k, '2026-09-02', '2026-09-02'));
      await Promise.all(kids.map((k, i) => apply(i % 2 ? replica : app, k)));
      const [counts] = await ds.query(
        `SELECT count(*)::int AS assignments, count(DISTINCT device_id)::int AS devices, count(DISTINCT student_id)::int AS students
         FROM device_assignments WHERE student_id = ANY($1::uuid[]) AND ended_on IS NULL`,
        [kids.map((k) => k.id)],
      );
      expect(counts).toEqual({ assignments: 8, devices: 8, students: 8 });
      const [{ queued }] = await ds.query('SELECT count(*)::int AS queued FROM device_queue WHERE student_id = ANY($1::uuid[])', [kids.map((k) => k.id)]);
      expect(queued).toBe(12);
      // stock arriving at once through both replicas serves the queue without double assignment either
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? replica : app).inject({
        method: 'POST', url: '/api/devices', headers: { authorization: writer },
        payload: { serial: `SN-R-${process.pid}-${i}`, model: 'X', type: 'chromebook', purchaseDate: '2025-08-01', schoolId: s.id },
      })));
      const [after] = await ds.query(
        `SELECT count(*)::int AS assignments, count(DISTINCT device_id)::int AS devices FROM device_assignments WHERE student_id = ANY($1::uuid[]) AND ended_on IS NULL`,
        [kids.map((k) => k.id)],
      );
      expect(after).toEqual({ assignments: 14, devices: 14 });
    } finally {
      await stopService(replica);
    }
  });

  it('losing a device ends its assignment and gives the student a spare; summaries and the brief report queues and tickets', async () => {
    const s = await school();
    await oneToOne(s.id, ['3']);
    const a = await addDevice(s.id);
    const kid = student(s.id);
    await enroll(kid);
    await settled();
    const spare = await addDevice(s.id, { purchaseDate: '2021-08-01' });
    expect(spare.status).toBe('in-stock');
    const lost = await app.inject({ method: 'POST', url: `/api/devices/${a.id}/lost`, payload: { kind: 'stolen', date: '2026-10-02' }, headers: { authorization: writer } });
    expect(lost.json()).toMatchObject({ status: 'lost', lostKind: 'stolen' });
    expect(await holdings(kid.id)).toEqual([{ deviceId: spare.id, schoolId: s.id, assignedOn: '2026-10-02' }]);
    // the next one queues (no stock left)
    const next = student(s.id);
    await enroll(next);
    await settled();
    const ticket = await app.inject({
      method: 'POST', url: '/api/tickets', headers: { authorization: writer },
      payload: { schoolId: s.id, requester: 'Main office', category: 'network', priority: 'critical', subject: 'No internet', openedAt: new Date(Date.now() - 6 * 3600_000).toISOString() },
    });
    expect(ticket.statusCode).toBe(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const { schools } = await rpc<{ schools: Record<string, TechnologySchoolSummary> }>('technology.school-summaries.get', { schoolIds: [s.id, randomUUID()], date: today });
    expect(Object.keys(schools)).toEqual([s.id]);
    expect(schools[s.id]).toMatchObject({
      devicesByStatus: { 'in-stock': 0, assigned: 1, lost: 1 }, oneToOneStock: 0, oneToOneGrades: ['3'], oneToOneStudents: 2, studentsWithoutDevice: 1, queued: 1,
      openTickets: 1, overdueTickets: 1, dueForRefresh: 1,
    });
    const brief = await rpc<{ items: { kind: string; schoolId: string; severity: string }[] }>('technology.brief.get', { date: today });
    expect(brief.items.filter((i) => i.schoolId === s.id).map((i) => [i.kind, i.severity]).sort()).toEqual([['device.queue', 'warning'], ['ticket.overdue', 'critical']]);
    const overdue = await app.inject({ method: 'GET', url: `/api/tickets/overdue?schoolId=${s.id}`, headers: { authorization: writer } });
    expect(overdue.json()).toMatchObject({ total: 1, items: [{ overdue: 'resolution', priority: 'critical' }] });
  });

  it('turns away bad input with problem details', async () => {
    const bad = await app.inject({ method: 'PUT', url: `/api/one-to-one/schools/${randomUUID()}`, payload: { grades: ['3', '13'] }, headers: { authorization: writer } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: 'grades', message: '13 is not a grade' }]);
    const noRole = await app.inject({ method: 'POST', url: '/api/devices', payload: {}, headers: { authorization: bearer(['technology:read']) } });
    expect(noRole.statusCode).toBe(403);
    const invalid = await app.inject({ method: 'POST', url: '/api/devices', payload: { serial: '', type: 'toaster' }, headers: { authorization: writer } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['serial', 'type', 'purchaseDate', 'schoolId']));
    expect((await app.inject({ method: 'GET', url: `/api/devices/${randomUUID()}`, headers: { authorization: writer } })).statusCode).toBe(404);
    const s = await school();
    const d = await addDevice(s.id, { serial: 'DUP-1' });
    const dup = await app.inject({ method: 'POST', url: '/api/devices', headers: { authorization: writer }, payload: { serial: 'DUP-1', model: 'X', type: 'chromebook', purchaseDate: '2025-08-01', schoolId: s.id } });
    expect(dup.statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: `/api/devices/${d.id}/return`, payload: {}, headers: { authorization: writer } })).statusCode).toBe(409);
    const scoped = await app.inject({ method: 'GET', url: `/api/devices/${d.id}`, headers: { authorization: bearer(['technology:read'], { schools: [randomUUID()] }) } });
    expect(scoped.statusCode).toBe(403);
  });
});
