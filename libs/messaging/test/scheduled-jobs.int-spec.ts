import { Injectable, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { ScheduledJobs, ScheduledJobTables1763900000001, MessagingTables1763900000000 } from '../src';
import { PlatformModule } from '@district/service-kit';
import { createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';

/** A job that records each run in a table, so the test can count runs over all replicas. */
@Injectable()
class NightlyReport {
  constructor(private readonly jobs: ScheduledJobs) {
    jobs.every('nightly-report', 20, () => this.catchUp());
  }

  /** every "day" from 1 to 30 is due: each replica tries them all */
  async catchUp(): Promise<void> {
    for (let day = 1; day <= 30; day++) {
      await this.jobs.runOnce('nightly-report', `2026-11-${String(day).padStart(2, '0')}`, async (tx) => {
        await tx.manager.query(`INSERT INTO report_runs (day) VALUES ($1)`, [day]);
      });
    }
  }
}

class ReportRuns1763900099999 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_runs (day int NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(): Promise<void> {}
}

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'jobs-test',
      defaultPort: 0,
      description: 'scheduled jobs test',
      database: { name: 'unused', entities: [], migrations: [MessagingTables1763900000000, ScheduledJobTables1763900000001, ReportRuns1763900099999] },
    }),
  ],
  providers: [NightlyReport],
})
class ReplicaModule {}

describe('scheduled jobs across replicas', () => {
  let nats: TestNats;
  let db: { drop(): Promise<void>; url: string };
  const replicas: NestFastifyApplication[] = [];

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('scheduled_jobs');
    for (let i = 0; i < 3; i++) replicas.push(await startService(ReplicaModule, { DATABASE_URL: db.url, NATS_URL: nats.url }));
  });

  afterAll(async () => {
    for (const app of replicas) await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  it('runs each occurrence exactly once while three replicas tick concurrently', async () => {
    const ds = replicas[0].get(DataSource);
    await waitFor(async () => Number((await ds.query(`SELECT count(DISTINCT day)::int AS n FROM report_runs`))[0].n) === 30, { timeoutMs: 20_000, what: 'all 30 days reported' });
    // give the replicas more ticks to (wrongly) repeat anything
    await new Promise((r) => setTimeout(r, 300));
    const [{ runs, days }] = await ds.query(`SELECT count(*)::int AS runs, count(DISTINCT day)::int AS days FROM report_runs`);
    expect({ runs, days }).toEqual({ runs: 30, days: 30 });
    // and the claims say so too
    expect(Number((await ds.query(`SELECT count(*)::int AS n FROM scheduled_job_runs WHERE job = 'nightly-report'`))[0].n)).toBe(30);
  });

  it('retries an occurrence whose work failed, because the claim rolls back with it', async () => {
    const jobs = replicas[1].get(ScheduledJobs);
    await expect(
      jobs.runOnce('flaky', 'k1', async (tx) => {
        await tx.manager.query(`INSERT INTO report_runs (day) VALUES (100)`);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await jobs.runOnce('flaky', 'k1', async (tx) => void (await tx.manager.query(`INSERT INTO report_runs (day) VALUES (101)`)))).toBe(true);
    expect(await replicas[2].get(ScheduledJobs).runOnce('flaky', 'k1', async () => undefined)).toBe(false);
    const days = (await replicas[0].get(DataSource).query(`SELECT day FROM report_runs WHERE day >= 100`)).map((r: { day: number }) => r.day);
    expect(days).toEqual([101]);
  });
});
