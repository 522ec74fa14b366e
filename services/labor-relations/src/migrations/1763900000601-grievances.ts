import { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns of a grievance's contribution to the aggregates, as arrays (one element per row of a transition table). */
const GRIEVANCE_ARRAYS = (sign: string, alias: string) =>
  `array_agg(${sign}), array_agg(${alias}.filed_on), array_agg(${alias}.unit_id), array_agg(${alias}.school_id), array_agg(${alias}.closed_on), array_agg(${alias}.current_step)`;
/** What a grievance contributes to the aggregates; an update that leaves it alone is skipped. */
const GRIEVANCE_KEY = (a: string) => `(${a}.filed_on, ${a}.unit_id, ${a}.school_id, ${a}.closed_on, CASE WHEN ${a}.closed_on IS NULL THEN NULL ELSE ${a}.current_step END)`;
const STEP_ARRAYS = (sign: string, alias: string) =>
  `array_agg(${sign}), array_agg(${alias}.grievance_id), array_agg(${alias}.answer_due_on), array_agg(${alias}.answered_on), array_agg(${alias}.employer_missed)`;
const STEP_KEY = (a: string) => `(${a}.answer_due_on, ${a}.answered_on, ${a}.employer_missed)`;

/**
 * Grievances, their steps and history, and the aggregates the KPIs read (ADR 0021), maintained by
 * statement-level triggers in the same transaction as every write (REST, daily jobs, seeder):
 * - grievance_cohorts: grievances by filing day, unit, school and month closed (null while open), so the
 *   open count and the backlog by age at the end of any month come from a few rows;
 * - grievance_monthly: filed, closed, closed at step 1, employer answers due that month on time / late;
 * - grievance_close_days: a histogram of days-to-close per month closed, for medians.
 */
export class Grievances1763900000601 implements MigrationInterface {
  name = 'Grievances1763900000601';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE grievance_numbers`);
    await q.query(`CREATE TABLE grievances (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      unit_id uuid NOT NULL REFERENCES bargaining_units (id),
      contract_id uuid NOT NULL REFERENCES contracts (id),
      article text NOT NULL,
      grievant_name text NOT NULL,
      grievant_employee_id text,
      school_id uuid REFERENCES schools (id),
      description text NOT NULL,
      occurred_on date NOT NULL,
      filed_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      current_step int NOT NULL,
      awaiting text CHECK (awaiting IN ('answer', 'appeal')),
      due_on date,
      due_from date,
      outcome text CHECK (outcome IN ('sustained', 'denied', 'settled', 'withdrawn')),
      closed_reason text CHECK (closed_reason IN ('answer', 'final-step', 'withdrawn', 'union-deadline-missed')),
      closed_on date,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'closed') = (closed_on IS NOT NULL)))`);
    await q.query(`CREATE INDEX grievances_open_due ON grievances (due_on) WHERE status = 'open'`);
    await q.query(`CREATE INDEX grievances_open_school ON grievances (school_id, due_on) WHERE status = 'open'`);
    await q.query(`CREATE INDEX grievances_filed ON grievances (filed_on DESC, number)`);
    await q.query(`CREATE INDEX grievances_unit ON grievances (unit_id, filed_on DESC)`);
    await q.query(`CREATE TABLE grievance_steps (
      grievance_id uuid NOT NULL REFERENCES grievances (id),
      step int NOT NULL,
      filed_on date NOT NULL,
      answer_due_on date NOT NULL,
      answered_on date,
      outcome text CHECK (outcome IN ('sustained', 'denied', 'settled', 'withdrawn')),
      response text,
      employer_missed boolean NOT NULL DEFAULT false,
      PRIMARY KEY (grievance_id, step))`);
    await q.query(`CREATE TABLE grievance_history (
      id bigserial PRIMARY KEY,
      grievance_id uuid NOT NULL REFERENCES grievances (id),
      on_date date NOT NULL,
      kind text NOT NULL,
      step int NOT NULL,
      detail text NOT NULL,
      recorded_by text,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX grievance_history_grievance ON grievance_history (grievance_id, id)`);

    await q.query(`CREATE TABLE grievance_cohorts (
      filed_on date NOT NULL,
      unit_id uuid NOT NULL,
      school_id uuid,
      closed_month date,
      grievances int NOT NULL,
      CONSTRAINT grievance_cohorts_key UNIQUE NULLS NOT DISTINCT (filed_on, unit_id, school_id, closed_month))`);
    await q.query(`CREATE INDEX grievance_cohorts_closed ON grievance_cohorts (closed_month, filed_on)`);
    await q.query(`CREATE TABLE grievance_monthly (
      month date NOT NULL,
      unit_id uuid NOT NULL,
      school_id uuid,
      filed int NOT NULL DEFAULT 0,
      closed int NOT NULL DEFAULT 0,
      closed_at_step1 int NOT NULL DEFAULT 0,
      answers_on_time int NOT NULL DEFAULT 0,
      answers_late int NOT NULL DEFAULT 0,
      CONSTRAINT grievance_monthly_key UNIQUE NULLS NOT DISTINCT (month, unit_id, school_id))`);
    await q.query(`CREATE TABLE grievance_close_days (
      month date NOT NULL,
      unit_id uuid NOT NULL,
      school_id uuid,
      days int NOT NULL,
      grievances int NOT NULL,
      CONSTRAINT grievance_close_days_key UNIQUE NULLS NOT DISTINCT (month, unit_id, school_id, days))`);

    await q.query(`CREATE FUNCTION grievance_aggregates_add(sg int[], filed date[], units uuid[], schools uuid[], closed date[], steps int[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF sg IS NULL THEN RETURN; END IF;
        INSERT INTO grievance_cohorts (filed_on, unit_id, school_id, closed_month, grievances)
          SELECT f, u, s, date_trunc('month', c)::date, sum(g) FROM unnest(sg, filed, units, schools, closed) AS d(g, f, u, s, c)
          GROUP BY 1, 2, 3, 4
          ON CONFLICT (filed_on, unit_id, school_id, closed_month) DO UPDATE SET grievances = grievance_cohorts.grievances + EXCLUDED.grievances;
        INSERT INTO grievance_monthly (month, unit_id, school_id, filed, closed, closed_at_step1)
          SELECT m, u, s, sum(fi), sum(cl), sum(c1) FROM (
            SELECT date_trunc('month', f)::date AS m, u, s, g AS fi, 0 AS cl, 0 AS c1 FROM unnest(sg, filed, units, schools) AS d(g, f, u, s)
            UNION ALL
            SELECT date_trunc('month', c)::date, u, s, 0, g, CASE WHEN st = 1 THEN g ELSE 0 END
            FROM unnest(sg, units, schools, closed, steps) AS d(g, u, s, c, st) WHERE c IS NOT NULL) x
          GROUP BY m, u, s
          ON CONFLICT (month, unit_id, school_id) DO UPDATE SET filed = grievance_monthly.filed + EXCLUDED.filed,
            closed = grievance_monthly.closed + EXCLUDED.closed, closed_at_step1 = grievance_monthly.closed_at_step1 + EXCLUDED.closed_at_step1;
        INSERT INTO grievance_close_days (month, unit_id, school_id, days, grievances)
          SELECT date_trunc('month', c)::date, u, s, c - f, sum(g) FROM unnest(sg, filed, units, schools, closed) AS d(g, f, u, s, c)
          WHERE c IS NOT NULL GROUP BY 1, 2, 3, 4
          ON CONFLICT (month, unit_id, school_id, days) DO UPDATE SET grievances = grievance_close_days.grievances + EXCLUDED.grievances;
      END $$`);
    await q.query(`CREATE FUNCTION grievances_aggregate_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM grievance_aggregates_add(${GRIEVANCE_ARRAYS('1', 'n')}) FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION grievances_aggregate_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM grievance_aggregates_add(${GRIEVANCE_ARRAYS('x.sg', 'x')}) FROM (
          SELECT -1 AS sg, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${GRIEVANCE_KEY('o')} IS DISTINCT FROM ${GRIEVANCE_KEY('n')}
          UNION ALL
          SELECT 1, n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${GRIEVANCE_KEY('o')} IS DISTINCT FROM ${GRIEVANCE_KEY('n')}) x;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER grievances_aggregates_insert AFTER INSERT ON grievances REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION grievances_aggregate_insert()`);
    await q.query(`CREATE TRIGGER grievances_aggregates_update AFTER UPDATE ON grievances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION grievances_aggregate_update()`);

    // employer answers, counted in the month they were due: on time, or late (answered late or not at all by the deadline)
    await q.query(`CREATE FUNCTION grievance_answers_add(sg int[], ids uuid[], due date[], answered date[], missed boolean[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF sg IS NULL THEN RETURN; END IF;
        INSERT INTO grievance_monthly (month, unit_id, school_id, answers_on_time, answers_late)
          SELECT date_trunc('month', d.due)::date, g.unit_id, g.school_id,
                 sum(CASE WHEN d.answered IS NOT NULL AND d.answered <= d.due THEN d.sg ELSE 0 END),
                 sum(CASE WHEN (d.answered IS NOT NULL AND d.answered > d.due) OR (d.answered IS NULL AND d.missed) THEN d.sg ELSE 0 END)
          FROM unnest(sg, ids, due, answered, missed) AS d(sg, id, due, answered, missed) JOIN grievances g ON g.id = d.id
          WHERE d.answered IS NOT NULL OR d.missed
          GROUP BY 1, 2, 3
          ON CONFLICT (month, unit_id, school_id) DO UPDATE SET answers_on_time = grievance_monthly.answers_on_time + EXCLUDED.answers_on_time,
            answers_late = grievance_monthly.answers_late + EXCLUDED.answers_late;
      END $$`);
    await q.query(`CREATE FUNCTION grievance_steps_aggregate_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM grievance_answers_add(${STEP_ARRAYS('1', 'n')}) FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION grievance_steps_aggregate_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM grievance_answers_add(${STEP_ARRAYS('x.sg', 'x')}) FROM (
          SELECT -1 AS sg, o.* FROM old_rows o JOIN new_rows n USING (grievance_id, step) WHERE ${STEP_KEY('o')} IS DISTINCT FROM ${STEP_KEY('n')}
          UNION ALL
          SELECT 1, n.* FROM old_rows o JOIN new_rows n USING (grievance_id, step) WHERE ${STEP_KEY('o')} IS DISTINCT FROM ${STEP_KEY('n')}) x;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER grievance_steps_aggregates_insert AFTER INSERT ON grievance_steps REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION grievance_steps_aggregate_insert()`);
    await q.query(`CREATE TRIGGER grievance_steps_aggregates_update AFTER UPDATE ON grievance_steps REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION grievance_steps_aggregate_update()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE grievance_close_days, grievance_monthly, grievance_cohorts, grievance_history, grievance_steps, grievances');
    await q.query('DROP FUNCTION grievance_steps_aggregate_update(), grievance_steps_aggregate_insert(), grievance_answers_add(int[], uuid[], date[], date[], boolean[])');
    await q.query('DROP FUNCTION grievances_aggregate_update(), grievances_aggregate_insert(), grievance_aggregates_add(int[], date[], uuid[], uuid[], date[], int[])');
    await q.query('DROP SEQUENCE grievance_numbers');
  }
}
