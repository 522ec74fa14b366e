import { MigrationInterface, QueryRunner } from 'typeorm';

/** Claims of scheduled-job occurrences (see ScheduledJobs). Include it in a service that schedules work. */
export class ScheduledJobTables1763900000001 implements MigrationInterface {
  name = 'ScheduledJobTables1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scheduled_job_runs (
      job text NOT NULL,
      run_key text NOT NULL,
      ran_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (job, run_key))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_job_runs`);
  }
}
