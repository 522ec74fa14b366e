import { INestApplicationContext, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { streamFor } from '@district/contracts';
import { NatsConnectionService, OutboxRelay } from '@district/messaging';
import { ConfigError } from '../config';
import { createPino, JsonLogger } from '../observability/logger';

export interface SeedCommand {
  /** e.g. `food-seed`: the logger's service name */
  name: string;
  module: Type;
  /** the scales `--scale` accepts; the first is the default */
  scales: readonly string[];
  /** variables set before the context starts, e.g. turning the service's own timers off */
  env?: Record<string, string>;
}

/**
 * The body of every department's `seed.main.ts` (`--scale demo|boston|large`): starts the service's context
 * (its consumers bring enrollment's district into its projection), runs `seed`, publishes what the seed wrote
 * to the outbox, prints the line `seed` returns and exits non-zero with a clear message on failure.
 */
export function runSeedCommand(cmd: SeedCommand, seed: (app: INestApplicationContext, scale: string, log: Logger) => Promise<string>): void {
  const main = async () => {
    const args = process.argv.slice(2);
    const i = args.indexOf('--scale');
    const scale = i >= 0 ? args[i + 1] : cmd.scales[0];
    if (!cmd.scales.includes(scale)) {
      process.stderr.write(`usage: npm run seed -- --scale ${cmd.scales.join('|')}\n`);
      process.exit(2);
    }
    Object.assign(process.env, cmd.env ?? {});
    const logger = new JsonLogger(createPino(cmd.name, process.env.LOG_LEVEL ?? 'warn'));
    const app = await NestFactory.createApplicationContext(cmd.module, { logger });
    try {
      const started = Date.now();
      const line = await seed(app, scale, new Logger('Seed'));
      // publish now; what cannot be published (broker down) the service's sweeper publishes later
      await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 30_000).unref())]);
      process.stdout.write(`${line} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } finally {
      await app.close();
    }
  };
  main().catch((err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}

/**
 * Waits until this service's projection of enrollment holds the district: its durable consumer of enrollment's
 * stream has nothing pending or unacknowledged, `countsSql` (one row of counts, the first one schools) is above
 * zero and has not changed for `stableMs`. Returns the counts.
 */
export async function waitForEnrollmentProjection(
  app: INestApplicationContext,
  opts: { consumer: string; countsSql: string; timeoutMs: number; stableMs?: number },
): Promise<Record<string, number>> {
  const ds = app.get(DataSource);
  const nats = app.get(NatsConnectionService);
  const stableMs = opts.stableMs ?? 2000;
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const [counts]: Record<string, number>[] = await ds.query(opts.countsSql);
    const info = await nats.jetstreamManager.consumers.info(streamFor('enrollment').name, opts.consumer).catch(() => undefined);
    const pending = info ? info.num_pending + info.num_ack_pending : 1;
    const now = JSON.stringify(counts);
    if (now !== last) (last = now), (since = Date.now());
    const first = Number(Object.values(counts)[0]);
    if (first > 0 && pending === 0 && Date.now() - since >= stableMs) return counts;
    if (Date.now() > deadline) {
      throw new Error(
        first === 0
          ? `no schools reached ${opts.consumer}'s projection: seed enrollment first (npm run seed), and check NATS and the EVT_ENROLLMENT stream`
          : `${opts.consumer}'s projection was still incomplete after ${opts.timeoutMs / 1000} s (${now}, ${pending} events pending)`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
