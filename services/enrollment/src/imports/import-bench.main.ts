import 'reflect-metadata';
import { once } from 'node:events';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { OutboxRelay } from '@district/messaging';
import { ConfigError, createPino, JsonLogger } from '@district/service-kit';
import { AppModule } from '../app.module';
import { ImportRunner } from './import-runner.service';
import type { StoredUpload } from './upload-store';

/**
 * Benchmark of a district-scale OneRoster import: writes a bundle of STUDENTS students at SCHOOLS
 * schools (orgs with metadata.address/latitude/longitude, users with grades and coordinates, teachers
 * that are skipped, demographics with birth dates, one homeroom enrollment each) into a temp folder,
 * boots the enrollment service (DATABASE_URL, NATS_URL from the environment, as `npm run seed` does)
 * and runs the real import job on those files. Prints one JSON line: { students, seconds, peakRssMb, ... }
 * where seconds is the job (read, plan, apply in one transaction) and peakRssMb the largest RSS sampled
 * every 100 ms while it ran. Run it against a fresh database.
 */
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 50_000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 125);
const TEACHERS_PER_SCHOOL = 20;
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Grace', 'Hugo', 'Ines', 'Jamal', 'Kenji', 'Lena', 'Malik', 'Nora', 'Omar', 'Priya'];
const LAST = ['Silva', 'Okafor', 'Nguyen', 'Garcia', 'Smith', 'Haddad', 'Kim', 'Murphy', 'Rossi', 'Cohen', 'Diallo', 'Lopez', 'Chen', 'Walsh'];

/** Deterministic numbers in [0, 1). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Buffered lines to a file (a few hundred KB in memory at a time). */
class CsvWriter {
  private readonly out: WriteStream;
  private buffer: string[] = [];

  constructor(readonly path: string, header: string) {
    this.out = createWriteStream(path);
    this.buffer.push(header);
  }

