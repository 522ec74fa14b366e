import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { NatsConnectionService, OutboxRelay } from '@district/messaging';
import { streamFor } from '@district/contracts';
import { SCALES, Scale } from '@district/seed-data';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { DistrictClock } from '../common/district-clock';
import { TransportationSeeder } from './transportation-seeder.service';

/** The demo's first day of operations (summer programmes, then the school year from September). */
const FROM = '2026-08-03';
const PROJECTION_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 2000;

/**
 * `npm run seed -- --scale demo|boston|large` (after enrollment's seeder has published the district): starts the
 * service's context, whose consumers bring enrollment's schools and students into the projection and decide their
 * eligibility; waits until the projection stops growing; then, when transportation has no fleet yet, seeds it.
 * The scale is enrollment's: the fleet and operations follow the projected students.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--scale');
  const scale = (i >= 0 ? args[i + 1] : 'demo') as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`usage: npm run seed -- --scale ${Object.keys(SCALES).join('|')}\n`);
    process.exit(2);
  }
  const logger = new JsonLogger(createPino('transportation-seed', process.env.LOG_LEVEL ?? 'warn'));
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  const log = new Logger('Seed');
  try {
    const seeder = app.get(TransportationSeeder);
    if (!(await seeder.isEmpty())) {
      process.stdout.write('transportation already has a fleet: nothing seeded\n');
      return;
    }
    await waitForProjection(app.get(DataSource), app.get(NatsConnectionService), log);
    const started = Date.now();
    const today = app.get(DistrictClock).today();
    const result = await seeder.seed({ from: FROM, today });
    await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    process.stdout.write(
      `seeded transportation (${scale}): ${result.vehicles} vehicles, ${result.runs} runs, ${result.stops} stops, ${result.assigned} stop assignments, ` +
        `${result.arrivals} arrivals and ${result.scans} scans from ${FROM} to ${today} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await app.close();
  }
}

/**
 * Polls until transportation's consumer of enrollment's stream has nothing pending or unacknowledged and the
 * projection (schools, students, eligibility) has stopped growing, with schools in it.
 */
async function waitForProjection(ds: DataSource, nats: NatsConnectionService, log: Logger): Promise<void> {
  const deadline = Date.now() + PROJECTION_TIMEOUT_MS;
  let last = '';
  let stable = 0;
  for (;;) {
    const [c] = await ds.query('SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM students)::int AS students, (SELECT count(*) FROM eligibility)::int AS eligibility');
    const now = `${c.schools}/${c.students}/${c.eligibility}`;
    const consumer = await nats.jetstreamManager.consumers.info(streamFor('enrollment').name, 'transportation').catch(() => undefined);
    const caughtUp = !!consumer && consumer.num_pending === 0 && consumer.num_ack_pending === 0;
    if (c.schools > 0 && now === last && caughtUp) {
      if (++stable >= 3) {
        log.log(`projection settled: ${c.schools} schools, ${c.students} students`);
        return;
      }
    } else stable = 0;
    last = now;
    if (Date.now() > deadline) {
      throw new Error(
        c.schools === 0
          ? "no schools reached transportation's projection: run enrollment's seeder first (npm run seed) and check NATS and the EVT_ENROLLMENT stream"
          : `the projection was still growing after ${PROJECTION_TIMEOUT_MS / 60_000} minutes (${now} schools/students/eligibility)`,
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
