import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';
import { addDays, localDate } from '../src/common/domain/dates';
import { occurrence } from '../src/pm/domain/pm-schedule';
import { publishSchool, schoolSnap } from './helpers';

const writer = bearer(['facilities:write']);
const TZ = 'America/New_York';

/**
 * Preventive maintenance with two replicas of the service on one database, both ticking every 50 ms:
 * every due date of every schedule yields exactly one work order.
 */
describe('preventive maintenance across two replicas', () => {
  let nats: TestNats;
  let db: { drop(): Promise<void>; url: string };
  const replicas: NestFastifyApplication[] = [];
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('facilities_pm');
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, PM_TICK_MS: '50', PM_LEAD_DAYS: '7', DISTRICT_TIMEZONE: TZ };
    for (let i = 0; i < 2; i++) replicas.push(await startService(AppModule, env));
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    for (const app of replicas) await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  it('generates one work order per (schedule, due date), however many replicas tick', async () => {
    const [a, b] = replicas;
    const ds = a.get(DataSource);
    const school = schoolSnap();
    await publishSchool(nc, school);
    const buildingId = (await waitFor(async () => (await ds.query('SELECT id FROM buildings WHERE school_id = $1', [school.id]))[0]?.id as string | undefined, { what: 'building' }));
    const asset = await a.inject({ method: 'POST', url: `/api/buildings/${buildingId}/assets`, headers: { authorization: writer },
      payload: { kind: 'hvac', name: 'AHU-1', installYear: 2005, expectedLifeYears: 25 } });
    expect(asset.statusCode).toBe(201);
    const today = localDate(new Date(), TZ);
    const plans = [
      { every: 7, unit: 'days', firstDue: addDays(today, -60) },
      { every: 1, unit: 'months', firstDue: addDays(today, -200) },
      { every: 3, unit: 'days', firstDue: addDays(today, -30) },
    ] as const;
    // created on both replicas, alternately, while both tick
    const ids: string[] = [];
    for (const [i, p] of plans.entries()) {
      const res = await replicas[i % 2].inject({ method: 'POST', url: '/api/pm-schedules', headers: { authorization: writer },
        payload: { assetId: asset.json().id, title: `PM ${i}`, trade: 'hvac', ...p } });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const horizon = addDays(today, 7);
    const expected = plans.map((p) => {
      const dates: string[] = [];
      for (let k = 0; occurrence({ anchorDate: p.firstDue, every: p.every, unit: p.unit }, k) <= horizon; k++) dates.push(occurrence({ anchorDate: p.firstDue, every: p.every, unit: p.unit }, k));
      return dates;
    });
    const total = expected.reduce((s, d) => s + d.length, 0);
    await waitFor(async () => Number((await ds.query('SELECT count(*)::int AS n FROM work_orders WHERE pm_schedule_id IS NOT NULL'))[0].n) >= total, { timeoutMs: 20_000, what: `${total} PM work orders` });
    // more ticks, and explicit runs on both replicas at once: nothing more may appear
    await Promise.all([a, b].map((app) => app.inject({ method: 'POST', url: '/api/pm-schedules/generate', headers: { authorization: writer } })));
    await new Promise((r) => setTimeout(r, 400));
    for (const [i, id] of ids.entries()) {
      const rows: { dueDate: string; n: number }[] = await ds.query(
        `SELECT due_date::text AS "dueDate", count(*)::int AS n FROM work_orders WHERE pm_schedule_id = $1 GROUP BY due_date ORDER BY due_date`, [id]);
      expect(rows.map((r) => r.dueDate)).toEqual(expected[i]);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    }
    expect(Number((await ds.query(`SELECT count(*)::int AS n FROM scheduled_job_runs WHERE job = 'pm-work-order'`))[0].n)).toBe(total);
    // each generated order is scheduled work due by the end of its due date, with its first history entry
    const [wo] = await ds.query(`SELECT priority, status, (SELECT count(*)::int FROM work_order_history h WHERE h.work_order_id = w.id) AS history FROM work_orders w WHERE pm_schedule_id = $1 LIMIT 1`, [ids[0]]);
    expect(wo).toEqual({ priority: 'scheduled', status: 'open', history: 1 });
    // the monthly aggregate counted each exactly once
    const [{ pm }] = await ds.query('SELECT sum(opened_pm)::int AS pm FROM facility_monthly');
    expect(pm).toBe(total);
  });
});
