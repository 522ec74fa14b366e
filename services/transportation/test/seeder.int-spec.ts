import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { BriefReply, DepartmentKpisReply, EnrollmentEvents, TRANSPORTATION_KPIS } from '@district/contracts';
import { createTestDatabase, startNats, startService, stopService, TestNats } from '@district/testing';
import { AppModule } from '../src/app.module';
import { TransportationSeeder } from '../src/seed/transportation-seeder.service';
import { CONSUMER_ENV, ask, north, ORIGIN, publish, schoolSnap, settled, studentSnap } from './support';

/**
 * The demo seeder on a small projected district (three schools, their students from enrollment's events):
 * every KPI of the catalogue has a value for September, October and November 2026, and the brief of
 * 2026-11-23 has items.
 */
describe('transportation demo seeder', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let db: { drop(): Promise<void>; url: string };

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('transportation_seed');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, ...CONSUMER_ENV });
    nc = await connect({ servers: nats.url });
    for (let s = 0; s < 3; s++) {
      const at = { latitude: ORIGIN.latitude + s * 0.05, longitude: ORIGIN.longitude - s * 0.04 };
      const school = schoolSnap({ code: `SEED${s}`, ...at });
      await publish(nc, EnrollmentEvents.SchoolUpserted, { school });
      for (let i = 0; i < 40; i++) {
        // homes 1.2 to 2.4 miles out in every direction: K-5 riders
        const miles = 1.2 + (i % 7) * 0.2;
        const angle = (i * 2 * Math.PI) / 40;
        const home = { latitude: at.latitude + (miles * Math.cos(angle)) / 69.055, longitude: at.longitude + (miles * Math.sin(angle)) / 51.1 };
        const student = studentSnap(school.id, home, { localId: `S${s}-${String(i).padStart(3, '0')}` });
        await publish(nc, EnrollmentEvents.StudentEnrolled, { student, enrollmentId: student.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
      }
      // and a few walkers
      for (let i = 0; i < 5; i++) {
        const student = studentSnap(school.id, north(0.3, at), { localId: `W${s}-${i}` });
        await publish(nc, EnrollmentEvents.StudentEnrolled, { student, enrollmentId: student.enrollmentId!, schoolId: school.id, entryDate: '2026-09-03' });
      }
    }
    await settled(nc);
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  it('fills every KPI for 2026-09..2026-11 and the brief of 2026-11-23, once', async () => {
    const seeder = app.get(TransportationSeeder);
    const result = await seeder.seed({ from: '2026-08-03', today: '2026-11-23' });
    expect(result).toMatchObject({ seeded: true, vehicles: expect.any(Number), runs: expect.any(Number) });
    expect(result.vehicles).toBeGreaterThanOrEqual(2); // 120 riders ÷ 60 per bus, plus a spare
    expect(result.assigned).toBeGreaterThan(120);
    expect(result.scans).toBeGreaterThan(10_000);

    const kpis = await ask<DepartmentKpisReply>(nc, 'transportation.kpis.get', { from: '2026-09', to: '2026-11', bySchool: true });
    for (const { period, values } of kpis.periods) {
      for (const k of TRANSPORTATION_KPIS) expect({ period, kpi: k.id, value: values[k.id] }).toEqual({ period, kpi: k.id, value: expect.any(Number) });
    }
    const onTime = kpis.periods.map((p) => p.values['transportation.on-time-performance']!);
    for (const v of onTime) expect(v).toBeGreaterThan(70);
    expect(kpis.schools!.filter((s) => s.period === '2026-11')).toHaveLength(3);

    const brief = await ask<BriefReply>(nc, 'transportation.brief.get', { date: '2026-11-23' });
    expect(brief.items.some((i) => i.kind === 'runs.cancelled')).toBe(true);
    expect(brief.items.every((i) => i.schoolId)).toBe(true);

    expect((await seeder.seed({ from: '2026-08-03', today: '2026-11-23' })).seeded).toBe(false);
    const [{ n }] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'evt.transportation.stop.assigned.v1'`);
    expect(n).toBe(result.assigned);
  }, 120_000);
});
