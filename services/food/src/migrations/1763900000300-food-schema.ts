import { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds the rows of `source` (school_id, day, category, identified, delta) to census_deltas. */
const addDeltas = (select: string) => `INSERT INTO census_deltas (school_id, day, category, identified, delta)
  SELECT school_id, day, category, identified, sum(delta) FROM (${select}) AS x(school_id, day, category, identified, delta)
  GROUP BY school_id, day, category, identified ORDER BY school_id, day, category, identified
  ON CONFLICT (school_id, day, category, identified) DO UPDATE SET delta = census_deltas.delta + EXCLUDED.delta`;

/** +1 where each segment of `rows` starts and −1 where it ends, times `sign`. */
const segmentDeltas = (rows: string, sign: 1 | -1) =>
  `SELECT school_id, from_date, category, identified, ${sign} FROM ${rows}
   UNION ALL SELECT school_id, to_date, category, identified, ${-sign} FROM ${rows} WHERE to_date IS NOT NULL`;

/**
 * Food and nutrition (DOMAIN.md section 3): projections of enrollment's schools and students, meal
 * accounts and their spells per school, eligibility determinations with their history, the student
 * timelines and the census they maintain, CEP elections, point-of-sale transactions with maintained daily
 * counts, meal-service cancellations (building closures), monthly labor and costs, dated reference tables.
 */
export class FoodSchema1763900000300 implements MigrationInterface {
  name = 'FoodSchema1763900000300';

  async up(q: QueryRunner): Promise<void> {
    // --- projections of enrollment's events
    await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      grades text[] NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE students (
      id uuid PRIMARY KEY,
      local_id text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      grade text NOT NULL,
      sibling_ids uuid[] NOT NULL DEFAULT '{}',
      mckinney_vento boolean NOT NULL DEFAULT false,
      status text NOT NULL,
      school_id uuid,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX students_local_id ON students (local_id)');
    await q.query('CREATE INDEX students_siblings ON students USING gin (sibling_ids)');

    // --- meal accounts: open while enrolled; a spell per school ([from, to), to exclusive)
    await q.query(`CREATE TABLE meal_accounts (
      student_id uuid PRIMARY KEY,
      school_id uuid,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      opened_on date NOT NULL,
      closed_on date,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX meal_accounts_school ON meal_accounts (school_id) WHERE status = \'open\'');
    await q.query(`CREATE TABLE account_spells (
      id bigserial PRIMARY KEY,
      student_id uuid NOT NULL,
      school_id uuid NOT NULL,
      from_date date NOT NULL,
      to_date date,
      CHECK (to_date IS NULL OR to_date >= from_date))`);
    await q.query('CREATE INDEX account_spells_student ON account_spells (student_id, from_date)');
    await q.query('CREATE UNIQUE INDEX account_spells_one_open ON account_spells (student_id) WHERE to_date IS NULL');

    // --- eligibility: every determination kept (history); superseded ones are marked, never deleted
    await q.query(`CREATE TABLE household_applications (
      id uuid PRIMARY KEY,
      student_ids uuid[] NOT NULL,
      household_size int NOT NULL CHECK (household_size >= 1),
      incomes jsonb NOT NULL,
      assistance_case_number text,
      received_on date NOT NULL,
      category text NOT NULL CHECK (category IN ('free', 'reduced', 'paid')),
      decision jsonb NOT NULL,
      income_table_id uuid NOT NULL,
      provisional boolean NOT NULL,
      decided_by text NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE direct_certification_imports (
      id uuid PRIMARY KEY,
      file_name text,
      rows int NOT NULL,
      certified int NOT NULL,
      extended int NOT NULL,
      rejected jsonb NOT NULL,
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE eligibility_determinations (
      id uuid PRIMARY KEY,
      student_id uuid NOT NULL,
      category text NOT NULL CHECK (category IN ('free', 'reduced', 'paid')),
      basis text NOT NULL CHECK (basis IN ('direct-certification', 'household-extension', 'categorical', 'application')),
      program text,
      identified boolean NOT NULL,
      effective_from date NOT NULL,
      effective_to date,
      application_id uuid REFERENCES household_applications (id),
      import_id uuid REFERENCES direct_certification_imports (id),
      extended_from uuid,
      superseded_at timestamptz,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (effective_to IS NULL OR effective_to > effective_from))`);
    await q.query('CREATE INDEX eligibility_determinations_student ON eligibility_determinations (student_id, effective_from)');
    // one direct certification per student, program and date; one extension per student and source certification
    await q.query(`CREATE UNIQUE INDEX eligibility_dc_once ON eligibility_determinations (student_id, program, effective_from) WHERE basis = 'direct-certification' AND superseded_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX eligibility_extension_once ON eligibility_determinations (student_id, extended_from) WHERE basis = 'household-extension' AND superseded_at IS NULL`);

    // --- timelines: a student's spells cut by category; the census is maintained from them
    await q.query(`CREATE TABLE eligibility_segments (
      student_id uuid NOT NULL,
      school_id uuid NOT NULL,
      category text NOT NULL,
      identified boolean NOT NULL,
      from_date date NOT NULL,
      to_date date)`);
    await q.query('CREATE INDEX eligibility_segments_student ON eligibility_segments (student_id)');
    await q.query(`CREATE TABLE census_deltas (
      school_id uuid NOT NULL,
      day date NOT NULL,
      category text NOT NULL,
      identified boolean NOT NULL,
      delta int NOT NULL,
      PRIMARY KEY (school_id, day, category, identified))`);
    await q.query(`CREATE FUNCTION census_on_segments_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${addDeltas(segmentDeltas('new_rows', 1))}; RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION census_on_segments_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${addDeltas(segmentDeltas('old_rows', -1))}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER eligibility_segments_census_insert AFTER INSERT ON eligibility_segments REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION census_on_segments_insert()`);
    await q.query(`CREATE TRIGGER eligibility_segments_census_delete AFTER DELETE ON eligibility_segments REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION census_on_segments_delete()`);

    // --- CEP: elections of a school or group with the ISP computed from the census on `as_of`
    await q.query(`CREATE TABLE cep_elections (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      school_ids uuid[] NOT NULL,
      as_of date NOT NULL,
      identified int NOT NULL,
      enrolled int NOT NULL,
      free_num bigint NOT NULL,
      free_den bigint NOT NULL,
      effective_from date NOT NULL,
      effective_to date,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (effective_to IS NULL OR effective_to > effective_from))`);
    await q.query(`CREATE TABLE cep_schools (
      election_id uuid NOT NULL REFERENCES cep_elections (id),
      school_id uuid NOT NULL,
      effective_from date NOT NULL,
      effective_to date,
      PRIMARY KEY (election_id, school_id))`);
    await q.query('CREATE INDEX cep_schools_school ON cep_schools (school_id, effective_from)');

    // --- point of sale: transactions (idempotent by the POS id) and the daily counts kept with them
    await q.query(`CREATE TABLE meal_transactions (
      id uuid PRIMARY KEY,
      school_id uuid NOT NULL,
      service_date date NOT NULL,
      meal_type text NOT NULL,
      category text NOT NULL,
      student_id uuid,
      meals int NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now())`);
    // one reimbursable meal of a type per student per day
    await q.query('CREATE UNIQUE INDEX meal_transactions_one_per_student ON meal_transactions (student_id, service_date, meal_type) WHERE student_id IS NOT NULL');
    await q.query(`CREATE TABLE meal_counts_daily (
      school_id uuid NOT NULL,
      service_date date NOT NULL,
      meal_type text NOT NULL CHECK (meal_type IN ('breakfast', 'lunch', 'snack')),
      category text NOT NULL CHECK (category IN ('free', 'reduced', 'paid')),
      meals int NOT NULL,
      PRIMARY KEY (school_id, service_date, meal_type, category))`);
    await q.query('CREATE INDEX meal_counts_daily_date ON meal_counts_daily (service_date)');

    // --- meal service cancellations (building closures from facilities, or the food service's own)
    await q.query(`CREATE TABLE service_cancellations (
      id uuid PRIMARY KEY,
      origin text NOT NULL CHECK (origin IN ('building-closure', 'food-service')),
      school_id uuid,
      building_id uuid,
      kind text,
      from_date date NOT NULL,
      to_date date NOT NULL,
      lifted_from date,
      reason text NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE cancelled_days (
      cancellation_id uuid NOT NULL REFERENCES service_cancellations (id),
      school_id uuid NOT NULL,
      service_date date NOT NULL,
      PRIMARY KEY (cancellation_id, service_date))`);
    await q.query('CREATE INDEX cancelled_days_date ON cancelled_days (service_date, school_id)');

    // --- labor hours and costs per school and month
    await q.query(`CREATE TABLE school_month_costs (
      school_id uuid NOT NULL,
      month date NOT NULL,
      labor_hours numeric(12,2) NOT NULL,
      food_cost numeric(14,2) NOT NULL,
      labor_cost numeric(14,2) NOT NULL,
      other_cost numeric(14,2) NOT NULL,
      other_revenue numeric(14,2) NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (school_id, month))`);

    // --- dated reference tables (rates, income limits): data, never code
    await q.query(`CREATE TABLE rate_tables (
      id uuid PRIMARY KEY,
      label text NOT NULL,
      effective_from date NOT NULL UNIQUE,
      effective_to date,
      source text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE reimbursement_rates (
      table_id uuid NOT NULL REFERENCES rate_tables (id),
      meal_type text NOT NULL,
      variant text NOT NULL,
      paid numeric(8,4),
      reduced numeric(8,4),
      free numeric(8,4),
      source text NOT NULL,
      PRIMARY KEY (table_id, meal_type, variant))`);
    await q.query(`CREATE TABLE income_tables (
      id uuid PRIMARY KEY,
      label text NOT NULL,
      effective_from date NOT NULL UNIQUE,
      effective_to date,
      source text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE income_limits (
      table_id uuid NOT NULL REFERENCES income_tables (id),
      household_size int NOT NULL,
      free jsonb NOT NULL,
      reduced jsonb NOT NULL,
      PRIMARY KEY (table_id, household_size))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['income_limits', 'income_tables', 'reimbursement_rates', 'rate_tables', 'school_month_costs', 'cancelled_days', 'service_cancellations',
      'meal_counts_daily', 'meal_transactions', 'cep_schools', 'cep_elections']) await q.query(`DROP TABLE ${t}`);
    await q.query('DROP TRIGGER eligibility_segments_census_delete ON eligibility_segments');
    await q.query('DROP TRIGGER eligibility_segments_census_insert ON eligibility_segments');
    await q.query('DROP FUNCTION census_on_segments_delete()');
    await q.query('DROP FUNCTION census_on_segments_insert()');
    for (const t of ['census_deltas', 'eligibility_segments', 'eligibility_determinations', 'direct_certification_imports', 'household_applications',
      'account_spells', 'meal_accounts', 'students', 'schools']) await q.query(`DROP TABLE ${t}`);
  }
}
