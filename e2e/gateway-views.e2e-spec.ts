import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { bearer, createTestDatabase, OpenApiResponses, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as EnrollmentApp } from '../services/enrollment/src/app.module';
import { AppModule as GatewayApp } from '../gateway/src/app.module';

const writer = bearer(['enrollment:write', 'student-records']);
const coo = bearer(['coo'], { sub: 'coo.jones' });
const auditor = bearer(['auditor'], { sub: 'auditor.kim' });

/**
 * The gateway's views over the real enrollment service on a private NATS: school list, FERPA student
 * overview with its audit log, KPI scorecard with targets, and what happens when a department is missing
 * (here every department but enrollment: none of them is running, so each is reported unavailable).
 */
describe('gateway views over real enrollment (other departments absent)', () => {
  let nats: TestNats;
  let enrollment: NestFastifyApplication;
  let gateway: NestFastifyApplication;
  const dbs: { drop(): Promise<void> }[] = [];
  let elementary: string;
  let high: string;
  let studentId: string;

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('gwv_enrollment');
    const g = await createTestDatabase('gwv_gateway');
    dbs.push(e, g);
    enrollment = await startService(EnrollmentApp, { DATABASE_URL: e.url, NATS_URL: nats.url });
    gateway = await startService(GatewayApp, { DATABASE_URL: g.url, NATS_URL: nats.url, DEPARTMENT_TIMEOUT_MS: '800', DISTRICT_TIMEZONE: 'America/New_York' });

    const post = async (url: string, body: object) => {
      const res = await enrollment.inject({ method: 'POST', url, payload: body, headers: { authorization: writer } });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    elementary = await post('/api/schools', { code: 'GV-E', name: 'Views Elementary', address: '1 A St', latitude: 42.35, longitude: -71.06, grades: ['K', '1', '2'], capacity: { K: 10 } });
    high = await post('/api/schools', { code: 'GV-H', name: 'Views High', address: '2 B St', latitude: 42.36, longitude: -71.07, grades: ['9', '10', '11', '12'] });
    studentId = await post('/api/students', { localId: 'GV-1', firstName: 'Rosa', lastName: 'Diaz', birthDate: '2021-02-01', grade: 'K', address: '3 C St', latitude: 42.351, longitude: -71.061 });
    await post('/api/enrollments', { studentId, schoolId: elementary, entryDate: '2026-09-02', grade: 'K' });
  });

  afterAll(async () => {
    await stopService(gateway);
    await stopService(enrollment);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  let schemas: OpenApiResponses | undefined;
  /** GET through the gateway; every 2xx answer is checked against the gateway's OpenAPI document */
  const get = async (url: string, authorization: string | null = coo) => {
    schemas ??= new OpenApiResponses((await gateway.inject({ method: 'GET', url: '/docs-json' })).json());
    const res = await gateway.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
    if (res.statusCode < 300) expect({ url, errors: schemas.checkUrl('GET', url, res.statusCode, res.json()) }).toEqual({ url, errors: [] });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };

  it('lists schools with every department’s section, filtered by type, scoped for school leaders', async () => {
    const all = await get('/api/schools?limit=10');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    const views = all.body.items.find((i: { school: { id: string } }) => i.school.id === elementary);
    expect(views).toMatchObject({ school: { code: 'GV-E', type: 'elementary' }, enrollment: { total: 1, capacity: 10 }, transportation: null, food: null });
    expect(all.body.sources).toMatchObject({ enrollment: { status: 'ok' }, transportation: { status: 'unavailable' }, 'labor-relations': { status: 'unavailable' } });

    expect((await get('/api/schools?type=high')).body.items.map((i: { school: { id: string } }) => i.school.id)).toEqual([high]);
    expect((await get('/api/schools?grade=K')).body.items.map((i: { school: { id: string } }) => i.school.id)).toEqual([elementary]);
    const scoped = await get('/api/schools', bearer(['enrollment:read'], { schools: [high] }));
    expect(scoped.body).toMatchObject({ total: 1, items: [{ school: { id: high } }] });

    const bad = await get('/api/schools?type=castle&limit=9999');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'type']);
  });

  it('shows a student only with student-records and within the token’s schools, and audits every read', async () => {
    expect((await get(`/api/students/${studentId}/overview`, null)).status).toBe(401);
    expect((await get(`/api/students/${studentId}/overview`, bearer(['coo']))).status).toBe(403); // no student-records
    const otherSchool = await get(`/api/students/${studentId}/overview`, bearer(['enrollment:read', 'student-records'], { schools: [high] }));
    expect(otherSchool.status).toBe(403);
    expect((await get(`/api/students/${randomUUID()}/overview`, bearer(['coo', 'student-records']))).status).toBe(404);

    const principal = bearer(['enrollment:read', 'student-records'], { sub: 'principal.views', schools: [elementary] });
    const res = await get(`/api/students/${studentId}/overview`, principal);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ student: { id: studentId, schoolId: elementary, schoolName: 'Views Elementary' }, food: null, sources: { enrollment: { status: 'ok' }, food: { status: 'unavailable' } } });

    // the read is in the log, with who, what and the request id; refused reads are not reads
    expect((await get(`/api/audit?studentId=${studentId}`, coo)).status).toBe(403);
    const log = await get(`/api/audit?studentId=${studentId}`, auditor);
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(1);
    expect(log.body.items[0]).toMatchObject({ actor: 'principal.views', studentId, schoolId: elementary, fields: ['enrollment'], actorSchools: [elementary], purpose: 'GET /api/students/:id/overview' });
    expect(log.body.items[0].requestId).toBe(res.headers['x-correlation-id']);
  });

  it('keeps the access log append-only and tamper-evident, and refuses the read when it cannot be written', async () => {
    const ds = gateway.get(DataSource);
    await expect(ds.query(`UPDATE student_record_access SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM student_record_access`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE student_record_access`)).rejects.toThrow(/append-only/);
    expect((await get('/api/audit/verify', auditor)).body).toMatchObject({ intact: true, firstBrokenSeq: null });

    // an edit that goes around the triggers is found by the chain
    await ds.query(`ALTER TABLE student_record_access DISABLE TRIGGER student_record_access_no_update`);
    await ds.query(`UPDATE student_record_access SET fields = '{}' WHERE seq = (SELECT min(seq) FROM student_record_access)`);
    await ds.query(`ALTER TABLE student_record_access ENABLE TRIGGER student_record_access_no_update`);
    expect((await get('/api/audit/verify', auditor)).body).toMatchObject({ intact: false, firstBrokenSeq: expect.any(Number) });

    // the log cannot be written: the read fails with 503 and shows nothing
    const reader = bearer(['coo', 'student-records']);
    await ds.query(`ALTER TABLE student_record_access RENAME TO student_record_access_away`);
    try {
      const res = await get(`/api/students/${studentId}/overview`, reader);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(JSON.stringify(res.body)).not.toContain('Rosa');
    } finally {
      await ds.query(`ALTER TABLE student_record_access_away RENAME TO student_record_access`);
    }
    expect((await get(`/api/students/${studentId}/overview`, reader)).status).toBe(200);
  });

  it('scores enrollment’s KPIs with targets set by the COO, marks absent departments unavailable, and follows new events', async () => {
    const card = await get('/api/kpis?period=2026-11&trend=3');
    expect(card.status).toBe(200);
    const enrolled = card.body.kpis.find((k: { id: string }) => k.id === 'enrollment.enrolled');
    expect(enrolled).toMatchObject({ department: 'enrollment', value: 1, unit: 'count', direction: 'context', status: 'no-target', previous: 1, change: 0 });
    expect(enrolled.series.map((p: { period: string }) => p.period)).toEqual(['2026-09', '2026-10', '2026-11']);
    for (const k of card.body.kpis) expect(['on-track', 'watch', 'off-track', 'no-target', 'no-data', 'unavailable']).toContain(k.status);

    // targets: only the COO sets them, unknown ids and context KPIs are refused with each named
    const put = (body: object, auth = coo) => gateway.inject({ method: 'PUT', url: '/api/kpis/targets', payload: body, headers: { authorization: auth } });
    expect((await put({ targets: [{ kpiId: 'enrollment.withdrawals', target: 5 }] }, bearer(['enrollment:read']))).statusCode).toBe(403);
    const refused = await put({ targets: [{ kpiId: 'enrollment.withdrawals', target: 5 }, { kpiId: 'no.such', target: 1 }, { kpiId: 'enrollment.enrolled', target: 3 }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['targets[1].kpiId', 'targets[2].target']);
    expect((await put({ targets: [{ kpiId: 'enrollment.withdrawals', target: 'five' }] })).statusCode).toBe(400);
    const set = await put({ targets: [{ kpiId: 'enrollment.withdrawals', target: 0, watchPercent: 0 }] });
    expect(set.statusCode).toBe(200);
    expect(set.json().items.find((t: { kpiId: string }) => t.kpiId === 'enrollment.withdrawals')).toMatchObject({ target: 0, source: 'configured', updatedBy: 'coo.jones' });
    const withTarget = (await get('/api/kpis?period=2026-11')).body.kpis.find((k: { id: string }) => k.id === 'enrollment.withdrawals');
    expect(withTarget).toMatchObject({ value: 0, target: 0, status: 'on-track' });

    // a new enrollment is an event: the cached answer is dropped and the scorecard moves
    const sid = (await enrollment.inject({ method: 'POST', url: '/api/students', payload: { localId: 'GV-2', firstName: 'Ivo', lastName: 'Ng', birthDate: '2021-03-01', grade: 'K', address: '4 D St', latitude: 42.352, longitude: -71.062 }, headers: { authorization: writer } })).json().id;
    await enrollment.inject({ method: 'POST', url: '/api/enrollments', payload: { studentId: sid, schoolId: elementary, entryDate: '2026-11-02', grade: 'K' }, headers: { authorization: writer } });
    await waitFor(async () => (await get('/api/kpis?period=2026-11')).body.kpis.find((k: { id: string }) => k.id === 'enrollment.enrolled').value === 2, { timeoutMs: 5000, what: 'the scorecard to show the new student' });

    const ranking = await get('/api/kpis/enrollment.enrolled/schools?period=2026-11');
    expect(ranking.body.items.map((r: { schoolName: string; rank: number; value: number }) => [r.schoolName, r.rank, r.value])).toEqual([['Views Elementary', 1, 2], ['Views High', 2, 0]]);
    const history = await get('/api/kpis/enrollment.enrolled/history?from=2026-08&to=2026-11');
    expect(history.body.points.map((p: { value: number }) => p.value)).toEqual([0, 1, 1, 2]);
    expect((await get('/api/kpis/no.such/history')).status).toBe(404);
    expect((await get('/api/kpis/enrollment.enrolled/history?from=2026-11&to=2026-01')).status).toBe(400);
    expect((await get('/api/kpis?period=2026-13')).status).toBe(400);
  });

  it('answers the brief with what it has, naming the departments that did not answer', async () => {
    const brief = await get('/api/brief?date=2026-11-23');
    expect(brief.status).toBe(200);
    expect(brief.body).toMatchObject({ date: '2026-11-23', items: [], sources: { facilities: { status: 'unavailable' }, transportation: { status: 'unavailable' } } });
    expect((await get('/api/brief?date=2026-02-30x')).status).toBe(400);
  });

  it('answers 503 with Retry-After where a view cannot do without enrollment', async () => {
    await stopService(enrollment);
    const list = await get('/api/schools');
    expect(list.status).toBe(503);
    expect(list.headers['retry-after']).toBeDefined();
    expect((await get(`/api/students/${studentId}/overview`, bearer(['coo', 'student-records']))).status).toBe(503);
    // a month not cached yet (a cached answer is reused for its short TTL even while the department is down)
    const card = await get('/api/kpis?period=2026-06');
    expect(card.status).toBe(200);
    expect(card.body.sources.enrollment.status).toBe('unavailable');
    expect(card.body.kpis.every((k: { status: string; department: string }) => k.status === 'unavailable' || k.department !== 'enrollment')).toBe(true);
  });
});
