import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { OutboxRelay } from '@district/messaging';
import { SCALES, Scale } from '@district/seed-data';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { LaborDemoSeeder } from './labor-seeder.service';

/** The demo's "today": the seeded history runs from August 2026 up to it. */
const DEMO_TODAY = '2026-11-23';
/** Grievances filed August to November 2026, by scale (a district of about 7,400 represented employees files some 35 a month). */
const GRIEVANCES: Record<Scale, number> = { demo: 140, boston: 140, large: 420 };

/**
 * `npm run seed -- --scale demo|boston|large`, after enrollment's seeder: brings enrollment's schools in
 * through the event consumer, waits for them, then loads the demo's labor relations if there are none.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--scale');
  const scale = (i >= 0 ? args[i + 1] : 'demo') as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`usage: npm run seed -- --scale ${Object.keys(SCALES).join('|')}\n`);
    process.exit(2);
  }
  // this process only seeds: the daily jobs belong to the running service
  process.env.LABOR_JOB_INTERVAL_MS = '0';
  const logger = new JsonLogger(createPino('labor-relations-seed', process.env.LOG_LEVEL ?? 'warn'));
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  try {
    const seeder = app.get(LaborDemoSeeder);
    if (!(await seeder.isEmpty())) {
      process.stdout.write('labor relations already has bargaining units: nothing seeded\n');
      return;
    }
    const started = Date.now();
    const schools = await seeder.waitForSchools({ timeoutMs: 120_000 });
    const result = await seeder.seed({ today: DEMO_TODAY, grievances: GRIEVANCES[scale] });
    await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    process.stdout.write(
      `seeded ${result.units} bargaining units, ${result.contracts} contracts and ${result.grievances} grievances at ${schools} schools (${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
