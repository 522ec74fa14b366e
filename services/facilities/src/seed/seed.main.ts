import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OutboxRelay } from '@district/messaging';
import { SCALES, Scale } from '@district/seed-data';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { DEMO_SEED, FacilitiesSeeder } from './facilities-seeder.service';

/**
 * `npm run seed -- --scale demo|boston|large` (after enrollment's seed): waits for enrollment's schools to
 * reach the projection, then, when facilities is empty, loads the demo facilities data. The scale does not
 * change facilities data: buildings follow the schools, which are the same at every scale.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--scale');
  const scale = (i >= 0 ? args[i + 1] : 'demo') as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`usage: npm run seed -- --scale ${Object.keys(SCALES).join('|')}\n`);
    process.exit(2);
  }
  const logger = new JsonLogger(createPino('facilities-seed', process.env.LOG_LEVEL ?? 'warn'));
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  const log = new Logger('Seed');
  try {
    const seeder = app.get(FacilitiesSeeder);
    if (!(await seeder.isEmpty())) {
      process.stdout.write('facilities has data already: nothing seeded\n');
      return;
    }
    const started = Date.now();
    const schools = await seeder.waitForSchools(Number(process.env.SEED_WAIT_MS ?? 180_000));
    log.log(`${schools} schools projected from enrollment's events`);
    const result = await seeder.seed(DEMO_SEED);
    await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    process.stdout.write(`seeded ${result.buildings} buildings and ${result.workOrders} work orders (${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
