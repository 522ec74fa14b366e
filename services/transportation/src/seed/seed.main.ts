import 'reflect-metadata';
import { SCALES } from '@district/seed-data';
import { runSeedCommand, waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../app.module';
import { TransportationClock } from '../common/district-clock';
import { TransportationSeeder } from './transportation-seeder.service';

/** The demo's first day of operations (summer programmes, then the school year from September). */
const FROM = '2026-08-03';

/**
 * `npm run seed -- --scale demo|boston|large` (after enrollment's seeder has published the district): once the
 * projection (schools, students and their eligibility) has settled, and only when transportation has no fleet yet,
 * seeds the fleet, runs, stops and operations. The scale is enrollment's: the fleet follows the projected students.
 */
runSeedCommand({ name: 'transportation-seed', module: AppModule, scales: Object.keys(SCALES) }, async (app, scale) => {
  const seeder = app.get(TransportationSeeder);
  if (!(await seeder.isEmpty())) return 'transportation already has a fleet: nothing seeded';
  await waitForEnrollmentProjection(app, {
    consumer: 'transportation',
    countsSql: 'SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students, (SELECT count(*) FROM eligibility)::int AS eligibility',
    timeoutMs: 10 * 60_000,
  });
  const today = app.get(TransportationClock).today();
  const r = await seeder.seed({ from: FROM, today });
  return `seeded transportation (${scale}): ${r.vehicles} vehicles, ${r.runs} runs, ${r.stops} stops, ${r.assigned} stop assignments, ${r.arrivals} arrivals and ${r.scans} scans from ${FROM} to ${today}`;
});
