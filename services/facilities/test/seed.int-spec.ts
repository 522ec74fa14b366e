import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { BriefReply, DepartmentKpisReply, DepartmentQueries, FACILITIES_KPIS } from '@district/contracts';
import { AppProcess, bearer, createTestDatabase, startAppProcess, startNats, startService, stopService, TestNats } from '@district/testing';
import { waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../src/app.module';
import { DEMO_SEED, FacilitiesSeeder } from '../src/seed/facilities-seeder.service';
import { rpc } from './helpers';

/**
 * The demo seeder on schools that come from the real enrollment service through JetStream: every KPI of the
 * catalogue has a value for 2026-09..2026-11, and the brief of 2026-11-23 has closures and emergencies.
 */
describe('facilities demo seed', () => {
  let nats: TestNats;
  let enrollment: AppProcess;
  let facilities: NestFastifyApplication;
  let nc: NatsConnection;
  const dbs: { drop(): Promise<void>; url: string }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('seed_enrollment');
    const f = await createTestDatabase('seed_facilities');
    dbs.push(e, f);
    // the real enrollment service, as its own process (a service never imports another)
    enrollment = await startAppProcess('enrollment', 'services/enrollment/src/main.ts', { DATABASE_URL: e.url, NATS_URL: nats.url });
    facilities = await startService(AppModule, { DATABASE_URL: f.url, NATS_URL: nats.url, PM_TICK_MS: '600000' });
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(facilities);
    await enrollment?.stop();
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  it('fills every KPI for each month and the brief of the demo day', async () => {
    const writer = bearer(['enrollment:write']);
    const schools = [
      { code: 'S1', name: 'Guild Elementary', grades: ['PK', 'K', '1', '2', '3', '4', '5'] },
      { code: 'S2', name: 'Edwards Middle', grades: ['6', '7', '8'] },
      { code: 'S3', name: 'East Boston High', grades: ['9', '10', '11', '12'] },
    ];
    for (const s of schools) {
      const res = await fetch(`${enrollment.url}/api/schools`, {
        method: 'POST', headers: { authorization: writer, 'content-type': 'application/json' },
        body: JSON.stringify({ ...s, address: '1 City Hall Sq, Boston, MA', latitude: 42.36, longitude: -71.06 }),
      });
      expect(res.status).toBe(201);
    }
    const seeder = facilities.get(FacilitiesSeeder);
    expect(await waitForEnrollmentProjection(facilities, { consumer: 'facilities', countsSql: 'SELECT count(*)::int AS schools FROM schools', timeoutMs: 30_000, stableMs: 500 })).toEqual({ schools: 3 });
    const result = await seeder.seed(DEMO_SEED, new Date('2026-11-23T17:00:00Z'));
    expect(result.buildings).toBe(3);
    expect(result.workOrders).toBeGreaterThan(100);
    expect(await seeder.seed(DEMO_SEED)).toEqual({ buildings: 0, workOrders: 0 }); // only when empty

    const ds = facilities.get(DataSource);
    const [b] = await ds.query(`SELECT count(*)::int AS n, min(square_feet) AS min FROM buildings WHERE source LIKE 'seed:sampled:baltimore-bldg-%'`);
    expect(b.n).toBe(3);
    expect(b.min).toBeGreaterThanOrEqual(18_780);

    const kpis = (await rpc<DepartmentKpisReply>(nc, DepartmentQueries.kpis('facilities'), { from: '2026-09', to: '2026-11', bySchool: true })).response!;
    for (const { period, values } of kpis.periods) {
      for (const k of FACILITIES_KPIS) expect({ period, id: k.id, value: values[k.id] }).toEqual({ period, id: k.id, value: expect.any(Number) });
    }
    expect(kpis.schools!.length).toBe(9);
    const nov = kpis.periods[2].values;
    expect(nov['facilities.work-orders-within-target']).toBeGreaterThan(40);
    expect(nov['facilities.work-orders-within-target']).toBeLessThan(100);
    expect(nov['facilities.preventive-share']).toBeGreaterThan(5);

    const brief = (await rpc<BriefReply>(nc, DepartmentQueries.brief('facilities'), { date: '2026-11-23' })).response!;
    const kinds = brief.items.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['closure.emergency', 'closure.planned', 'work-order.emergency-open', 'work-order.overdue']));
    expect(brief.items.filter((i) => i.kind.startsWith('closure.')).every((i) => i.schoolId)).toBe(true);
    // the closures went out as events through the outbox
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'evt.facilities.building.closed.v1'`);
    expect(n).toBe(2);
  });
});
