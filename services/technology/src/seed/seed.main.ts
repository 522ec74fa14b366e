import 'reflect-metadata';
import { SCALES } from '@district/seed-data';
import { runSeedCommand, waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../app.module';
import { TechnologySeeder } from './technology-seeder.service';

/** `--scale demo|boston|large`: technology's demo data, once enrollment's seed has published the district. */
runSeedCommand({ name: 'technology-seed', module: AppModule, scales: Object.keys(SCALES) }, async (app, scale) => {
  const seeder = app.get(TechnologySeeder);
  if (!(await seeder.isEmpty())) return 'technology already has data: nothing seeded';
  await waitForEnrollmentProjection(app, {
    consumer: 'technology',
    countsSql: 'SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students',
    timeoutMs: Number(process.env.SEED_PROJECTION_TIMEOUT_MS ?? 300_000),
  });
  const result = await seeder.seed();
  return result
    ? `technology: ${result.devices} devices (${result.assigned} given out, ${result.queued} students queued), ${result.tickets} tickets, ${result.repairs} repairs, ${result.losses} losses at ${result.schools} schools (${scale})`
    : 'technology already has data: nothing seeded';
});
