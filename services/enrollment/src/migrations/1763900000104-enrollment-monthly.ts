import { MigrationInterface, QueryRunner } from 'typeorm';

/** Exits of the rows in `source`, with withdrawals (exits other than transfers) counted apart. */
const EXITS = (source: string) =>
  `SELECT school_id, date_trunc('month', exit_date)::date, 0, 1, (coalesce(exit_reason, '') <> 'transfer')::int FROM ${source} WHERE exit_date IS NOT NULL`;

/** Adds the (school_id, month, entries, exits, withdrawals) rows of `select` to the monthly table. */
const addMonthly = (select: string) => `INSERT INTO enrollment_monthly (school_id, month, entries, exits, withdrawals)
  SELECT school_id, month, sum(entries), sum(exits), sum(withdrawals) FROM (${select}) AS x(school_id, month, entries, exits, withdrawals)
  GROUP BY school_id, month
  ON CONFLICT (school_id, month) DO UPDATE SET entries = enrollment_monthly.entries + EXCLUDED.entries,
    exits = enrollment_monthly.exits + EXCLUDED.exits, withdrawals = enrollment_monthly.withdrawals + EXCLUDED.withdrawals`;

/**
 * Entries, exits and withdrawals per school and month, maintained by statement-level triggers on
 * `enrollments` (set-based, in the same transaction as any write path: REST, seed, roster import), so the
 * enrollment KPIs read an aggregate: enrolled at the end of month M = Σ entries − Σ exits up to M.
 */
export class EnrollmentMonthly1763900000104 implements MigrationInterface {
  name = 'EnrollmentMonthly1763900000104';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE enrollment_monthly (
      school_id uuid NOT NULL,
      month date NOT NULL,
      entries int NOT NULL DEFAULT 0,
      exits int NOT NULL DEFAULT 0,
      withdrawals int NOT NULL DEFAULT 0,
      PRIMARY KEY (school_id, month))`);
    await q.query(`CREATE FUNCTION enrollment_monthly_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(`SELECT school_id, date_trunc('month', entry_date)::date AS month, 1 AS entries, 0 AS exits, 0 AS withdrawals FROM new_rows
          UNION ALL ${EXITS('new_rows')}`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION enrollment_monthly_on_exit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(`SELECT n.school_id, date_trunc('month', n.exit_date)::date, 0, 1, (coalesce(n.exit_reason, '') <> 'transfer')::int
          FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.exit_date IS NULL AND n.exit_date IS NOT NULL`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER enrollments_monthly_insert AFTER INSERT ON enrollments REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION enrollment_monthly_on_insert()`);
    await q.query(`CREATE TRIGGER enrollments_monthly_exit AFTER UPDATE ON enrollments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION enrollment_monthly_on_exit()`);
    // a choice round's figures (applicants, first choice, waitlists per school), kept with the round
    await q.query(`ALTER TABLE choice_rounds ADD COLUMN summary jsonb`);
    // what is on record already
    await q.query(addMonthly(`SELECT school_id, date_trunc('month', entry_date)::date, 1, 0, 0 FROM enrollments UNION ALL ${EXITS('enrollments')}`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE choice_rounds DROP COLUMN summary');
    await q.query('DROP TRIGGER enrollments_monthly_exit ON enrollments');
    await q.query('DROP TRIGGER enrollments_monthly_insert ON enrollments');
    await q.query('DROP FUNCTION enrollment_monthly_on_exit()');
    await q.query('DROP FUNCTION enrollment_monthly_on_insert()');
    await q.query('DROP TABLE enrollment_monthly');
  }
}
