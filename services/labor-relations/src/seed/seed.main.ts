import 'reflect-metadata';
import { Scale, SCALES } from '@district/seed-data';
import { runSeedCommand, waitForEnrollmentProjection } from '@district/service-kit';
import { AppModule } from '../app.module';
import { LaborDemoSeeder } from './labor-seeder.service';

/** The demo's "today": the seeded history runs from August 2026 up to it. */
const DEMO_TODAY = '2026-11-23';
/** Grievances filed August to November 2026, by scale (a district of about 7,400 represented employees files some 35 a month). */
const GRIEVANCES: Record<Scale, number> = { demo: 140, boston: 140, large: 420 };

/**
 * `npm run seed -- --scale demo|boston|large`, after enrollment's seeder: once enrollment's schools are in the
 * projection, loads the demo's labor relations if there are none. The daily jobs belong to the running service,
 * not to this process.
 */
runSeedCommand({ name: 'labor-relations-seed', module: AppModule, scales: Object.keys(SCALES), env: { LABOR_JOB_INTERVAL_MS: '0' } }, async (app, scale) => {
  const seeder = app.get(LaborDemoSeeder);
  if (!(await seeder.isEmpty())) return 'labor relations already has bargaining units: nothing seeded';
  const { schools } = await waitForEnrollmentProjection(app, { consumer: 'labor-relations', countsSql: 'SELECT count(*)::int AS schools FROM schools', timeoutMs: 120_000 });
  const result = await seeder.seed({ today: DEMO_TODAY, grievances: GRIEVANCES[scale as Scale] });
  return `seeded ${result.units} bargaining units, ${result.contracts} contracts and ${result.grievances} grievances at ${schools} schools (${scale})`;
});
