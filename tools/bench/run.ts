import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, startAppProcess, startNats, startPostgres, waitFor } from '@district/testing';
import { rawJetStreamSeconds } from './raw-jetstream';

/**
 * `npm run bench [-- --scale demo|boston]`: measures the platform on fresh databases and a private NATS,
 * each figure beside a baseline measured in the same run (the machine is shared and noisy: read ratios).
 * Writes bench/results/<timestamp>.json and .md and prints the table.
 *
 * - School choice: a 50,000-applicant, 10-choice, 125-school round (tiers, lottery, deferred acceptance,
 *   waitlists), median of 3, against sorting every (applicant, choice) key once.
 * - Event propagation: the district seeded through enrollment's outbox until transportation has applied
 *   every student.enrolled event, against raw JetStream publish-and-consume of as many same-size messages.
 * - Roster import: a 50,000-student OneRoster bundle through the real import job, time and peak memory.
 */
interface Row {
  work: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

async function count(url: string, sql: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scale = args.includes('--scale') ? args[args.indexOf('--scale') + 1] : 'boston';
  const { execFileSync } = await import('node:child_process');
  const choice = JSON.parse(
    execFileSync(process.execPath, ['-r', path.join(ROOT, 'tools/register.js'), path.join(ROOT, 'services/enrollment/src/choice/choice-bench.main.ts')]).toString(),
  ) as { applicants: number; schools: number; choices: number; seconds: number; floorSeconds: number };
  const choiceRow: Row = {
    work: `school choice: ${choice.applicants} applicants × ${choice.choices} choices, ${choice.schools} schools (median of 3)`,
    figure: `${choice.seconds.toFixed(2)} s`,
    baseline: `sorting ${choice.applicants * choice.choices} keys once: ${choice.floorSeconds.toFixed(3)} s`,
    ratio: `${(choice.seconds / choice.floorSeconds).toFixed(0)}× the sort`,
    target: `under 3 s: ${choice.seconds < 3 ? 'met' : 'not met'}`,
  };

  const pg = await startPostgres();
  process.env.TEST_DATABASE_URL = pg.url;
  const nats = await startNats({ requirePrivate: true });
  const rows: Row[] = [choiceRow];
  const dbs: { drop(): Promise<void> }[] = [];
  try {
    const e = await createTestDatabase('bench_enrollment');
    const t = await createTestDatabase('bench_transportation');
    dbs.push(e, t);
    const env = { NATS_URL: nats.url, LOG_LEVEL: 'error' };
    const transportation = await startAppProcess('transportation', 'services/transportation/src/main.ts', { ...env, DATABASE_URL: t.url });
    const enrollment = await startAppProcess('enrollment', 'services/enrollment/src/main.ts', { ...env, DATABASE_URL: e.url });

    process.stdout.write(`seeding the ${scale} district...\n`);
    const started = performance.now();
    execFileSync(process.execPath, ['-r', path.join(ROOT, 'tools/register.js'), path.join(ROOT, 'services/enrollment/src/seed/seed.main.ts'), '--scale', scale], {
      env: { ...process.env, ...env, DATABASE_URL: e.url },
      stdio: 'inherit',
    });
    const students = await count(e.url, `SELECT count(*) AS n FROM students`);
    await waitFor(async () => (await count(t.url, `SELECT count(*) AS n FROM inbox WHERE type = 'enrollment.student.enrolled'`)) === students, {
      timeoutMs: 15 * 60_000,
      intervalMs: 500,
      what: 'transportation to apply every enrollment',
    });
    const propagation = (performance.now() - started) / 1000;
    const avgSize = await count(e.url, `SELECT avg(length(envelope::text))::int AS n FROM outbox`);
    const raw = await rawJetStreamSeconds(nats.url, students, avgSize);
    const rate = students / propagation;
    const rawRate = students / raw;
    rows.push({
      work: `event propagation: ${students} enrollments seeded until transportation applied them`,
      figure: `${propagation.toFixed(1)} s (${Math.round(rate)} events/s)`,
      baseline: `raw JetStream publish + consume, ${avgSize} B: ${raw.toFixed(1)} s (${Math.round(rawRate)}/s)`,
      ratio: `${((rate / rawRate) * 100).toFixed(0)}% of raw`,
      target: `within 60 s and ≥ 30% of raw: ${propagation <= 60 && rate / rawRate >= 0.3 ? 'met' : 'not met'}`,
    });
    await Promise.all([enrollment.stop(), transportation.stop()]);

    process.stdout.write('importing a 50,000-student OneRoster bundle...\n');
    const importDb = await createTestDatabase('bench_import');
    dbs.push(importDb);
    const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'tools/register.js'), path.join(ROOT, 'services/enrollment/src/imports/import-bench.main.ts')], {
      env: { ...process.env, ...env, DATABASE_URL: importDb.url },
    }).toString();
    const imp = JSON.parse(out.trim().split('\n').pop()!) as { students: number; seconds: number; peakRssMb: number; baselineRssMb: number; uploadMb: number; reimportSeconds: number };
    rows.push({
      work: `roster import: ${imp.students} students, ${imp.uploadMb} MB OneRoster bundle, one transaction`,
      figure: `${imp.seconds.toFixed(1)} s, peak RSS ${imp.peakRssMb} MB (${imp.baselineRssMb} MB before)`,
      baseline: `the same bundle again, read and matched, nothing to write: ${imp.reimportSeconds.toFixed(1)} s`,
      ratio: `${(imp.seconds / imp.reimportSeconds).toFixed(1)}× the re-read`,
      target: `under 60 s: ${imp.seconds < 60 ? 'met' : 'not met'}`,
    });
  } finally {
    await nats.stop();
    for (const db of dbs) await db.drop().catch(() => undefined);
    await pg.stop();
  }

  const table = ['| work | figure | baseline (same run) | ratio | target |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.work} | ${r.figure} | ${r.baseline} | ${r.ratio} | ${r.target} |`)].join('\n');
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(dir, `${stamp}.json`), JSON.stringify({ scale, at: new Date().toISOString(), rows }, null, 2));
  writeFileSync(path.join(dir, `${stamp}.md`), `${table}\n`);
  process.stdout.write(`\n${table}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
