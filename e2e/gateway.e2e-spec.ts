import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'nats';
import { DepartmentQueries } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as EnrollmentApp } from '../services/enrollment/src/app.module';
import { AppModule as TransportationApp } from '../services/transportation/src/app.module';
import { AppModule as GatewayApp } from '../gateway/src/app.module';

const DEPARTMENT_TIMEOUT_MS = 500;
const VOLUME_THRESHOLD = 5;
const writer = bearer(['enrollment:write', 'student-records']);
const coo = bearer(['coo']);
// Boston City Hall; the student lives 1.6 miles due north, beyond the walk limit for grade 3
const SCHOOL = { latitude: 42.3601, longitude: -71.0589 };
const HOME = { latitude: SCHOOL.latitude + 1.6 / 69.055, longitude: SCHOOL.longitude };

describe('gateway school overview, over real NATS and the real enrollment and transportation services', () => {
  let nats: TestNats;
  let enrollment: NestFastifyApplication;
  let transportation: NestFastifyApplication | undefined;
  let gateway: NestFastifyApplication;
  const dbs: { drop(): Promise<void> }[] = [];
  let schoolId: string;

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('gw_enrollment');
    const t = await createTestDatabase('gw_transportation');
    const g = await createTestDatabase('gw_gateway');
    dbs.push(e, t, g);
    enrollment = await startService(EnrollmentApp, { DATABASE_URL: e.url, NATS_URL: nats.url, PORT: '0' });
    transportation = await startService(TransportationApp, { DATABASE_URL: t.url, NATS_URL: nats.url, PORT: '0' });
    gateway = await startService(GatewayApp, {
      DATABASE_URL: g.url, NATS_URL: nats.url, PORT: '0',
      DEPARTMENT_TIMEOUT_MS: String(DEPARTMENT_TIMEOUT_MS), BREAKER_VOLUME_THRESHOLD: String(VOLUME_THRESHOLD), BREAKER_RESET_MS: '60000',
    });
  });

  afterAll(async () => {
    await stopService(gateway);
    await stopService(transportation);
    await stopService(enrollment);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  async function post(url: string, body: object) {
    const res = await enrollment.inject({ method: 'POST', url, payload: body, headers: { authorization: writer } });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }
  function overview(id: string, authorization: string | null = coo) {
    return gateway.inject({ method: 'GET', url: `/api/schools/${id}/overview`, headers: authorization ? { authorization } : {} });
  }
  async function breakerGauge(department: string): Promise<number> {
    const text = (await gateway.inject({ method: 'GET', url: '/metrics' })).body;
    return Number(new RegExp(`^gateway_breaker_open\\{[^}]*department="${department}"[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);
  }

  it('merges enrollment and transportation for a school created through enrollment', async () => {
    schoolId = await post('/api/schools', { code: 'GW1', name: 'Gateway Test School', address: '1 City Hall Sq, Boston, MA', ...SCHOOL, grades: ['K', '1', '2', '3'] });
    const studentId = await post('/api/students', { localId: 'GW0001', firstName: 'Ana', lastName: 'Silva', birthDate: '2017-05-01', grade: '3', address: '1 Far St', ...HOME });
    await post('/api/enrollments', { studentId, schoolId, entryDate: '2026-09-03', grade: '3' });

    // transportation learns of the enrollment through events: wait for its count to arrive
    const body = await waitFor(async () => {
      const res = await overview(schoolId);
      const b = res.json();
      return res.statusCode === 200 && b.enrollment?.total === 1 && b.transportation?.eligibleRiders === 1 ? b : undefined;
    }, { timeoutMs: 5000, what: 'the overview to show the enrollment and the rider' });
    expect(body).toMatchObject({
      school: { id: schoolId, code: 'GW1', name: 'Gateway Test School', grades: ['K', '1', '2', '3'] },
      enrollment: { total: 1, byGrade: { '3': 1 } },
      transportation: { eligibleRiders: 1, transitPass: 0, notEligible: 0 },
      sources: { enrollment: { status: 'ok' }, transportation: { status: 'ok' } },
    });
    expect(typeof body.sources.enrollment.ms).toBe('number');
    expect(typeof body.sources.transportation.ms).toBe('number');
  });

  it('answers problem+json: 404 unknown school, 400 not a UUID, 401 no token, 403 wrong role or other school', async () => {
    const unknown = await overview(randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ status: 404, title: 'Not Found' });

    const notUuid = await overview('not-a-uuid');
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.headers['content-type']).toContain('application/problem+json');

    expect((await overview(schoolId, null)).statusCode).toBe(401);
    expect((await overview(schoolId, bearer(['ops']))).statusCode).toBe(403);
    const otherSchool = await overview(schoolId, bearer(['enrollment:read'], { schools: [randomUUID()] }));
    expect(otherSchool.statusCode).toBe(403);
    expect(otherSchool.json()).toMatchObject({ status: 403, detail: 'this school is outside your scope' });
    expect((await overview(schoolId, bearer(['transportation:read'], { schools: [schoolId] }))).statusCode).toBe(200);
  });

  it('does not open the enrollment circuit on 404s', async () => {
    for (let i = 0; i < VOLUME_THRESHOLD * 2; i++) expect((await overview(randomUUID())).statusCode).toBe(404);
    const res = await overview(schoolId);
    expect(res.statusCode).toBe(200);
    expect(res.json().sources.enrollment.status).toBe('ok');
    expect(await breakerGauge('enrollment')).toBe(0);
  });

  it('serves readiness and documents the overview in OpenAPI', async () => {
    const ready = await gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', checks: { nats: { status: 'up' }, database: { status: 'up' } } });
    const doc = (await gateway.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(doc.paths['/api/schools/{id}/overview'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.SchoolOverviewResponse).toBeDefined();
  });

  it('with transportation stopped or silent, answers 200 without it within the timeout, then fails fast once its circuit opens', async () => {
    await stopService(transportation);
    transportation = undefined;
    const timed = async () => {
      const started = Date.now();
      const res = await overview(schoolId);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ enrollment: { total: 1 }, transportation: null, sources: { enrollment: { status: 'ok' }, transportation: { status: 'unavailable' } } });
      return { ms: Date.now() - started, detail: res.json().sources.transportation.detail as string };
    };

    // nobody listening: NATS says so at once
    expect((await timed()).ms).toBeLessThan(DEPARTMENT_TIMEOUT_MS);

    // a department that takes the request and never answers costs the timeout, no more
    const nc = await connect({ servers: nats.url });
    const silent = nc.subscribe(DepartmentQueries.schoolSummaries('transportation'), { queue: 'transportation' });
    await nc.flush();
    const slow = await timed();
    expect(slow.detail).toBe('no answer within the timeout');
    expect(slow.ms).toBeGreaterThanOrEqual(DEPARTMENT_TIMEOUT_MS - 20);
    expect(slow.ms).toBeLessThan(DEPARTMENT_TIMEOUT_MS + 300);
    silent.unsubscribe();
    await nc.close();

    // failures pile up in the rolling window (beside the earlier successes) until the circuit opens
    const open = await waitFor(async () => {
      const answer = await timed();
      return answer.detail.includes('circuit open') ? answer : undefined;
    }, { intervalMs: 0, timeoutMs: 5000, what: 'the transportation circuit to open' });
    expect(open.ms).toBeLessThan(100);
    expect(await breakerGauge('transportation')).toBe(1);
    expect(await breakerGauge('enrollment')).toBe(0);
  });
});
