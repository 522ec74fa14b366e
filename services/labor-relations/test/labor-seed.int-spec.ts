import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { BriefReply, DepartmentKpisReply, LABOR_RELATIONS_KPIS, LaborSchoolSummary, SchoolSummariesReply } from '@district/contracts';
import { createTestDatabase, startNats, startService, stopService, TestNats } from '@district/testing';
import { waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../src/app.module';
import { LaborDemoSeeder } from '../src/seed/labor-seeder.service';
import { call, publishSchool, READ, rpc } from './helpers';

/** The demo seeder on a few projected schools: every KPI has a value for Sep-Nov 2026 and the brief of 2026-11-23 has items. */
describe('labor relations demo seed', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let db: { drop(): Promise<void>; url: string };
  const schools: string[] = [];

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('labor_seed');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, LABOR_JOB_INTERVAL_MS: '0' });
    nc = await connect({ servers: nats.url });
    for (let i = 0; i < 8; i++) schools.push((await publishSchool(nc, { name: `School ${i}` })).id);
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  it('waits for the projected schools, seeds once, and fills every KPI, the brief and the deadlines', async () => {
    const seeder = app.get(LaborDemoSeeder);
    expect(await waitForEnrollmentProjection(app, { consumer: 'labor-relations', countsSql: 'SELECT count(*)::int AS schools FROM schools', timeoutMs: 20_000, stableMs: 300 })).toEqual({ schools: 8 });
    const result = await seeder.seed({ today: '2026-11-23', grievances: 140 });
    expect(result).toMatchObject({ units: 6, contracts: 9 });
    expect(result.grievances).toBeGreaterThan(120);
    expect(await seeder.seed({ today: '2026-11-23', grievances: 140 })).toEqual({ units: 0, contracts: 0, grievances: 0 });

    const kpis = await rpc<DepartmentKpisReply>(nc, 'labor.kpis.get', { from: '2026-09', to: '2026-11', bySchool: true });
    for (const { period, values } of kpis.periods) {
      for (const k of LABOR_RELATIONS_KPIS) expect({ period, id: k.id, value: values[k.id] }).toEqual({ period, id: k.id, value: expect.any(Number) });
    }
    const at = (p: string) => kpis.periods.find((x) => x.period === p)!.values;
    // teachers in status quo since September; bus drivers until their October ratification
    expect(at('2026-09')['labor-relations.units-under-expired-contract']).toBe(2);
    expect(at('2026-10')['labor-relations.units-under-expired-contract']).toBe(1);
    expect(at('2026-11')['labor-relations.contracts-expiring-within-180-days']).toBe(2);
    expect(kpis.schools!.length).toBeGreaterThan(0);

    const brief = await rpc<BriefReply>(nc, 'labor.brief.get', { date: '2026-11-23' });
    expect(brief.items.filter((i) => i.kind === 'grievance.deadline').length).toBeGreaterThan(0);
    expect(brief.items).toContainEqual(expect.objectContaining({ kind: 'contract.expiring', title: expect.stringContaining('Food Service 2023-2026') }));
    expect(brief.items.some((i) => i.schoolId && schools.includes(i.schoolId))).toBe(true);
    expect(brief.items.filter((i) => i.kind === 'grievance.overdue')).toEqual([]); // the seeded history is consistent up to today

    const deadlines = await call<{ total: number }>(app, 'GET', '/api/deadlines?within=7d&date=2026-11-23', undefined, READ);
    expect(deadlines.total).toBeGreaterThan(0);
    const summaries = await rpc<SchoolSummariesReply<LaborSchoolSummary>>(nc, 'labor.school-summaries.get', { schoolIds: schools, date: '2026-11-23' });
    expect(Object.values(summaries.schools).reduce((s, x) => s + x.openGrievances, 0)).toBeGreaterThan(0);
    const negotiating = await call<{ items: { title: string }[] }>(app, 'GET', '/api/contracts?status=in-negotiation', undefined, READ);
    expect(negotiating.items.map((c) => c.title)).toEqual(['Teachers 2026-2029 (successor)']);
  });
});
