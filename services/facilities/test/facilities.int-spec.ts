import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import {
  BriefReply, BuildingClosure, DepartmentKpisReply, DepartmentQueries, EventEnvelope, FACILITIES_KPIS, FacilitiesEvents, FacilitiesSchoolSummary, SchoolSummariesReply,
} from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';
import { localDate } from '../src/common/domain/dates';
import { publishSchool, rpc, schoolSnap } from './helpers';

const TZ = 'America/New_York';
const writer = bearer(['facilities:write'], { sub: 'desk' });
const reader = bearer(['facilities:read']);
const HOUR = 3_600_000;

/** The facilities service on real PostgreSQL and NATS, fed by enrollment's school events. */
describe('facilities service', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let ds: DataSource;
  let db: { drop(): Promise<void>; url: string };
  const closureEvents: { subject: string; envelope: EventEnvelope<BuildingClosure & { liftedFrom?: string }> }[] = [];
  let stopConsumer: () => void = () => undefined;

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('facilities_api');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, DISTRICT_TIMEZONE: TZ, PM_TICK_MS: '60000' });
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    // a test consumer of the closure events as the relay publishes them (transportation and food consume the same subjects)
    const sub = nc.subscribe('evt.facilities.building.>');
    stopConsumer = () => sub.unsubscribe();
    void (async () => {
      for await (const m of sub) closureEvents.push({ subject: m.subject, envelope: m.json() });
    })();
  });

  afterAll(async () => {
    stopConsumer();
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, auth = writer) =>
    app.inject({ method, url, payload, headers: { authorization: auth } });

  async function school(over = {}) {
    const s = schoolSnap(over);
    await publishSchool(nc, s);
    const buildingId = await waitFor(async () => (await ds.query('SELECT id FROM buildings WHERE school_id = $1 AND is_primary', [s.id]))[0]?.id as string | undefined, { what: 'building' });
    return { school: s, buildingId };
  }

  it('links a building to each school from enrollment events, ignoring stale and repeated snapshots', async () => {
    const { school: s, buildingId } = await school({ name: 'Guild Elementary', version: 3 });
    await publishSchool(nc, { ...s, name: 'Old Name', version: 2 });
    await publishSchool(nc, { ...s, name: 'Guild Elementary School', version: 4 });
    await waitFor(async () => (await ds.query('SELECT name FROM schools WHERE id = $1', [s.id]))[0]?.name === 'Guild Elementary School', { what: 'newer snapshot' });
    const b = await call('GET', `/api/buildings/${buildingId}`, undefined, reader);
    expect(b.json()).toMatchObject({ schoolId: s.id, isPrimary: true, squareFeet: null, fci: null, source: 'school-event' });
    expect((await ds.query('SELECT count(*)::int AS n FROM buildings WHERE school_id = $1', [s.id]))[0].n).toBe(1);
    const patched = await call('PATCH', `/api/buildings/${buildingId}`, { squareFeet: 80_000, yearBuilt: 1931, replacementValue: 36_000_000 });
    expect(patched.json()).toMatchObject({ squareFeet: 80_000, replacementValue: 36_000_000, fci: 0, fciBand: 'good', source: 'entered' });
    expect((await call('PATCH', `/api/buildings/${buildingId}`, { squareFeet: -5 })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/buildings/${buildingId}`, { squareFeet: 5 }, reader)).statusCode).toBe(403);
    expect((await call('GET', `/api/buildings/${randomUUID()}`, undefined, reader)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/buildings' })).statusCode).toBe(401);
  });

  it('keeps a work order history, refuses impossible changes and lists overdue work across priorities', async () => {
    const { school: s } = await school();
    const now = Date.now();
    const create = (priority: string, hoursAgo: number, extra = {}) =>
      call('POST', '/api/work-orders', { schoolId: s.id, title: `${priority} job`, priority, trade: 'plumbing', requestedAt: new Date(now - hoursAgo * HOUR).toISOString(), ...extra });
    const emergency = await create('emergency', 6); // target 2 h ago
    expect(emergency.statusCode).toBe(201);
    const urgent = (await create('urgent', 25)).json(); // target 1 h ago
    const routine = (await create('routine', 48)).json();
    await create('scheduled', 1, { dueDate: localDate(new Date(now + 48 * HOUR), TZ) });
    expect((await create('scheduled', 1)).statusCode).toBe(422);
    expect((await create('sometimes', 1)).json()).toMatchObject({ status: 400, errors: [{ field: 'priority' }] });

    const overdue = await call('GET', `/api/work-orders/overdue?schoolId=${s.id}`, undefined, reader);
    expect(overdue.json().total).toBe(2);
    expect(overdue.json().items.map((w: { priority: string }) => w.priority)).toEqual(['emergency', 'urgent']);

    // assign, start, complete with costs: every change in the history
    const id = urgent.id;
    expect((await call('POST', `/api/work-orders/${id}/transitions`, { status: 'completed' })).statusCode).toBe(409);
    expect((await call('POST', `/api/work-orders/${id}/transitions`, { status: 'assigned' })).statusCode).toBe(422);
    expect((await call('POST', `/api/work-orders/${id}/transitions`, { status: 'assigned', assignee: 'Plumbing crew 1', assigneeKind: 'district' })).statusCode).toBe(200);
    expect((await call('POST', `/api/work-orders/${id}/transitions`, { status: 'in-progress' })).statusCode).toBe(200);
    const done = await call('POST', `/api/work-orders/${id}/transitions`, { status: 'completed', laborHours: 3, laborCost: 204, materialCost: 55.5, note: 'replaced valve' });
    expect(done.json()).toMatchObject({ status: 'completed', totalCost: 259.5, overdue: false, laborHours: 3 });
    expect(done.json().history.map((h: { status: string }) => h.status)).toEqual(['open', 'assigned', 'in-progress', 'completed']);
    expect(done.json().history[3]).toMatchObject({ actor: 'desk', note: 'replaced valve', assignee: 'Plumbing crew 1' });
    expect((await call('POST', `/api/work-orders/${id}/transitions`, { status: 'cancelled' })).statusCode).toBe(409);

    // re-triage moves the target: the routine job becomes urgent and so overdue
    const retriaged = await call('PATCH', `/api/work-orders/${routine.id}`, { priority: 'urgent' });
    expect(retriaged.json()).toMatchObject({ priority: 'urgent', overdue: true });
    const list = await call('GET', `/api/work-orders?schoolId=${s.id}&status=open&priority=urgent,emergency&minAgeDays=1`, undefined, reader);
    expect(list.json().items.map((w: { id: string }) => w.id)).toEqual([routine.id]);
    expect((await call('GET', `/api/work-orders?schoolId=${s.id}&overdue=true`, undefined, reader)).json().total).toBe(2);
    expect((await call('GET', `/api/work-orders?schoolId=${s.id}`, undefined, reader)).json().total).toBe(4);
    expect((await call('GET', `/api/work-orders?status=lost`, undefined, reader)).statusCode).toBe(400);
    expect((await call('GET', `/api/work-orders?limit=501`, undefined, reader)).statusCode).toBe(400);
  });

  it('publishes closures with an increasing version, and an emergency work order closes its building in one step', async () => {
    const { school: s, buildingId } = await school();
    const planned = await call('POST', '/api/closures', { schoolId: s.id, from: '2026-12-21', to: '2026-12-23', reason: 'Boiler replacement', kind: 'planned' });
    expect(planned.statusCode).toBe(201);
    const id = planned.json().id;
    expect((await call('POST', '/api/closures', { buildingId, from: '2026-12-23', to: '2026-12-24', reason: 'x', kind: 'planned' })).statusCode).toBe(409);
    expect((await call('POST', '/api/closures', { schoolId: s.id, from: '2026-12-24', to: '2026-12-20', reason: 'x', kind: 'planned' })).statusCode).toBe(422);
    expect((await call('POST', '/api/closures', { schoolId: s.id, from: '2026-02-30', to: '2026-03-01', reason: 'x', kind: 'planned' })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/closures/${id}`, { to: '2026-12-22' })).json()).toMatchObject({ version: 2, to: '2026-12-22' });
    expect((await call('POST', `/api/closures/${id}/lift`, { liftedFrom: '2026-12-30' })).statusCode).toBe(422);
    expect((await call('POST', `/api/closures/${id}/lift`, { liftedFrom: '2026-12-22' })).json()).toMatchObject({ version: 3, status: 'lifted', liftedFrom: '2026-12-22' });
    expect((await call('POST', `/api/closures/${id}/lift`, {})).statusCode).toBe(409);

    const mine = () => closureEvents.filter((e) => e.envelope.data.closureId === id);
    await waitFor(() => mine().length === 3, { what: 'three closure events' });
    expect(mine().map((e) => [e.subject, e.envelope.data.version])).toEqual([
      [FacilitiesEvents.BuildingClosed.subject, 1], [FacilitiesEvents.BuildingClosed.subject, 2], [FacilitiesEvents.BuildingReopened.subject, 3],
    ]);
    expect(mine()[2].envelope.data).toEqual({ closureId: id, buildingId, schoolId: s.id, kind: 'planned', from: '2026-12-21', to: '2026-12-22', reason: 'Boiler replacement', version: 3, liftedFrom: '2026-12-22' });

    const wo = await call('POST', '/api/work-orders', { schoolId: s.id, title: 'No heat: boiler failure', priority: 'emergency', closeBuilding: { from: '2026-12-28', to: '2026-12-29' } });
    expect(wo.statusCode).toBe(201);
    const closureId = wo.json().closureId;
    expect(closureId).toBeTruthy();
    await waitFor(() => closureEvents.some((e) => e.envelope.data.closureId === closureId && e.envelope.data.kind === 'emergency' && e.envelope.data.reason === 'No heat: boiler failure'), { what: 'emergency closure event' });
    expect((await call('POST', '/api/work-orders', { schoolId: s.id, title: 'x', priority: 'routine', closeBuilding: { from: '2026-12-28', to: '2026-12-29' } })).statusCode).toBe(422);
    // nothing of the refused requests was written
    expect((await ds.query('SELECT count(*)::int AS n FROM closures WHERE school_id = $1', [s.id]))[0].n).toBe(2);

    const summaries = await rpc<SchoolSummariesReply<FacilitiesSchoolSummary>>(nc, DepartmentQueries.schoolSummaries('facilities'), { schoolIds: [s.id, randomUUID()], date: '2026-12-28' });
    expect(Object.keys(summaries.response!.schools)).toEqual([s.id]);
    expect(summaries.response!.schools[s.id]).toMatchObject({ emergencyOpen: 1, openWorkOrders: { emergency: 1, total: 1 }, activeClosure: { closureId, kind: 'emergency', from: '2026-12-28' } });
    const brief = await rpc<BriefReply>(nc, DepartmentQueries.brief('facilities'), { date: '2026-12-28' });
    const items = brief.response!.items.filter((i) => i.schoolId === s.id);
    expect(items.map((i) => i.kind).sort()).toEqual(['closure.emergency', 'work-order.emergency-open']);
    expect((await rpc(nc, DepartmentQueries.brief('facilities'), { date: 'tomorrow' })).err).toMatchObject({ status: 400 });
  });

  it('computes the KPIs of a month from the maintained aggregates, matching hand-computed values', async () => {
    const { school: s, buildingId } = await school();
    await call('PATCH', `/api/buildings/${buildingId}`, { squareFeet: 100_000, replacementValue: 10_000_000 });
    const at = (iso: string, hours = 0) => new Date(Date.parse(iso) + hours * HOUR).toISOString();
    const job = async (priority: string, requestedAt: string, completeAfterHours: number, costs: object) => {
      const id = (await call('POST', '/api/work-orders', { schoolId: s.id, title: 'job', priority, requestedAt })).json().id;
      await call('POST', `/api/work-orders/${id}/transitions`, { status: 'assigned', assignee: 'crew', at: at(requestedAt, 1) });
      const res = await call('POST', `/api/work-orders/${id}/transitions`, { status: 'completed', at: at(requestedAt, completeAfterHours), ...costs });
      expect(res.statusCode).toBe(200);
    };
    await job('urgent', '2025-03-03T14:00:00Z', 20, { laborCost: 500, materialCost: 100 }); // 0.8333 days, within 24 h
    await job('routine', '2025-03-05T14:00:00Z', 240, { laborCost: 900 }); // 10 days, past 7 days
    expect((await call('POST', '/api/deficiencies', { buildingId, category: 'roof', description: 'leaks', estimatedCost: 300_000, identifiedOn: '2025-02-10' })).statusCode).toBe(201);
    const d2 = (await call('POST', '/api/deficiencies', { buildingId, category: 'hvac', description: 'old AHU', estimatedCost: 200_000, identifiedOn: '2025-03-15' })).json();
    expect((await call('POST', `/api/deficiencies/${d2.id}/correct`, { correctedOn: '2025-04-02' })).statusCode).toBe(200);
    const bills = [['electricity', 12_000], ['heating-fuel', 6_000], ['water', 1_500], ['sewer', 500]].map(([utility, amount]) => ({ buildingId, utility, month: '2025-03', amount }));
    expect((await call('POST', '/api/utility-bills', { bills })).json()).toEqual({ saved: 4 });
    expect((await call('POST', '/api/utility-bills', { bills: [bills[0], bills[0]] })).statusCode).toBe(422);
    expect((await call('PUT', `/api/buildings/${buildingId}/custodial-staffing`, { effectiveFrom: '2025-01-01', ftes: 4 })).json()).toMatchObject({ ftes: 4, workload: 25_000 });
    const project = await call('POST', '/api/capital-projects', {
      schoolId: s.id, name: 'Roof', status: 'construction', budget: 1_000_000, committed: 900_000, spent: 400_000, startDate: '2025-01-10', plannedEnd: '2025-12-01',
      milestones: [{ name: 'Design', plannedDate: '2025-02-15', actualDate: '2025-02-20' }, { name: 'Finish', plannedDate: '2025-11-15' }],
    });
    expect(project.json()).toMatchObject({ onBudget: true, onSchedule: false });

    const reply = await rpc<DepartmentKpisReply>(nc, DepartmentQueries.kpis('facilities'), { from: '2025-03', to: '2025-04', bySchool: true });
    const march = reply.response!.schools!.find((r) => r.schoolId === s.id && r.period === '2025-03')!.values;
    expect(march).toEqual({
      'facilities.work-order-completion-days': 5.4167, // (20/24 + 10) / 2
      'facilities.work-orders-within-target': 50,
      'facilities.maintenance-cost-per-sq-ft': 0.015, // 1,500 / 100,000
      'facilities.cost-per-work-order': 750,
      'facilities.utility-cost-per-sq-ft': 0.2, // 20,000 / 100,000
      'facilities.custodial-workload': 25_000,
      'facilities.fci': 5, // 500,000 / 10,000,000: exactly the fair cut point
      'facilities.preventive-share': 0,
    });
    const april = reply.response!.schools!.find((r) => r.schoolId === s.id && r.period === '2025-04')!.values;
    expect(april['facilities.fci']).toBe(3);
    expect(april['facilities.work-order-completion-days']).toBeNull();
    const district = reply.response!.periods.find((p) => p.period === '2025-03')!.values;
    expect(Object.keys(district).sort()).toEqual(FACILITIES_KPIS.map((k) => k.id).sort());
    expect(district['facilities.capital-projects-on-budget']).toBe(100);
    expect(district['facilities.capital-projects-on-schedule']).toBe(0);
    expect((await rpc(nc, DepartmentQueries.kpis('facilities'), { from: '2025-05', to: '2025-03' })).err).toMatchObject({ status: 400 });
    expect((await rpc(nc, DepartmentQueries.kpis('facilities'), { from: '2025-13', to: '2026-01' })).err).toMatchObject({ status: 400 });

    const summary = await rpc<SchoolSummariesReply<FacilitiesSchoolSummary>>(nc, DepartmentQueries.schoolSummaries('facilities'), { schoolIds: [s.id], date: '2025-03-20' });
    expect(summary.response!.schools[s.id]).toMatchObject({ fci: 3, fciBand: 'good', squareFeet: 100_000, capitalProjects: { active: 1, onBudget: 1, onSchedule: 0 } });
  });
});