  async line(text: string): Promise<void> {
    this.buffer.push(text);
    if (this.buffer.length >= 2000) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = `${this.buffer.join('\r\n')}\r\n`;
    this.buffer = [];
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.buffer.length) await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

async function writeBundle(dir: string): Promise<StoredUpload> {
  const rand = prng(2026);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const coordinate = (base: number) => (base + (rand() - 0.5) * 0.2).toFixed(5);

  const manifest = new CsvWriter(join(dir, 'manifest.csv'), 'propertyName,value');
  for (const line of ['manifest.version,1.0', 'oneroster.version,1.1', 'file.orgs,bulk', 'file.users,bulk', 'file.enrollments,bulk', 'file.demographics,bulk', 'file.classes,absent']) {
    await manifest.line(line);
  }
  await manifest.close();

  const orgs = new CsvWriter(join(dir, 'orgs.csv'), 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.address,metadata.latitude,metadata.longitude');
  await orgs.line('org-district,active,2026-08-01T12:00:00Z,Bench Public Schools,district,BPS,,,,');
  for (let i = 0; i < SCHOOLS; i++) {
    await orgs.line(`org-s${i},active,2026-08-01T12:00:00Z,Bench School ${i},school,B${1000 + i},org-district,"${i + 1} School St, Boston, MA",${coordinate(42.33)},${coordinate(-71.08)}`);
  }
  await orgs.close();

  const users = new CsvWriter(
    join(dir, 'users.csv'),
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.address,metadata.latitude,metadata.longitude',
  );
  const enrollments = new CsvWriter(join(dir, 'enrollments.csv'), 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate');
  const demographics = new CsvWriter(join(dir, 'demographics.csv'), 'sourcedId,status,dateLastModified,birthDate,sex');
  for (let t = 0; t < SCHOOLS * TEACHERS_PER_SCHOOL; t++) {
    const school = `org-s${t % SCHOOLS}`;
    await users.line(`tch-${t},active,2026-08-01T12:00:00Z,true,${school},teacher,teacher${t},,${pick(FIRST)},${pick(LAST)},,T${t},t${t}@bench.example,,,,,,,,`);
    await enrollments.line(`enr-t${t},active,2026-08-01T12:00:00Z,cls-${t},${school},tch-${t},teacher,true,2026-09-02,`);
  }
  for (let n = 0; n < STUDENTS; n++) {
    const school = `org-s${n % SCHOOLS}`;
    const g = Math.floor(rand() * GRADES.length);
    const birthYear = 2020 - g;
    const birth = `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const first = pick(FIRST);
    const last = pick(LAST);
    await users.line(
      `stu-${n},active,2026-08-01T12:00:00Z,true,${school},student,s${n},,${first},${last},,S${100_000 + n},,,,,${GRADES[g]},,"${n + 1} Home Ave, Boston, MA",${coordinate(42.33)},${coordinate(-71.08)}`,
    );
    await enrollments.line(`enr-${n},active,2026-08-01T12:00:00Z,cls-${school}-${GRADES[g]},${school},stu-${n},student,false,2026-09-02,`);
    await demographics.line(`stu-${n},active,2026-08-01T12:00:00Z,${birth},${rand() < 0.5 ? 'female' : 'male'}`);
  }
  await Promise.all([users.close(), enrollments.close(), demographics.close()]);

  const files = ['manifest.csv', 'orgs.csv', 'users.csv', 'enrollments.csv', 'demographics.csv'].map((name) => {
    const path = join(dir, name);
    return { name, path, bytes: statSync(path).size };
  });
  return { kind: 'files', dir, files, bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

/** A copy of the bundle in its own folder: a job removes its upload's folder when it ends. */
function copyOf(upload: StoredUpload & { kind: 'files' }, dir: string): StoredUpload {
  mkdirSync(dir);
  const files = upload.files.map((f) => {
    const path = join(dir, f.name);
    copyFileSync(f.path, path);
    return { ...f, path };
  });
  return { ...upload, dir, files };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  try {
    mkdirSync(join(dir, 'bundle'));
    const bundle = (await writeBundle(join(dir, 'bundle'))) as StoredUpload & { kind: 'files' };
    const upload = copyOf(bundle, join(dir, 'first'));
    const logger = new JsonLogger(createPino('enrollment-import-bench', process.env.LOG_LEVEL ?? 'warn'));
    const app = await NestFactory.createApplicationContext(AppModule, { logger });
    try {
      const rssMb = () => process.memoryUsage().rss / 2 ** 20;
      const baselineRssMb = rssMb();
      let peakRssMb = baselineRssMb;
      let peakHeapMb = 0;
      const sampler = setInterval(() => {
        peakRssMb = Math.max(peakRssMb, rssMb());
        peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
      }, 100);
      const started = performance.now();
      const outcome = await app.get(ImportRunner).runNow(upload, 'import-bench');
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peakRssMb = Math.max(peakRssMb, rssMb());
      if (outcome.status !== 'completed') throw new Error(`the import failed: ${outcome.error}`);
      // the events, published after the commit by the relay (not part of the import's time)
      const published = performance.now();
      await Promise.race([app.get(OutboxRelay).flush(), new Promise((r) => setTimeout(r, 120_000).unref())]);
      const publishSeconds = (performance.now() - published) / 1000;
      // the same bundle again: every student matched and unchanged, nothing written
      const again = performance.now();
      const second = await app.get(ImportRunner).runNow(copyOf(bundle, join(dir, 'second')), 'import-bench');
      const reimportSeconds = (performance.now() - again) / 1000;
      if (second.status !== 'completed' || second.counts!.students.unchanged !== STUDENTS) throw new Error(`the re-import did not find every student unchanged: ${JSON.stringify(second.counts?.students ?? second.error)}`);
      process.stdout.write(
        `${JSON.stringify({
          students: outcome.counts!.students.created + outcome.counts!.students.updated + outcome.counts!.students.unchanged,
          seconds: Number(seconds.toFixed(2)),
          peakRssMb: Math.round(peakRssMb),
          baselineRssMb: Math.round(baselineRssMb),
          peakHeapMb: Math.round(peakHeapMb),
          uploadMb: Number((upload.bytes / 2 ** 20).toFixed(1)),
          created: outcome.counts!.students.created,
          rejected: outcome.counts!.students.rejected,
          publishSeconds: Number(publishSeconds.toFixed(2)),
          reimportSeconds: Number(reimportSeconds.toFixed(2)),
        })}\n`,
      );
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
