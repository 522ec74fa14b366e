import { AppProcess, bearer, createTestDatabase, OpenApiResponses, runSeedProcess, startAppProcess, startNats, TestNats } from '@district/testing';
import { APPS } from '../tools/start/apps';

const coo = bearer(['coo', 'student-records', 'food:read', 'auditor'], { sub: 'coo.demo' });
// a full month of the seeded school year, and the month the demo data ends in
const PERIODS = ['2026-10', '2026-11'];

/**
 * The whole platform as `npm start` runs it, each app its own process with its own database on a private
 * NATS: every department's demo seeder, then every app, then the gateway's views over real seeded data.
 * New departments join by adding their line (and seeder) to tools/start/apps.ts.
 */
describe('the seeded demo district through the gateway', () => {
  let nats: TestNats;
  const apps = new Map<string, AppProcess>();
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const urls = new Map<string, string>();
    for (const app of APPS) {
      const db = await createTestDatabase(`demo_${app.name.replace(/-/g, '_')}`);
      dbs.push(db);
      urls.set(app.name, db.url);
    }
    const env = (name: string) => ({ DATABASE_URL: urls.get(name)!, NATS_URL: nats.url, DEPARTMENT_TIMEOUT_MS: '3000' });
    // enrollment first: its events bring the schools and students to every other department
    const [first, ...others] = APPS.filter((a) => a.seed);
    await runSeedProcess(first.seed!, env(first.name), 120_000);
    await Promise.all(others.map((a) => runSeedProcess(a.seed!, env(a.name), 300_000)));
    const started = await Promise.all(APPS.map((a) => startAppProcess(a.name, a.entry, env(a.name), 120_000)));
    for (const app of started) apps.set(app.name, app);
  }, 900_000);

  afterAll(async () => {
    await Promise.all([...apps.values()].map((a) => a.stop()));
    await nats?.stop();
    for (const db of dbs) await db.drop();
  }, 60_000);

  let schemas: OpenApiResponses;
  const checked: string[] = [];
  /** GET through the gateway; every answer is checked against the gateway's own OpenAPI document */
  const get = async (url: string, documentedPath: string) => {
    schemas ??= new OpenApiResponses(await (await fetch(`${apps.get('gateway')!.url}/docs-json`)).json());
    const res = await fetch(apps.get('gateway')!.url + url, { headers: { authorization: coo } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = (await res.json()) as any;
    expect({ url, errors: schemas.check('GET', documentedPath, res.status, body) }).toEqual({ url, errors: [] });
    checked.push(documentedPath);
    return { status: res.status, body };
  };

  it.each(PERIODS)('the scorecard for %s has every KPI of every department with a value and a status', async (period) => {
    const card = await get(`/api/kpis?period=${period}&trend=12`, '/api/kpis');
    expect(card.status).toBe(200);
    for (const [dept, source] of Object.entries(card.body.sources)) expect({ dept, status: (source as { status: string }).status }).toEqual({ dept, status: 'ok' });
    const missing = card.body.kpis.filter((k: { value: number | null; status: string }) => k.value === null || ['no-data', 'unavailable'].includes(k.status));
    expect(missing.map((k: { id: string }) => k.id)).toEqual([]);
    expect(new Set(card.body.kpis.map((k: { department: string }) => k.department)).size).toBe(APPS.length - 1);
  });

  it('lists schools with a section from every department', async () => {
    const page = await get('/api/schools?limit=20', '/api/schools');
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThan(100);
    for (const [dept, source] of Object.entries(page.body.sources)) expect({ dept, status: (source as { status: string }).status }).toEqual({ dept, status: 'ok' });
    const depts = ['enrollment', 'transportation', 'food', 'facilities', 'technology', 'labor-relations'];
    for (const d of depts) {
      const withSection = page.body.items.filter((i: Record<string, unknown>) => i[d] !== null).length;
      expect({ d, withSection }).toEqual({ d, withSection: expect.any(Number) });
      expect(withSection).toBeGreaterThan(0);
    }
  });

  it('briefs the morning with items from the departments, each linked to its school', async () => {
    const brief = await get('/api/brief?date=2026-11-23', '/api/brief');
    expect(brief.status).toBe(200);
    expect(brief.body.items.length).toBeGreaterThan(0);
    for (const item of brief.body.items) if (item.schoolId) expect(item.schoolLink).toBe(`/api/schools/${item.schoolId}/overview`);
    expect(new Set(brief.body.items.map((i: { department: string }) => i.department)).size).toBeGreaterThanOrEqual(3);
  });

  it('shows a seeded student across departments and audits the read', async () => {
    const ranking = await get('/api/kpis/enrollment.enrolled/schools?period=2026-11', '/api/kpis/{id}/schools');
    const schoolId = ranking.body.items[0].schoolId;
    const enrollmentApp = apps.get('enrollment')!;
    const students = (await (await fetch(`${enrollmentApp.url}/api/students?schoolId=${schoolId}&limit=1`, { headers: { authorization: bearer(['enrollment:read', 'student-records']) } })).json()) as { items: { id: string }[] };
    const id = students.items[0].id;
    const overview = await get(`/api/students/${id}/overview`, '/api/students/{id}/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.sources).toMatchObject({ enrollment: { status: 'ok' }, transportation: { status: 'ok' }, food: { status: 'ok' }, technology: { status: 'ok' } });
    const audit = await get(`/api/audit?studentId=${id}`, '/api/audit');
    expect(audit.body.items[0]).toMatchObject({ actor: 'coo.demo', studentId: id });
  });

  it('answers every other view as its OpenAPI document says', async () => {
    const { body } = await get('/api/schools?limit=1', '/api/schools');
    const schoolId = body.items[0].school.id;
    await get(`/api/schools/${schoolId}/overview`, '/api/schools/{id}/overview');
    await get('/api/kpis/transportation.on-time-performance/history?from=2026-08&to=2026-11', '/api/kpis/{id}/history');
    await get('/api/kpis/targets', '/api/kpis/targets');
    await get('/api/audit/verify', '/api/audit/verify');
    // every GET route of the gateway's API was checked in this suite
    const doc = (await (await fetch(`${apps.get('gateway')!.url}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([p, ops]) => p.startsWith('/api/') && ops.get && !p.startsWith('/api/dead-letters')).map(([p]) => p);
    expect(gets.filter((p) => !checked.includes(p))).toEqual([]);
  });
});
