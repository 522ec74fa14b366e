import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { OutboxRelay } from '@district/messaging';
import { SCALES, Scale } from '@district/seed-data';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { DEMO_SEED, FoodSeeder } from './food-seeder.service';

/**
 * `npm run seed -- --scale demo|boston|large` (after enrollment's seed): the app context's consumers bring
 * the district's schools and students into food's projection; once it holds them, and only if food has
 * no data of its own yet, the demo eligibility, CEP, meals and costs are written.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--scale');
  const scale = (i >= 0 ? args[i + 1] : 'demo') as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`usage: npm run seed -- --scale ${Object.keys(SCALES).join('|')}\n`);
    process.exit(2);
  }
  const logger = new JsonLogger(createPino('food-seed', process.env.LOG_LEVEL ?? 'warn'));
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  try {
    const seeder = app.get(FoodSeeder);
    const started = Date.now();
    const timeoutMs = scale === 'demo' ? 180_000 : 900_000;
    const projected = await seeder.waitForProjection(timeoutMs);
    if (!(await seeder.isEmpty())) {
      process.stdout.write('food already has data: nothing seeded\n');
      return;
    }
    const r = await seeder.seed(DEMO_SEED);
    await Promise.race([app.get(OutboxRelay).flush(), new Promise((res) => setTimeout(res, 30_000).unref())]);
    process.stdout.write(
      `seeded food for ${projected.schools} schools and ${projected.students} students (${scale}): ${r.certified} directly certified (+${r.extended} by household), ` +
        `${r.applications} applications, ${r.cepSchools} CEP schools, ${r.transactions} meal transactions in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
