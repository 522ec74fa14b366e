import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's own state: the FERPA log of student-record reads (append-only, hash-chained by the database
 * itself) and the KPI targets the COO sets (with their history). ADR 0026.
 */
export class GatewaySchema1763900000900 implements MigrationInterface {
  name = 'GatewaySchema1763900000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE student_record_access (
      seq bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor text NOT NULL,
      actor_roles text[] NOT NULL,
      actor_schools uuid[],
      student_id uuid NOT NULL,
      school_id uuid,
      fields text[] NOT NULL,
      purpose text NOT NULL,
      request_id text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL)`);
    await q.query(`CREATE INDEX student_record_access_student ON student_record_access (student_id, at)`);
    await q.query(`CREATE INDEX student_record_access_actor ON student_record_access (actor, at)`);
    // each entry's hash covers its content and the previous entry's hash: a changed or removed row breaks the chain
    await q.query(`CREATE FUNCTION student_record_access_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('student_record_access'));
        NEW.at := clock_timestamp();
        NEW.prev_hash := coalesce((SELECT hash FROM student_record_access ORDER BY seq DESC LIMIT 1), 'genesis');
        NEW.hash := encode(sha256(convert_to(concat_ws('|', NEW.prev_hash, NEW.seq, to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
          NEW.actor, array_to_string(NEW.actor_roles, ','), coalesce(array_to_string(NEW.actor_schools, ','), ''), NEW.student_id,
          coalesce(NEW.school_id::text, ''), array_to_string(NEW.fields, ','), NEW.purpose, NEW.request_id), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER student_record_access_chain BEFORE INSERT ON student_record_access FOR EACH ROW EXECUTE FUNCTION student_record_access_chain()`);
    await q.query(`CREATE FUNCTION student_record_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the student-record access log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER student_record_access_no_update BEFORE UPDATE OR DELETE ON student_record_access FOR EACH ROW EXECUTE FUNCTION student_record_access_append_only()`);
    await q.query(`CREATE TRIGGER student_record_access_no_truncate BEFORE TRUNCATE ON student_record_access FOR EACH STATEMENT EXECUTE FUNCTION student_record_access_append_only()`);

    await q.query(`CREATE TABLE kpi_targets (
      kpi_id text PRIMARY KEY,
      -- null: explicitly no target (the KPI is watched, not judged)
      target double precision,
      watch_percent double precision NOT NULL CHECK (watch_percent >= 0 AND watch_percent <= 100),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE kpi_target_changes (
      seq bigserial PRIMARY KEY,
      kpi_id text NOT NULL,
      target double precision,
      watch_percent double precision,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kpi_target_changes, kpi_targets`);
    await q.query(`DROP TABLE student_record_access`);
    await q.query(`DROP FUNCTION student_record_access_append_only, student_record_access_chain`);
  }
}
