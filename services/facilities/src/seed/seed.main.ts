import 'reflect-metadata';
import { SCALES } from '@district/seed-data';
import { runSeedCommand, waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../app.module';
import { DEMO_SEED, FacilitiesSeeder } from './facilities-seeder.service';

/**
 * `npm run seed -- --scale demo|boston|large` (after enrollment's seed): once enrollment's schools are in the
 * projection, and only when facilities is empty, loads the demo facilities data. Buildings follow the schools,
 * which are the same at every scale.
 */
runSeedCommand({ name: 'facilities-seed', module: AppModule, scales: Object.keys(SCALES) }, async (app, scale) => {
  const seeder = app.get(FacilitiesSeeder);
  if (!(await seeder.isEmpty())) return 'facilities has data already: nothing seeded';
  await waitForEnrollmentProjection(app, { consumer: 'facilities', countsSql: 'SELECT count(*)::int AS schools FROM schools', timeoutMs: 180_000 });
  const result = await seeder.seed(DEMO_SEED);
  return `seeded ${result.buildings} buildings and ${result.workOrders} work orders (${scale})`;
});
