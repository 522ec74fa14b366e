import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, consumerOpts, JsMsg, NatsConnection } from 'nats';
import { EventEnvelope } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';

const writer = bearer(['enrollment:write', 'student-records']);
const reader = bearer(['enrollment:read', 'student-records']);
const coo = bearer(['coo']);

/** Enrollment on real PostgreSQL and NATS: its REST contract, its rules, and the events it publishes. */
describe('enrollment service', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let db: { drop(): Promise<void>; url: string };
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('enrollment_api');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url });
    nc = await connect({ servers: nats.url });
    // an ephemeral JetStream consumer on the stream: what other departments would receive
    const opts = consumerOpts().deliverAll().ackNone().orderedConsumer();
    const sub = await nc.jetstream().subscribe('evt.enrollment.>', opts);
    void (async () => {
      for await (const m of sub as AsyncIterable<JsMsg>) received.push(JSON.parse(new TextDecoder().decode(m.data)));
    })();
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const req = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, auth = writer) => {
    const res = await app.inject({ method, url, payload, headers: auth ? { authorization: auth } : {} });
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.json() };
  };
  const school = (code: string, grades = ['K', '1', '2', '3', '4', '5']) =>
    req('POST', '/api/schools', { code, name: `School ${code}`, address: '1 Main St, Boston, MA', latitude: 42.35, longitude: -71.06, grades, capacity: { K: 50 } });
  const student = (localId: string, extra: object = {}) =>
    req('POST', '/api/students', { localId, firstName: 'Lee', lastName: 'Chen', birthDate: '2018-06-01', grade: 'K', address: '9 Elm St, Boston, MA', latitude: 42.36, longitude: -71.05, ...extra });
  const eventsOf = (type: string, pred: (e: EventEnvelope) => boolean = () => true) => received.filter((e) => e.type === type && pred(e));

  it('creates, reads, lists and changes a school, publishing school.upserted each time', async () => {
    const created = await school('A1');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), code: 'A1', grades: ['K', '1', '2', '3', '4', '5'], capacity: { K: 50 }, version: 1 });
    const id = created.body.id;
    expect((await req('GET', `/api/schools/${id}`, undefined, coo)).body.code).toBe('A1');
    const page = await req('GET', '/api/schools?limit=1&offset=0', undefined, coo);
    expect(page.body).toMatchObject({ total: expect.any(Number), items: [expect.objectContaining({ code: expect.any(String) })] });
    const changed = await req('PATCH', `/api/schools/${id}`, { name: 'Renamed', capacity: { K: 60, '1': 60 } });
    expect(changed.body).toMatchObject({ name: 'Renamed', version: 2 });
    await waitFor(() => eventsOf('enrollment.school.upserted', (e) => (e.data as { school: { id: string } }).school.id === id).length === 2, { what: 'two school events' });
    const last = eventsOf('enrollment.school.upserted', (e) => (e.data as { school: { id: string } }).school.id === id)[1];
    expect(last).toMatchObject({ source: 'enrollment', version: 1, data: { school: { name: 'Renamed', version: 2, capacity: { K: 60, '1': 60 } } } });
  });

  it('refuses bad schools with problem+json naming the fields', async () => {
    expect((await school('A1')).status).toBe(409); // duplicate code
    const bad = await req('POST', '/api/schools', { code: 'bad code!', name: '', latitude: 91, longitude: 0, grades: ['13'], admin: true });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['code', 'name', 'address', 'latitude', 'grades', 'admin']));
    const capacity = await req('POST', '/api/schools', { code: 'C9', name: 'x', address: 'y', latitude: 42, longitude: -71, grades: ['K'], capacity: { '9': 10 } });
    expect(capacity.status).toBe(400);
    expect(capacity.body.errors).toEqual([{ field: 'capacity.9', message: 'the school does not serve grade 9' }]);
  });

  it('enrols, transfers and withdraws a student, keeping history and publishing each step with the student', async () => {
    const a = (await school('B1')).body.id;
    const b = (await school('B2')).body.id;
    const s = await student('STU-1', { flags: { iepTransportation: true } });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ status: 'not-enrolled', schoolId: null, flags: { iepTransportation: true, englishLearner: false, mckinneyVento: false } });

    const enrolled = await req('POST', '/api/enrollments', { studentId: s.body.id, schoolId: a, entryDate: '2026-09-03', grade: 'K' });
    expect(enrolled.status).toBe(201);
    expect((await req('POST', '/api/enrollments', { studentId: s.body.id, schoolId: b, entryDate: '2026-09-04', grade: 'K' })).status).toBe(409);

    const beforeMove = await req('GET', `/api/schools/${a}/utilization`, undefined, coo);
    expect(beforeMove.body).toMatchObject({ total: 1, capacity: 50, utilization: 0.02, grades: expect.arrayContaining([{ grade: 'K', enrolled: 1, capacity: 50, utilization: 0.02 }]) });
    const moved = await req('POST', `/api/students/${s.body.id}/transfer`, { schoolId: b, entryDate: '2026-10-01' });
    expect(moved.status).toBe(201);
    expect((await req('GET', `/api/schools/${b}/utilization`, undefined, coo)).body.total).toBe(1);
    expect((await req('GET', `/api/schools/${a}/utilization`, undefined, coo)).body.total).toBe(0);
    const after = await req('GET', `/api/students/${s.body.id}`, undefined, reader);
    expect(after.body).toMatchObject({ status: 'enrolled', schoolId: b, enrollmentId: moved.body.id });

    const out = await req('POST', `/api/enrollments/${moved.body.id}/withdraw`, { exitDate: '2026-12-01', reason: 'moved' });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ exitDate: '2026-12-01', exitReason: 'moved' });
    expect((await req('POST', `/api/enrollments/${moved.body.id}/withdraw`, { exitDate: '2026-12-02' })).status).toBe(409);

    // seat counts follow every step: enrolled at a, moved to b, then gone
    const seats = async (id: string) => (await req('GET', `/api/schools/${id}/utilization`, undefined, coo)).body;
    expect(await seats(a)).toMatchObject({ total: 0, capacity: 50, utilization: 0 });
    expect((await seats(b)).total).toBe(0);

    const mine = (e: EventEnvelope) => (e.data as { student: { id: string } }).student.id === s.body.id;
    await waitFor(() => eventsOf('enrollment.student.withdrawn', mine).length === 1, { what: 'withdrawn event' });
    const [enrolledEvt] = eventsOf('enrollment.student.enrolled', mine);
    const [transferEvt] = eventsOf('enrollment.student.transferred', mine);
    const [withdrawnEvt] = eventsOf('enrollment.student.withdrawn', mine);
    expect(enrolledEvt.data).toMatchObject({ schoolId: a, student: { status: 'enrolled', schoolId: a, flags: { iepTransportation: true } } });
    expect(transferEvt.data).toMatchObject({ fromSchoolId: a, toSchoolId: b, student: { schoolId: b } });
    expect(withdrawnEvt.data).toMatchObject({ schoolId: b, exitReason: 'moved', student: { status: 'withdrawn', schoolId: null } });
    const versions = [enrolledEvt, transferEvt, withdrawnEvt].map((e) => (e.data as { student: { version: number } }).student.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y)); // versions grow, so consumers can drop stale copies
    expect(withdrawnEvt.data).not.toHaveProperty('student.birthDate'); // minimised: other departments do not need it
  });

  it('publishes student.updated for an enrolled student when address, grade or flags change', async () => {
    const sc = (await school('C1')).body.id;
    const s = (await student('STU-2')).body;
    await req('POST', '/api/enrollments', { studentId: s.id, schoolId: sc, entryDate: '2026-09-03', grade: 'K' });
    expect((await req('PATCH', `/api/students/${s.id}`, { grade: '9' })).status).toBe(422); // C1 serves K-5
    const upd = await req('PATCH', `/api/students/${s.id}`, { address: '77 New Rd', latitude: 42.37, flags: { mckinneyVento: true } });
    expect(upd.status).toBe(200);
    await waitFor(() => eventsOf('enrollment.student.updated', (e) => (e.data as { student: { id: string } }).student.id === s.id).length === 1, { what: 'updated event' });
    const [evt] = eventsOf('enrollment.student.updated', (e) => (e.data as { student: { id: string } }).student.id === s.id);
    expect((evt.data as { changed: string[] }).changed.sort()).toEqual(['address', 'latitude', 'mckinneyVento']);
  });

  it('links siblings both ways and rejects unknown ones', async () => {
    const older = (await student('SIB-1')).body;
    const younger = await student('SIB-2', { siblingIds: [older.id] });
    expect(younger.body.siblingIds).toEqual([older.id]);
    expect((await req('GET', `/api/students/${older.id}`, undefined, reader)).body.siblingIds).toEqual([younger.body.id]);
    const unknown = await student('SIB-3', { siblingIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(422);
  });

  it('enforces roles, student-records and school scope', async () => {
    const sc = (await school('D1')).body.id;
    const other = (await school('D2')).body.id;
    const s = (await student('SCOPE-1')).body;
    await req('POST', '/api/enrollments', { studentId: s.id, schoolId: sc, entryDate: '2026-09-03', grade: 'K' });

    expect((await req('GET', '/api/students', undefined, '')).status).toBe(401);
    expect((await req('GET', '/api/students', undefined, bearer(['enrollment:read']))).status).toBe(403); // no student-records
    expect((await req('GET', '/api/students', undefined, coo)).status).toBe(403); // the COO sees aggregates, not students
    expect((await req('POST', '/api/schools', { code: 'X' }, reader)).status).toBe(403);

    const leader = bearer(['enrollment:read', 'student-records'], { schools: [sc] });
    expect((await req('GET', `/api/students/${s.id}`, undefined, leader)).status).toBe(200);
    expect((await req('GET', `/api/students?schoolId=${other}`, undefined, leader)).status).toBe(403);
    const list = await req('GET', '/api/students', undefined, leader);
    expect(list.body.items.every((x: { schoolId: string }) => x.schoolId === sc)).toBe(true);
    expect((await req('GET', `/api/schools/${other}`, undefined, bearer(['coo'], { schools: [sc] }))).status).toBe(403);
  });

  it('validates query parameters and ids', async () => {
    expect((await req('GET', '/api/students?limit=0', undefined, reader)).status).toBe(400);
    expect((await req('GET', '/api/students?grade=13', undefined, reader)).status).toBe(400);
    expect((await req('GET', '/api/students?unknown=1', undefined, reader)).status).toBe(400);
    expect((await req('GET', '/api/students/123', undefined, reader)).status).toBe(400);
    expect((await req('GET', '/api/students/00000000-0000-4000-8000-000000000000', undefined, reader)).status).toBe(404);
    expect((await req('POST', '/api/students', { localId: 'OLD', firstName: 'a', lastName: 'b', birthDate: '1990-01-01', grade: 'K', address: 'x', latitude: 1, longitude: 1 })).status).toBe(400);
  });

  it('logs every answered student-record read with who, which students and the request (FERPA)', async () => {
    const s = await student('LOG-1');
    const spy = jest.spyOn(Logger.prototype, 'log');
    try {
      const res = await app.inject({ method: 'GET', url: `/api/students/${s.body.id}`, headers: { authorization: bearer(['enrollment:read', 'student-records'], { sub: 'clerk.lee' }) } });
      expect(res.statusCode).toBe(200);
      const page = await req('GET', '/api/students?limit=500', undefined, reader);
      const lines = spy.mock.calls.map(([line]) => line as { audit?: string; user?: string; studentIds?: string[]; route?: string; correlationId?: string });
      expect(lines).toContainEqual(expect.objectContaining({ audit: 'student-record-access', user: 'clerk.lee', route: '/api/students/:id', studentIds: [s.body.id], correlationId: res.headers['x-correlation-id'] }));
      const listed = lines.find((l) => l.audit === 'student-record-access' && l.route === '/api/students');
      expect(listed?.studentIds?.sort()).toEqual(page.body.items.map((i: { id: string }) => i.id).sort());
    } finally {
      spy.mockRestore();
    }
  });

  it('answers the gateway: school summaries for many schools at once, a filtered page of schools, a student summary', async () => {
    const ask = async (subject: string, data: object) => {
      const reply = JSON.parse(new TextDecoder().decode((await nc.request(subject, JSON.stringify({ pattern: subject, data, id: '1' }), { timeout: 3000 })).data));
      return reply.err ?? reply.response;
    };
    const high = (await req('POST', '/api/schools', { code: 'Q-HIGH', name: 'High Q', address: '2 Main St', latitude: 42.35, longitude: -71.06, grades: ['9', '10', '11', '12'] })).body.id;
    const elem = (await school('Q-ELEM')).body.id;
    const s = await student('Q-STU', { flags: { mckinneyVento: true } });
    await req('POST', '/api/enrollments', { studentId: s.body.id, schoolId: elem, entryDate: '2026-09-03', grade: 'K' });

    const summaries = await ask('enrollment.school-summaries.get', { schoolIds: [high, elem, '00000000-0000-4000-8000-000000000000'], date: '2026-11-23' });
    expect(Object.keys(summaries.schools).sort()).toEqual([high, elem].sort());
    expect(summaries.schools[elem]).toMatchObject({ school: { code: 'Q-ELEM', type: 'elementary' }, enrollment: { total: 1, byGrade: { K: 1 }, capacity: 50 } });
    expect(summaries.schools[high].school.type).toBe('high');
    expect(await ask('enrollment.school-summaries.get', { schoolIds: [], date: '2026-11-23' })).toMatchObject({ status: 400 });

    const highs = await ask('enrollment.schools.list', { limit: 50, offset: 0, type: 'high' });
    expect(highs.items.map((x: { code: string }) => x.code)).toContain('Q-HIGH');
    expect(highs.items.every((x: { type: string }) => x.type === 'high')).toBe(true);
    const byName = await ask('enrollment.schools.list', { limit: 1, offset: 0, q: 'q-elem' });
    expect(byName).toMatchObject({ total: 1, items: [{ id: elem }] });
    expect(await ask('enrollment.schools.list', { limit: 0, offset: 0 })).toMatchObject({ status: 400 });

    const summary = await ask('enrollment.student-summary.get', { studentId: s.body.id });
    expect(summary).toMatchObject({ id: s.body.id, localId: 'Q-STU', status: 'enrolled', schoolId: elem, schoolName: 'School Q-ELEM', entryDate: '2026-09-03', flags: { mckinneyVento: true } });
    expect(summary.birthDate).toBeUndefined(); // only what the overview shows
    expect(await ask('enrollment.student-summary.get', { studentId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 404 });
  });

  it('reports ready only with its database, NATS and consumers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.json()).toEqual({ status: 'ok', checks: { database: { status: 'up' }, nats: { status: 'up' }, consumers: { status: 'up' } } });
  });
});
