import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { NatsConnectionService, OutboxRelay } from '@district/messaging';
import { SCALES, Scale } from '@district/seed-data';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { TechnologySeeder } from './technology-seeder.service';

const PROJECTION_TIMEOUT_MS = Number(process.env.SEED_PROJECTION_TIMEOUT_MS ?? 300_000);

/**
 * Waits until technology's projection of enrollment holds the district: enrollment's events consumed
 * (the durable consumer has nothing pending) and the school and student counts no longer growing.
 */
export async function waitForProjection(ds: DataSource, nats: NatsConnectionService | undefined, timeoutMs: number): Promise<{ schools: number; students: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = 0;
  for (;;) {
    const [{ schools, students }] = await ds.query('SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students');
    let pending = 0;
    try {
      const info = await nats?.jetstreamManager.consumers.info('EVT_ENROLLMENT', 'technology');
      pending = (info?.num_pending ?? 0) + (info?.num_ack_pending ?? 0);
    } catch {
      pending = 1; // the consumer is not there yet
    }
    const now = `${schools}/${students}`;
    if (now !== last) (last = now, (stableSince = Date.now()));
    if (schools > 0 && pending === 0 && Date.now() - stableSince >= 2000) return { schools, students };
    if (Date.now() > deadline) {
      throw new Error(
        `technology's projection of enrollment is not complete after ${timeoutMs / 1000} s (${schools} schools, ${students} students, ${pending} events pending). ` +
          'Seed enrollment first (npm run seed), and check that NATS is running and the EVT_ENROLLMENT stream holds its events.',
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `--scale demo|boston|large`: technology's demo data, once enrollment's seed has published the district. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--scale');
  const scale = (i >= 0 ? args[i + 1] : 'demo') as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`usage: seed.main.ts --scale ${Object.keys(SCALES).join('|')}\n`);
    process.exit(2);
  }
  const logger = new JsonLogger(createPino('technology-seed', process.env.LOG_LEVEL ?? 'warn'));
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  const log = new Logger('Seed');
  try {
    const seeder = app.get(TechnologySeeder);
    if (!(await seeder.isEmpty())) {
      process.stdout.write('technology already has data: nothing seeded\n');
      return;
    }
    const started = Date.now();
    const projected = await waitForProjection(app.get(DataSource), app.get(NatsConnectionService), PROJECTION_TIMEOUT_MS);
    log.log(`projection ready: ${projected.schools} schools, ${projected.students} students`);
    const result = await seeder.seed();
    await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    process.stdout.write(
      result
        ? `technology: ${result.devices} devices (${result.assigned} given out, ${result.queued} students queued), ${result.tickets} tickets, ${result.repairs} repairs, ${result.losses} losses at ${result.schools} schools (${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
        : 'technology already has data: nothing seeded\n',
    );
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  });
}
