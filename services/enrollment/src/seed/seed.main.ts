import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OutboxRelay } from '@district/messaging';
import { generateDistrict, readBostonSchoolsCsv, SCALES, Scale } from '@district/seed-data';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { ChoiceRoundSeeder } from './choice-round-seeder.service';
import { DistrictSeeder } from './district-seeder.service';

/**
 * `npm run seed -- --scale demo|boston|large`: loads the demo district (the real Boston school list with
 * deterministic synthetic students) into enrollment, through the outbox, when it has no students yet.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--scale');
  const scale = (i >= 0 ? args[i + 1] : 'demo') as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`usage: npm run seed -- --scale ${Object.keys(SCALES).join('|')}\n`);
    process.exit(2);
  }
  const logger = new JsonLogger(createPino('enrollment-seed', process.env.LOG_LEVEL ?? 'warn'));
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  const log = new Logger('Seed');
  try {
    const district = generateDistrict(readBostonSchoolsCsv(), scale);
    if (district.rejected.length) log.warn(`${district.rejected.length} school rows not used: ${district.rejected.map((r) => `line ${r.line}: ${r.reason}`).join('; ')}`);
    const started = Date.now();
    const result = await app.get(DistrictSeeder).seed(district.schools, district.students, '2026-09-02');
    // last spring's kindergarten lottery, so the school-choice KPIs have a round to report
    if (result.students) await app.get(ChoiceRoundSeeder).seed('2026-27', '2026-03-16T14:00:00Z');
    // publish now; whatever cannot be published (broker down) the enrollment service's sweeper publishes later
    await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    process.stdout.write(
      result.students
        ? `seeded ${result.schools} schools and ${result.students} students (${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
        : 'enrollment already has students: nothing seeded\n',
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
