import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roster import jobs, the rows they rejected, and which OneRoster sourcedId is which of our schools and
 * students (so a re-import upserts instead of duplicating).
 */
export class RosterImports1763900000103 implements MigrationInterface {
  name = 'RosterImports1763900000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_jobs (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('oneroster')),
      status text NOT NULL CHECK (status IN ('queued', 'reading', 'applying', 'completed', 'failed')),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      heartbeat_at timestamptz NOT NULL DEFAULT now(),
      progress jsonb NOT NULL DEFAULT '{}',
      counts jsonb,
      error text,
      warnings jsonb NOT NULL DEFAULT '[]')`);
    // the recovery sweep looks for unfinished jobs whose process stopped beating
    await q.query(`CREATE INDEX import_jobs_unfinished ON import_jobs (heartbeat_at) WHERE status IN ('queued', 'reading', 'applying')`);
    await q.query(`CREATE TABLE import_rejections (
      id bigserial PRIMARY KEY,
      job_id uuid NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
      file text NOT NULL,
      line int NOT NULL,
      sourced_id text,
      reason text NOT NULL)`);
    await q.query(`CREATE INDEX import_rejections_job ON import_rejections (job_id, file, line)`);
    await q.query(`CREATE TABLE roster_source_ids (
      entity text NOT NULL CHECK (entity IN ('school', 'student')),
      sourced_id text NOT NULL,
      local_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (entity, sourced_id))`);
    await q.query(`CREATE INDEX roster_source_ids_local ON roster_source_ids (entity, local_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE roster_source_ids');
    await q.query('DROP TABLE import_rejections');
    await q.query('DROP TABLE import_jobs');
  }
}
