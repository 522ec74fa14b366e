import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { ContractExpired, ContractRatified, EventEnvelope, LaborEvents } from '@district/contracts';
import { createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';
import { dateInTimeZone } from '@district/contracts';
import { addDays } from '../src/calendar/domain/dates';
import { call, WRITE } from './helpers';

const TZ = 'America/Chicago';

/**
 * Contracts' lifecycle on real PostgreSQL and NATS with two replicas of the service on one database, both
 * running the daily jobs every 50 ms: negotiation to ratification (published), and an expiry published
 * exactly once however many ticks and replicas race for it.
 */
describe('contracts: negotiation, ratification and the expiry job across replicas', () => {
  let nats: TestNats;
  let replicas: NestFastifyApplication[] = [];
  let nc: NatsConnection;
  let ds: DataSource;
  let db: { drop(): Promise<void>; url: string };
  const today = dateInTimeZone(TZ);

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('labor_jobs');
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, LABOR_JOB_INTERVAL_MS: '50', DISTRICT_TIMEZONE: TZ };
    replicas = [await startService(AppModule, env), await startService(AppModule, env)];
    ds = replicas[0].get(DataSource);
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    for (const app of replicas) await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  /** Events published on a subject, read back from the department's stream. */
  const published = async <T>(subject: string): Promise<EventEnvelope<T>[]> => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info('EVT_LABOR_RELATIONS');
    const out: EventEnvelope<T>[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage('EVT_LABOR_RELATIONS', { seq }).catch(() => null);
      if (m && m.subject === subject) out.push(m.json<EventEnvelope<T>>());
    }
    return out;
  };

  it('negotiates a successor (sessions, proposals and counters, tentative agreements) and publishes its ratification', async () => {
    const [a, b] = replicas;
    const unit = await call<{ id: string }>(a, 'POST', '/api/units', { name: 'Paraprofessionals', unionName: 'AFT', local: 'Local 1120-P', employeeCount: 1180 });
    const old = await call<{ id: string }>(a, 'POST', '/api/contracts', {
      unitId: unit.id, title: 'Paras 2023-2026', effectiveOn: addDays(today, -1000), expiresOn: addDays(today, 30), ratifiedOn: addDays(today, -1010),
    });
    const next = await call<{ id: string; status: string; grievanceProcedure: { steps: unknown[] } }>(b, 'POST', '/api/contracts', {
      unitId: unit.id, title: 'Paras 2026-2029', effectiveOn: addDays(today, 31), expiresOn: addDays(today, 1125), predecessorId: old.id,
    });
    expect(next.status).toBe('in-negotiation');
    expect(next.grievanceProcedure.steps).toHaveLength(4); // inherited
    const session = await call<{ id: string }>(a, 'POST', `/api/contracts/${next.id}/sessions`, { heldOn: addDays(today, -7), attendees: ['Chief of Labor Relations', 'Union president'], notes: 'Opening proposals.' });
    const union = await call<{ id: string; kind: string }>(a, 'POST', `/api/contracts/${next.id}/proposals`, {
      article: 'Art. 9 Hours of Work', party: 'union', summary: '7-hour day', proposedOn: addDays(today, -7), sessionId: session.id,
    });
    // a counter must come from the other party, on the same article
    const wrong = await a.inject({ method: 'POST', url: `/api/contracts/${next.id}/proposals`, headers: { authorization: WRITE },
      payload: { article: 'Art. 9 Hours of Work', party: 'union', summary: 'x', proposedOn: addDays(today, -6), respondsTo: union.id } });
    expect(wrong.statusCode).toBe(422);
    const counter = await call<{ id: string; kind: string }>(a, 'POST', `/api/contracts/${next.id}/proposals`, {
      article: 'Art. 9 Hours of Work', party: 'district', summary: '6.5-hour day', proposedOn: addDays(today, -6), respondsTo: union.id,
    });
    expect(counter.kind).toBe('counter-proposal');
    await call(a, 'POST', `/api/contracts/${next.id}/tentative-agreements`, { article: 'Art. 9 Hours of Work', summary: '6.75-hour day', agreedOn: addDays(today, -2), proposalId: counter.id });
    const proposals = await call<{ items: { id: string; status: string }[] }>(a, 'GET', `/api/contracts/${next.id}/proposals`);
    expect(Object.fromEntries(proposals.items.map((p) => [p.id, p.status]))).toEqual({ [union.id]: 'countered', [counter.id]: 'tentatively-agreed' });
    // ratification needs a tentative agreement on the whole contract first
    expect((await a.inject({ method: 'POST', url: `/api/contracts/${next.id}/ratify`, headers: { authorization: WRITE }, payload: { ratifiedOn: today } })).statusCode).toBe(409);
    await call(a, 'POST', `/api/contracts/${next.id}/tentative-agreement`, { agreedOn: addDays(today, -1) });
    const ratified = await call<{ status: string; ratifiedOn: string }>(b, 'POST', `/api/contracts/${next.id}/ratify`, { ratifiedOn: today });
    expect(ratified).toMatchObject({ status: 'ratified', ratifiedOn: today }); // in force from its effective date
    expect(await call(a, 'GET', `/api/contracts/${old.id}`)).toMatchObject({ status: 'superseded', successorId: next.id });
    // bargaining is over
    expect((await a.inject({ method: 'POST', url: `/api/contracts/${next.id}/sessions`, headers: { authorization: WRITE }, payload: { heldOn: today, attendees: [], notes: '' } })).statusCode).toBe(409);

    const events = await waitFor(async () => {
      const list = await published<ContractRatified>(LaborEvents.ContractRatified.subject);
      return list.find((e) => e.data.contract.id === next.id);
    }, { what: 'ratification published' });
    expect(events.data).toMatchObject({ supersededContractId: old.id, contract: { unitName: 'Paraprofessionals', employeeCount: 1180, status: 'ratified' } });
  });

  it('publishes a contract’s expiry exactly once while two replicas tick', async () => {
    const unit = await call<{ id: string }>(replicas[0], 'POST', '/api/units', { name: 'Custodians', unionName: 'SEIU', local: 'Local 888', employeeCount: 410 });
    const contract = await call<{ id: string }>(replicas[1], 'POST', '/api/contracts', {
      unitId: unit.id, title: 'Custodians 2023-2026', effectiveOn: addDays(today, -1096), expiresOn: addDays(today, -1), ratifiedOn: addDays(today, -1100),
    });
    await waitFor(async () => (await ds.query(`SELECT status FROM contracts WHERE id = $1`, [contract.id]))[0].status === 'expired', { what: 'contract expired' });
    await new Promise((r) => setTimeout(r, 500)); // ten more ticks on each replica
    const outbox = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope -> 'data' -> 'contract' ->> 'id' = $2`,
      [LaborEvents.ContractExpired.subject, contract.id]);
    expect(outbox[0].n).toBe(1);
    const events = await waitFor(async () => {
      const list = (await published<ContractExpired>(LaborEvents.ContractExpired.subject)).filter((e) => e.data.contract.id === contract.id);
      return list.length ? list : null;
    }, { what: 'expiry published' });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ statusQuoFrom: today, contract: { status: 'expired', unitName: 'Custodians' } });
    const claims = await ds.query(`SELECT job, run_key AS "runKey" FROM scheduled_job_runs WHERE job = 'contract-expiry'`);
    expect(claims).toEqual([{ job: 'contract-expiry', runKey: `${contract.id}:${addDays(today, -1)}` }]);
    // the unit now counts as under an expired contract, and the missed-deadline pass ran once today
    const unitView = await call<{ currentContract: { status: string } }>(replicas[0], 'GET', `/api/units/${unit.id}`);
    expect(unitView.currentContract.status).toBe('expired');
    expect((await ds.query(`SELECT count(*)::int AS n FROM scheduled_job_runs WHERE job = 'grievance-deadlines' AND run_key = $1`, [today]))[0].n).toBe(1);
  });
});
