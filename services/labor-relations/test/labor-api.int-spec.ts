import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { DepartmentKpisReply, KpiValues, LaborSchoolSummary, SchoolSummariesReply, BriefReply } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';
import { DAYS_OFF, YEARS } from '../src/calendar/domain/test-calendar';
import { LaborDailyJobs } from '../src/jobs/labor-daily-jobs';
import { call, CUSTODIAN_PROCEDURE, publishSchool, READ, rpc, WRITE } from './helpers';

/**
 * Labor relations on real PostgreSQL and NATS: the calendar and contracts through REST, grievances through
 * their steps with deadlines from the calendar, the daily missed-deadline pass, and the KPIs compared with
 * figures computed by hand. Dates are fixed (autumn 2026) and the daily jobs are run explicitly.
 */
describe('labor relations API', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let ds: DataSource;
  let db: { drop(): Promise<void>; url: string };
  let s1: string;
  let s2: string;

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('labor_api');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, LABOR_JOB_INTERVAL_MS: '0', DISTRICT_TIMEZONE: 'America/New_York' });
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    s1 = (await publishSchool(nc, { name: 'Hernández K-8' })).id;
    s2 = (await publishSchool(nc, { name: 'Mather Elementary' })).id;
    await waitFor(async () => (await ds.query('SELECT count(*)::int AS n FROM schools'))[0].n === 2, { what: 'schools projected' });
    for (const y of YEARS) await call(app, 'POST', '/api/calendar/school-years', y);
    await call(app, 'POST', '/api/calendar/days-off', { items: DAYS_OFF });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const unit = (name: string, employeeCount: number) => call<{ id: string }>(app, 'POST', '/api/units', { name, unionName: 'Test Union', local: 'Local 1', employeeCount });
  const file = (body: Record<string, unknown>) => call<{ id: string; dueOn: string; status: string }>(app, 'POST', '/api/grievances', {
    article: 'Art. 5 Overtime', grievantName: 'Pat Doe', description: 'Overtime offered out of seniority order.', ...body,
  });
  const answer = (id: string, step: number, outcome: string, answeredOn: string) => call<{ status: string; dueOn: string | null }>(app, 'POST', `/api/grievances/${id}/answers`, { step, outcome, answeredOn });

  it('manages the calendar and computes deadlines from it', async () => {
    const years = await call<{ items: { name: string; schoolDays: number }[] }>(app, 'GET', '/api/calendar/school-years', undefined, READ);
    expect(years.items.map((y) => y.name)).toEqual(['SY 2025-26', 'SY 2026-27']);
    // overlapping school years are refused
    const clash = await app.inject({ method: 'POST', url: '/api/calendar/school-years', payload: { name: 'x', startsOn: '2027-06-01', endsOn: '2027-08-01' }, headers: { authorization: WRITE } });
    expect(clash.statusCode).toBe(409);
    const due = await call<{ dueOn: string }>(app, 'GET', '/api/calendar/deadline?from=2026-11-23&days=5&unit=school', undefined, READ);
    expect(due.dueOn).toBe('2026-12-02'); // skips Thanksgiving
    const bad = await app.inject({ method: 'GET', url: '/api/calendar/deadline?from=2026-02-30&days=0&unit=weeks', headers: { authorization: READ } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['days', 'from', 'unit']);
    // beyond the calendar: 422, never a guess
    const gap = await app.inject({ method: 'GET', url: '/api/calendar/deadline?from=2027-06-21&days=5&unit=school', headers: { authorization: READ } });
    expect(gap.statusCode).toBe(422);
  });

  it('takes a grievance through its steps; a missed employer deadline lets it advance, a missed union deadline closes it', async () => {
    const u = await unit('Teachers', 300);
    const contract = await call<{ id: string; status: string }>(app, 'POST', '/api/contracts', {
      unitId: u.id, title: 'Teachers 2024-2027', effectiveOn: '2024-09-01', expiresOn: '2027-08-31', ratifiedOn: '2024-08-20',
    });
    expect(contract.status).toBe('active');
    // filed Mon Nov 2: the principal answers within 10 school days (Nov 3 is a break, Nov 11 a holiday)
    const g = await file({ unitId: u.id, schoolId: s1, occurredOn: '2026-10-26', filedOn: '2026-11-02' });
    expect(g).toMatchObject({ status: 'open', dueOn: '2026-11-18' });
    // a filing after the contract's 30 school days is refused, naming the field
    const late = await app.inject({ method: 'POST', url: '/api/grievances', headers: { authorization: WRITE },
      payload: { unitId: u.id, schoolId: s1, article: 'x', grievantName: 'x', description: 'x', occurredOn: '2026-09-01', filedOn: '2026-10-16' } });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0].field).toBe('filedOn');

    // denied at step 1 on Nov 16: the union may appeal within 10 school days
    expect(await answer(g.id, 1, 'denied', '2026-11-16')).toMatchObject({ status: 'open', dueOn: '2026-12-02' });
    expect((await app.inject({ method: 'POST', url: `/api/grievances/${g.id}/answers`, headers: { authorization: WRITE }, payload: { step: 1, outcome: 'denied', answeredOn: '2026-11-16' } })).statusCode).toBe(409);

    // a second grievance nobody answers: the daily pass lets the union advance
    const g2 = await file({ unitId: u.id, schoolId: s2, occurredOn: '2026-10-26', filedOn: '2026-11-02' });
    await app.get(LaborDailyJobs).run('2026-11-19');
    const after = await call<{ awaiting: string; dueOn: string; steps: { employerMissed: boolean }[]; history: { kind: string }[] }>(app, 'GET', `/api/grievances/${g2.id}`, undefined, READ);
    expect(after).toMatchObject({ awaiting: 'appeal', dueOn: '2026-12-04', steps: [{ employerMissed: true }] });
    expect(after.history.map((h) => h.kind)).toEqual(['filed', 'employer-deadline-missed']);
    const appealed = await call<{ currentStep: number; awaiting: string; dueOn: string }>(app, 'POST', `/api/grievances/${g2.id}/appeals`, { appealedOn: '2026-11-20' });
    expect(appealed).toMatchObject({ currentStep: 2, awaiting: 'answer', dueOn: '2026-12-08' });

    // the first one is not appealed by Dec 2: the pass of Dec 3 closes it, recorded in its history
    await app.get(LaborDailyJobs).run('2026-12-03');
    const closed = await call<{ status: string; outcome: string; closedReason: string; closedOn: string; history: { kind: string }[] }>(app, 'GET', `/api/grievances/${g.id}`, undefined, READ);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'denied', closedReason: 'union-deadline-missed', closedOn: '2026-12-02' });
    expect(closed.history.map((h) => h.kind)).toEqual(['filed', 'answered', 'union-deadline-missed']);
    expect((await app.inject({ method: 'POST', url: `/api/grievances/${g.id}/appeals`, headers: { authorization: WRITE }, payload: { appealedOn: '2026-11-23' } })).statusCode).toBe(409);
  });

  it('lists what falls due, validates the window, and keeps grievances behind labor roles and school scope', async () => {
    const list = await call<{ from: string; to: string; items: { kind: string; dueOn: string; schoolId: string | null }[] }>(
      app, 'GET', '/api/deadlines?within=7d&date=2026-12-01', undefined, READ);
    expect(list).toMatchObject({ from: '2026-12-01', to: '2026-12-08' });
    expect(list.items.map((i) => [i.kind, i.dueOn])).toContainEqual(['grievance-answer', '2026-12-08']);
    const bad = await app.inject({ method: 'GET', url: '/api/deadlines?within=forever', headers: { authorization: READ } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'within' })]);
    expect((await app.inject({ method: 'GET', url: '/api/deadlines?within=400d', headers: { authorization: READ } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/grievances', headers: { authorization: bearer(['transportation:read']) } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/grievances' })).statusCode).toBe(401);
    const scoped = await call<{ items: { schoolId: string }[] }>(app, 'GET', '/api/grievances', undefined, bearer(['labor:read'], { schools: [s1] }));
    expect(scoped.items.length).toBeGreaterThan(0);
    expect(scoped.items.every((i) => i.schoolId === s1)).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/grievances?schoolId=${s2}`, headers: { authorization: bearer(['labor:read'], { schools: [s1] }) } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/grievances/${randomUUID()}`, headers: { authorization: READ } })).statusCode).toBe(404);
  });

  it('computes the KPIs from the aggregates as computed by hand, for a unit and per school', async () => {
    const u = await unit('Custodians', 200);
    await call(app, 'POST', '/api/contracts', {
      unitId: u.id, title: 'Custodians 2024-2027', effectiveOn: '2024-04-01', expiresOn: '2027-03-31', ratifiedOn: '2024-03-15', grievanceProcedure: CUSTODIAN_PROCEDURE,
    });
    // A: Thu Oct 1 at S1, sustained Oct 6 (due Oct 8): closed at step 1 in 5 days
    const a = await file({ unitId: u.id, schoolId: s1, occurredOn: '2026-09-28', filedOn: '2026-10-01' });
    expect(a.dueOn).toBe('2026-10-08');
    await answer(a.id, 1, 'sustained', '2026-10-06');
    // B: Fri Oct 2 at S1, denied Oct 8 (due Oct 9), appealed Oct 9, settled at step 2 Oct 20 (due Oct 26): 18 days
    const b = await file({ unitId: u.id, schoolId: s1, occurredOn: '2026-09-30', filedOn: '2026-10-02' });
    expect(b.dueOn).toBe('2026-10-09');
    await answer(b.id, 1, 'denied', '2026-10-08');
    expect((await call<{ dueOn: string }>(app, 'POST', `/api/grievances/${b.id}/appeals`, { appealedOn: '2026-10-09' })).dueOn).toBe('2026-10-26');
    await answer(b.id, 2, 'settled', '2026-10-20');
    // C: Mon Oct 5 at S2, due Oct 13 (Oct 12 is a holiday), settled late on Oct 15: 10 days, one late answer
    const c = await file({ unitId: u.id, schoolId: s2, occurredOn: '2026-10-02', filedOn: '2026-10-05' });
    expect(c.dueOn).toBe('2026-10-13');
    await answer(c.id, 1, 'settled', '2026-10-15');
    // D: Tue Oct 20 at S2, never answered (due Oct 27), never appealed (due Nov 10): closed by the pass, 21 days, in November
    const d = await file({ unitId: u.id, schoolId: s2, occurredOn: '2026-10-19', filedOn: '2026-10-20' });
    expect(d.dueOn).toBe('2026-10-27');
    // E: Mon Nov 2, no school, denied Nov 5 (due Nov 9); the appeal is due Nov 20
    const e = await file({ unitId: u.id, occurredOn: '2026-10-30', filedOn: '2026-11-02' });
    expect(e.dueOn).toBe('2026-11-09');
    expect((await answer(e.id, 1, 'denied', '2026-11-05')).dueOn).toBe('2026-11-20');
    // (the pass runs once per district day: Nov 19 ran above)
    await app.get(LaborDailyJobs).run('2026-11-20');
    expect(await call(app, 'GET', `/api/grievances/${d.id}`, undefined, READ)).toMatchObject({ status: 'closed', closedOn: '2026-11-10', closedReason: 'union-deadline-missed' });

    const kpis = await rpc<DepartmentKpisReply>(nc, 'labor.kpis.get', { from: '2026-09', to: '2026-11', unitId: u.id, bySchool: true });
    const at = (period: string): KpiValues => kpis.periods.find((p) => p.period === period)!.values;
    expect(at('2026-09')).toMatchObject({
      'labor-relations.grievances-filed': 0, 'labor-relations.open-grievances': 0, 'labor-relations.resolved-at-step-1': null,
      'labor-relations.median-days-to-close': null, 'labor-relations.contracts-expiring-within-180-days': 0, // Mar 31 is 182 days after Sep 30
    });
    expect(at('2026-10')).toEqual({
      'labor-relations.open-grievances': 1,
      'labor-relations.backlog-0-30-days': 1,
      'labor-relations.backlog-31-60-days': 0,
      'labor-relations.backlog-61-90-days': 0,
      'labor-relations.backlog-over-90-days': 0,
      'labor-relations.grievances-filed': 4,
      'labor-relations.grievances-per-100-employees': 2,
      'labor-relations.resolved-at-step-1': 66.7,
      'labor-relations.median-days-to-close': 10,
      'labor-relations.step-answers-on-time': 60,
      'labor-relations.units-under-expired-contract': 0,
      'labor-relations.workforce-under-expired-contract': 0,
      'labor-relations.contracts-expiring-within-180-days': 1,
    });
    expect(at('2026-11')).toMatchObject({
      'labor-relations.open-grievances': 1,
      'labor-relations.backlog-0-30-days': 1,
      'labor-relations.grievances-filed': 1,
      'labor-relations.grievances-per-100-employees': 2.5,
      'labor-relations.resolved-at-step-1': 100,
      'labor-relations.median-days-to-close': 21,
      'labor-relations.step-answers-on-time': 100,
    });
    const school = (period: string, id: string) => kpis.schools!.find((x) => x.period === period && x.schoolId === id)?.values;
    expect(school('2026-10', s1)).toMatchObject({ 'labor-relations.grievances-filed': 2, 'labor-relations.open-grievances': 0, 'labor-relations.resolved-at-step-1': 50,
      'labor-relations.median-days-to-close': 11.5, 'labor-relations.step-answers-on-time': 100 });
    expect(school('2026-10', s2)).toMatchObject({ 'labor-relations.grievances-filed': 2, 'labor-relations.open-grievances': 1, 'labor-relations.resolved-at-step-1': 100,
      'labor-relations.median-days-to-close': 10, 'labor-relations.step-answers-on-time': 0 });

    await expect(rpc(nc, 'labor.kpis.get', { from: '2026-13', to: '2026-11' })).rejects.toMatchObject({ payload: { status: 400 } });
    await expect(rpc(nc, 'labor.kpis.get', { from: '2024-01', to: '2026-11' })).rejects.toMatchObject({ payload: { status: 400 } });
  });

  it('answers the gateway’s school summaries and brief', async () => {
    const summaries = await rpc<SchoolSummariesReply<LaborSchoolSummary>>(nc, 'labor.school-summaries.get', { schoolIds: [s1, s2, randomUUID()], date: '2026-11-23' });
    expect(Object.keys(summaries.schools).sort()).toEqual([s1, s2].sort());
    expect(summaries.schools[s2].openGrievances).toBe(1); // g2 at step 2
    expect(summaries.schools[s2].nextDeadlines[0]).toMatchObject({ party: 'employer', action: 'answer', step: 2, dueOn: '2026-12-08' });
    expect(JSON.stringify(summaries)).not.toContain('Pat Doe');
    const brief = await rpc<BriefReply>(nc, 'labor.brief.get', { date: '2026-12-01' });
    expect(brief.items).toContainEqual(expect.objectContaining({ kind: 'grievance.deadline', schoolId: s2, at: '2026-12-08', department: 'labor-relations' }));
    await expect(rpc(nc, 'labor.brief.get', { date: 'tomorrow' })).rejects.toMatchObject({ payload: { status: 400 } });
  });

  it('recomputes open deadlines when the calendar changes', async () => {
    const [g] = await ds.query(`SELECT id FROM grievances WHERE status = 'open' AND due_on = '2026-12-08'`);
    // a snow day on Thu Dec 3 moves the step 2 answer (10 school days from Nov 20) one school day later
    const [day] = await call<{ id: string }[]>(app, 'POST', '/api/calendar/days-off', { items: [{ startsOn: '2026-12-03', endsOn: '2026-12-03', kind: 'break', name: 'Snow day' }] });
    expect((await call<{ dueOn: string }>(app, 'GET', `/api/grievances/${g.id}`, undefined, READ)).dueOn).toBe('2026-12-09');
    await call(app, 'DELETE', `/api/calendar/days-off/${day.id}`);
    expect((await call<{ dueOn: string; history: { kind: string }[] }>(app, 'GET', `/api/grievances/${g.id}`, undefined, READ)).dueOn).toBe('2026-12-08');
  });
});
