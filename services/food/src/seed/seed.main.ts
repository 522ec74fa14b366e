import 'reflect-metadata';
import { SCALES } from '@district/seed-data';
import { runSeedCommand, waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../app.module';
import { DEMO_SEED, FoodSeeder } from './food-seeder.service';

/**
 * `npm run seed -- --scale demo|boston|large` (after enrollment's seed): once the district's schools and students
 * are in food's projection, and only if food has no data of its own yet, writes the demo eligibility, CEP, meals
 * and costs.
 */
runSeedCommand({ name: 'food-seed', module: AppModule, scales: Object.keys(SCALES) }, async (app, scale) => {
  const seeder = app.get(FoodSeeder);
  const projected = await waitForEnrollmentProjection(app, {
    consumer: 'food',
    countsSql: 'SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students',
    timeoutMs: scale === 'demo' ? 180_000 : 900_000,
  });
  if (!(await seeder.isEmpty())) return 'food already has data: nothing seeded';
  const r = await seeder.seed(DEMO_SEED);
  return (
    `seeded food for ${projected.schools} schools and ${projected.students} students (${scale}): ${r.certified} directly certified (+${r.extended} by household), ` +
    `${r.applications} applications, ${r.cepSchools} CEP schools, ${r.transactions} meal transactions`
  );
});
