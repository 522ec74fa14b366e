import { AppProcess, bearer, createTestDatabase, startAppProcess, startNats, TestNats, waitFor } from '@district/testing';

const writer = bearer(['enrollment:write', 'student-records']);
const coo = bearer(['coo']);

/**
 * The whole platform as separate processes (enrollment, transportation, gateway) on a private NATS and
 * their own databases: a student enrolled through enrollment's API shows up as a rider in the gateway's
 * school overview within 5 seconds; with transportation stopped the overview still answers.
 */
describe('platform end to end', () => {
  let nats: TestNats;
  let enrollment: AppProcess;
  let transportation: AppProcess;
  let gateway: AppProcess;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('e2e_enrollment');
    const t = await createTestDatabase('e2e_transportation');
    const g = await createTestDatabase('e2e_gateway');
    dbs.push(e, t, g);
    [enrollment, transportation, gateway] = await Promise.all([
      startAppProcess('enrollment', 'services/enrollment/src/main.ts', { DATABASE_URL: e.url, NATS_URL: nats.url }),
      startAppProcess('transportation', 'services/transportation/src/main.ts', { DATABASE_URL: t.url, NATS_URL: nats.url }),
      startAppProcess('gateway', 'gateway/src/main.ts', { DATABASE_URL: g.url, NATS_URL: nats.url, DEPARTMENT_TIMEOUT_MS: '800' }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([enrollment?.stop(), transportation?.stop(), gateway?.stop()]);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  async function call(app: AppProcess, method: string, url: string, body?: unknown, auth?: string) {
    const res = await fetch(app.url + url, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: (await res.json()) as any };
  }

  it('every app serves health, metrics and its OpenAPI document without a token', async () => {
    for (const app of [enrollment, transportation, gateway]) {
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/http_request_duration_seconds/);
      const doc = (await (await fetch(`${app.url}/docs-json`)).json()) as { openapi: string };
      expect(doc.openapi).toMatch(/^3\./);
    }
  });

  it('a student enrolled through the enrollment API is a rider in the gateway overview within 5 seconds', async () => {
    const school = await call(enrollment, 'POST', '/api/schools', { code: 'E2E1', name: 'End To End Elementary', address: '1 City Hall Sq, Boston, MA', latitude: 42.3601, longitude: -71.0589, grades: ['K', '1', '2', '3'], capacity: { K: 40 } }, writer);
    expect(school.status).toBe(201);
    const student = await call(enrollment, 'POST', '/api/students', { localId: 'E2E-S1', firstName: 'Rosa', lastName: 'Parks', birthDate: '2019-02-04', grade: '1', address: '20 Far Ave, Boston, MA', latitude: 42.3901, longitude: -71.0589 }, writer);
    expect(student.status).toBe(201);

    const started = Date.now();
    const enrolled = await call(enrollment, 'POST', '/api/enrollments', { studentId: student.body.id, schoolId: school.body.id, entryDate: '2026-09-03', grade: '1' }, writer);
    expect(enrolled.status).toBe(201);
    const overview = await waitFor(async () => {
      const res = await call(gateway, 'GET', `/api/schools/${school.body.id}/overview`, undefined, coo);
      return res.body.transportation?.eligibleRiders === 1 ? res.body : undefined;
    }, { timeoutMs: 5000, intervalMs: 100, what: 'the rider in the overview' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(overview).toMatchObject({
      school: { id: school.body.id, code: 'E2E1' },
      enrollment: { total: 1, byGrade: { '1': 1 } },
      transportation: { eligibleRiders: 1, transitPass: 0, notEligible: 0 },
      sources: { enrollment: { status: 'ok' }, transportation: { status: 'ok' } },
    });
  });

  it('bad input is a 4xx problem+json, a missing token 401, never a 500', async () => {
    const bad = await call(enrollment, 'POST', '/api/students', { localId: 'x', grade: '13', latitude: 'north', extra: true }, writer);
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['grade', 'latitude', 'extra', 'firstName']));
    expect((await call(gateway, 'GET', '/api/schools/not-a-uuid/overview', undefined, coo)).status).toBe(400);
    const anonymous = await call(gateway, 'GET', '/api/schools/00000000-0000-4000-8000-000000000000/overview');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toMatch(/problem\+json/);
    expect((await call(gateway, 'GET', '/api/schools/00000000-0000-4000-8000-000000000000/overview', undefined, coo)).status).toBe(404);
  });

  it('with transportation stopped, the overview answers 200 with transportation marked unavailable', async () => {
    const schools = await call(enrollment, 'GET', '/api/schools', undefined, coo);
    const schoolId = schools.body.items[0].id;
    expect(await transportation.stop()).toBe(0); // graceful shutdown exits cleanly
    const started = Date.now();
    const res = await call(gateway, 'GET', `/api/schools/${schoolId}/overview`, undefined, coo);
    expect(res.status).toBe(200);
    expect(res.body.transportation).toBeNull();
    expect(res.body.sources.transportation.status).toBe('unavailable');
    expect(res.body.sources.enrollment.status).toBe('ok');
    expect(res.body.enrollment.total).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
