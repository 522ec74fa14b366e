import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEnvelope, EnrollmentEvents, EventDefinition, FOOD_KPIS } from '@district/contracts';
import { generateDistrict, readBostonSchoolsCsv } from '@district/seed-data';
import { createTestDatabase, startNats, startService, stopService, TestNats } from '@district/testing';
import { waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule as FoodApp } from '../src/app.module';
import { DEMO_SEED, FoodSeeder } from '../src/seed/food-seeder.service';

/**
 * The demo seed on a small district (five real Boston schools of the demo generator, published as
 * enrollment's seeder publishes them):
 * food's seeder waits for its projection, then fills eligibility, CEP, meals and costs so that every KPI
 * has a value for 2026-09, 2026-10 and 2026-11 and the brief has an item for 2026-11-23.
 */
describe('food demo seed', () => {
  let nats: TestNats;
  let food: NestFastifyApplication;
  let nc: NatsConnection;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const f = await createTestDatabase('food_seed');
    dbs.push(f);
    food = await startService(FoodApp, { DATABASE_URL: f.url, NATS_URL: nats.url });
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(food);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const rpc = async (subject: string, data: unknown) => {
    const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 10_000 });
    return JSON.parse(new TextDecoder().decode(reply.data)).response;
  };

  it('fills every KPI for 2026-09..2026-11 and the brief for 2026-11-23, once', async () => {
    const district = generateDistrict(readBostonSchoolsCsv(), 'demo');
    const schools = district.schools.filter((s) => s.grades.length >= 9).slice(0, 5);
    const codes = new Set(schools.map((s) => s.code));
    const students = district.students.filter((s) => codes.has(s.schoolCode));
    const schoolIds = new Map(schools.map((s) => [s.code, randomUUID()]));
    const studentIds = new Map(students.map((s) => [s.localId, randomUUID()]));
    const js = nc.jetstream();
    const publish = async <T>(def: EventDefinition<T>, data: T) => {
      const e = createEnvelope(def, data, { source: 'enrollment' });
      await js.publish(def.subject, JSON.stringify(e), { msgID: e.id });
    };
    for (const s of schools) await publish(EnrollmentEvents.SchoolUpserted, { school: { ...s, id: schoolIds.get(s.code)!, version: 1 } });
    for (const s of students) {
      const schoolId = schoolIds.get(s.schoolCode)!;
      const enrollmentId = randomUUID();
      const student = {
        id: studentIds.get(s.localId)!, localId: s.localId, firstName: s.firstName, lastName: s.lastName, grade: s.grade, address: s.address, latitude: s.latitude, longitude: s.longitude,
        flags: s.flags, siblingIds: s.siblingLocalIds.map((l) => studentIds.get(l)!).filter(Boolean), status: 'enrolled' as const, schoolId, enrollmentId, version: 2,
      };
      await publish(EnrollmentEvents.StudentEnrolled, { student, enrollmentId, schoolId, entryDate: '2026-09-02' });
    }

    const seeder = food.get(FoodSeeder);
    const projected = await waitForEnrollmentProjection(food, { consumer: 'food', countsSql: 'SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students', timeoutMs: 60_000, stableMs: 500 });
    expect(projected.schools).toBe(5);
    expect(await seeder.isEmpty()).toBe(true);
    const result = await seeder.seed(DEMO_SEED);
    expect(result.transactions).toBeGreaterThan(10_000);
    expect(result.cepSchools).toBeGreaterThan(0);
    expect(await seeder.isEmpty()).toBe(false);

    const kpis = await rpc('food.kpis.get', { from: '2026-09', to: '2026-11', bySchool: true });
    for (const p of kpis.periods) {
      for (const k of FOOD_KPIS) expect({ period: p.period, kpi: k.id, value: p.values[k.id] }).toEqual({ period: p.period, kpi: k.id, value: expect.any(Number) });
    }
    const lunch = kpis.periods.map((p: { values: Record<string, number> }) => p.values['food.lunch-participation']);
    for (const v of lunch) expect(v).toBeGreaterThan(45);
    for (const v of lunch) expect(v).toBeLessThan(85);
    const dc = kpis.periods[1].values['food.directly-certified-percent'];
    expect(dc).toBeGreaterThan(10);

    const brief = await rpc('food.brief.get', { date: '2026-11-23' });
    expect(brief.items.length).toBeGreaterThan(0);
    const ds = food.get(DataSource);
    const [{ months }] = await ds.query(`SELECT count(DISTINCT month)::int AS months FROM school_month_costs`);
    expect(months).toBe(3);
  });
});
