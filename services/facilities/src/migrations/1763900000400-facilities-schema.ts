import { MigrationInterface, QueryRunner } from 'typeorm';

const MONTHLY_COLUMNS = ['opened', 'opened_pm', 'completed', 'completion_days_sum', 'completed_within_target', 'maintenance_cost', 'utility_bills', 'utility_cost', 'deficiency_added', 'deficiency_removed'];

/** Adds the rows of `select` (building_id, month, then MONTHLY_COLUMNS in order) to facility_monthly. */
const addMonthly = (select: string) => `INSERT INTO facility_monthly (building_id, month, ${MONTHLY_COLUMNS.join(', ')})
  SELECT building_id, month, ${MONTHLY_COLUMNS.map((c) => `sum(${c})`).join(', ')}
  FROM (${select}) AS x(building_id, month, ${MONTHLY_COLUMNS.join(', ')})
  GROUP BY building_id, month
  HAVING ${MONTHLY_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ')}
  ON CONFLICT (building_id, month) DO UPDATE SET ${MONTHLY_COLUMNS.map((c) => `${c} = facility_monthly.${c} + EXCLUDED.${c}`).join(', ')}`;

const zeros = (n: number) => Array(n).fill('0').join(', ');

/** A work order's contributions: opened in its request month, completed (days, within target, cost) in its completion month. */
const workOrderRows = (src: string, sign: string) => `
  SELECT building_id, date_trunc('month', requested_on)::date, ${sign}, ${sign} * (pm_schedule_id IS NOT NULL)::int, ${zeros(8)} FROM ${src}
  UNION ALL
  SELECT building_id, date_trunc('month', completed_on)::date, 0, 0, ${sign}, ${sign} * extract(epoch FROM completed_at - requested_at) / 86400.0,
         ${sign} * (completed_at <= target_at)::int, ${sign} * (labor_cost + material_cost + contractor_cost), ${zeros(4)}
  FROM ${src} WHERE status = 'completed'`;
const WORK_ORDER_KEYS = ['building_id', 'requested_on', 'requested_at', 'pm_schedule_id', 'status', 'completed_at', 'completed_on', 'target_at', 'labor_cost', 'material_cost', 'contractor_cost'];

/** A deficiency's cost: added in the month it was identified, removed in the month it was corrected. */
const deficiencyRows = (src: string, sign: string) => `
  SELECT building_id, date_trunc('month', identified_on)::date, ${zeros(8)}, ${sign} * estimated_cost, 0 FROM ${src}
  UNION ALL
  SELECT building_id, date_trunc('month', corrected_on)::date, ${zeros(8)}, 0, ${sign} * estimated_cost FROM ${src} WHERE corrected_on IS NOT NULL`;
const DEFICIENCY_KEYS = ['building_id', 'identified_on', 'corrected_on', 'estimated_cost'];

const utilityRows = (src: string, sign: string) => `SELECT building_id, month, ${zeros(6)}, ${sign}, ${sign} * amount, 0, 0 FROM ${src}`;
const UTILITY_KEYS = ['building_id', 'month', 'amount'];

/**
 * Statement-level triggers with transition tables keep facility_monthly right for every write path
 * (REST, preventive-maintenance job, seeder), set-based and in the writing transaction (ADR 0010, 0016).
 */
function monthlyTriggers(table: string, rows: (src: string, sign: string) => string, keys: string[]): string[] {
  const changed = `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (${keys.map((k) => `n.${k}`).join(', ')}) IS DISTINCT FROM (${keys.map((k) => `o.${k}`).join(', ')})`;
  return [
    `CREATE FUNCTION ${table}_monthly_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${addMonthly(rows('new_rows', '1'))}; RETURN NULL; END $$`,
    `CREATE FUNCTION ${table}_monthly_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${addMonthly(rows('old_rows', '-1'))}; RETURN NULL; END $$`,
    `CREATE FUNCTION ${table}_monthly_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       ${addMonthly(`${rows(`(SELECT * FROM new_rows WHERE id IN (${changed})) AS changed_new`, '1')} UNION ALL ${rows(`(SELECT * FROM old_rows WHERE id IN (${changed})) AS changed_old`, '-1')}`)};
       RETURN NULL; END $$`,
    `CREATE TRIGGER ${table}_monthly_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_monthly_ins()`,
    `CREATE TRIGGER ${table}_monthly_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_monthly_del()`,
    `CREATE TRIGGER ${table}_monthly_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_monthly_upd()`,
  ];
}

export class FacilitiesSchema1763900000400 implements MigrationInterface {
  name = 'FacilitiesSchema1763900000400';

  async up(q: QueryRunner): Promise<void> {
    // enrollment's schools, built only from its events
    await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      address text NOT NULL,
      grades text[] NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE buildings (
      id uuid PRIMARY KEY,
      school_id uuid REFERENCES schools (id),
      is_primary boolean NOT NULL DEFAULT false,
      name text NOT NULL,
      address text,
      square_feet int CHECK (square_feet > 0),
      year_built int CHECK (year_built BETWEEN 1700 AND 2200),
      replacement_value numeric(14, 2) CHECK (replacement_value > 0),
      vacant boolean NOT NULL DEFAULT false,
      source text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX buildings_primary_per_school ON buildings (school_id) WHERE is_primary`);
    await q.query(`CREATE INDEX buildings_school ON buildings (school_id)`);
    await q.query(`CREATE TABLE assets (
      id uuid PRIMARY KEY,
      building_id uuid NOT NULL REFERENCES buildings (id),
      kind text NOT NULL CHECK (kind IN ('boiler', 'roof', 'hvac', 'kitchen-equipment', 'electrical', 'plumbing', 'elevator', 'fire-safety', 'other')),
      name text NOT NULL,
      install_year int NOT NULL CHECK (install_year BETWEEN 1700 AND 2200),
      expected_life_years int NOT NULL CHECK (expected_life_years > 0),
      replacement_cost numeric(14, 2) CHECK (replacement_cost >= 0),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX assets_building ON assets (building_id)`);
    await q.query(`CREATE TABLE pm_schedules (
      id uuid PRIMARY KEY,
      asset_id uuid NOT NULL REFERENCES assets (id),
      building_id uuid NOT NULL REFERENCES buildings (id),
      title text NOT NULL,
      trade text NOT NULL,
      every int NOT NULL CHECK (every > 0),
      unit text NOT NULL CHECK (unit IN ('days', 'months')),
      anchor_date date NOT NULL,
      next_due date NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX pm_schedules_due ON pm_schedules (next_due) WHERE active`);
    await q.query(`CREATE TABLE work_orders (
      id uuid PRIMARY KEY,
      number bigserial UNIQUE,
      building_id uuid NOT NULL REFERENCES buildings (id),
      school_id uuid,
      asset_id uuid REFERENCES assets (id),
      pm_schedule_id uuid REFERENCES pm_schedules (id),
      due_date date,
      title text NOT NULL,
      description text,
      priority text NOT NULL CHECK (priority IN ('emergency', 'urgent', 'routine', 'scheduled')),
      status text NOT NULL CHECK (status IN ('open', 'assigned', 'in-progress', 'on-hold', 'completed', 'cancelled')),
      trade text,
      assignee text,
      assignee_kind text CHECK (assignee_kind IN ('district', 'contractor')),
      requested_at timestamptz NOT NULL,
      requested_on date NOT NULL,
      target_at timestamptz NOT NULL,
      completed_at timestamptz,
      completed_on date,
      last_change_at timestamptz NOT NULL,
      labor_hours numeric(10, 2) NOT NULL DEFAULT 0 CHECK (labor_hours >= 0),
      labor_cost numeric(12, 2) NOT NULL DEFAULT 0 CHECK (labor_cost >= 0),
      material_cost numeric(12, 2) NOT NULL DEFAULT 0 CHECK (material_cost >= 0),
      contractor_cost numeric(12, 2) NOT NULL DEFAULT 0 CHECK (contractor_cost >= 0),
      version int NOT NULL DEFAULT 1,
      CHECK ((status = 'completed') = (completed_at IS NOT NULL AND completed_on IS NOT NULL)),
      CHECK (priority <> 'scheduled' OR due_date IS NOT NULL),
      UNIQUE (pm_schedule_id, due_date))`);
    await q.query(`CREATE INDEX work_orders_school_requested ON work_orders (school_id, requested_at DESC)`);
    await q.query(`CREATE INDEX work_orders_requested ON work_orders (requested_at DESC)`);
    // the open set is small (the backlog), so summaries, overdue lists and the brief read it by index
    await q.query(`CREATE INDEX work_orders_open ON work_orders (school_id, target_at) INCLUDE (priority) WHERE status IN ('open', 'assigned', 'in-progress', 'on-hold')`);
    await q.query(`CREATE INDEX work_orders_open_target ON work_orders (target_at) WHERE status IN ('open', 'assigned', 'in-progress', 'on-hold')`);
    await q.query(`CREATE TABLE work_order_history (
      id bigserial PRIMARY KEY,
      work_order_id uuid NOT NULL REFERENCES work_orders (id),
      at timestamptz NOT NULL,
      status text NOT NULL,
      priority text NOT NULL,
      assignee text,
      note text,
      actor text NOT NULL)`);
    await q.query(`CREATE INDEX work_order_history_order ON work_order_history (work_order_id, id)`);
    await q.query(`CREATE TABLE deficiencies (
      id uuid PRIMARY KEY,
      building_id uuid NOT NULL REFERENCES buildings (id),
      asset_id uuid REFERENCES assets (id),
      category text NOT NULL,
      description text NOT NULL,
      estimated_cost numeric(14, 2) NOT NULL CHECK (estimated_cost >= 0),
      identified_on date NOT NULL,
      corrected_on date CHECK (corrected_on >= identified_on),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX deficiencies_building ON deficiencies (building_id)`);
    await q.query(`CREATE TABLE capital_projects (
      id uuid PRIMARY KEY,
      building_id uuid REFERENCES buildings (id),
      school_id uuid,
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('planned', 'design', 'construction', 'closeout', 'completed', 'cancelled')),
      budget numeric(14, 2) NOT NULL CHECK (budget > 0),
      committed numeric(14, 2) NOT NULL DEFAULT 0 CHECK (committed >= 0),
      spent numeric(14, 2) NOT NULL DEFAULT 0 CHECK (spent >= 0),
      start_date date NOT NULL,
      planned_end date NOT NULL CHECK (planned_end >= start_date),
      completed_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE capital_milestones (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES capital_projects (id) ON DELETE CASCADE,
      name text NOT NULL,
      planned_date date NOT NULL,
      actual_date date)`);
    await q.query(`CREATE INDEX capital_milestones_project ON capital_milestones (project_id, planned_date)`);
    await q.query(`CREATE TABLE custodial_staffing (
      building_id uuid NOT NULL REFERENCES buildings (id),
      effective_from date NOT NULL,
      ftes numeric(6, 2) NOT NULL CHECK (ftes >= 0),
      PRIMARY KEY (building_id, effective_from))`);
    await q.query(`CREATE TABLE utility_bills (
      id uuid PRIMARY KEY,
      building_id uuid NOT NULL REFERENCES buildings (id),
      utility text NOT NULL CHECK (utility IN ('electricity', 'heating-fuel', 'water', 'sewer')),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      amount numeric(12, 2) NOT NULL CHECK (amount >= 0),
      usage numeric(14, 2) CHECK (usage >= 0),
      usage_unit text,
      UNIQUE (building_id, utility, month))`);
    await q.query(`CREATE TABLE closures (
      id uuid PRIMARY KEY,
      building_id uuid NOT NULL REFERENCES buildings (id),
      school_id uuid,
      kind text NOT NULL CHECK (kind IN ('emergency', 'planned')),
      from_date date NOT NULL,
      to_date date NOT NULL CHECK (to_date >= from_date),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('scheduled', 'lifted')),
      lifted_from date,
      work_order_id uuid REFERENCES work_orders (id),
      version int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX closures_building ON closures (building_id, from_date)`);
    await q.query(`CREATE INDEX closures_dates ON closures (to_date, from_date)`);
    // per building and month: what the KPIs read (ADR 0016)
    await q.query(`CREATE TABLE facility_monthly (
      building_id uuid NOT NULL,
      month date NOT NULL,
      opened int NOT NULL DEFAULT 0,
      opened_pm int NOT NULL DEFAULT 0,
      completed int NOT NULL DEFAULT 0,
      completion_days_sum double precision NOT NULL DEFAULT 0,
      completed_within_target int NOT NULL DEFAULT 0,
      maintenance_cost numeric(16, 2) NOT NULL DEFAULT 0,
      utility_bills int NOT NULL DEFAULT 0,
      utility_cost numeric(16, 2) NOT NULL DEFAULT 0,
      deficiency_added numeric(16, 2) NOT NULL DEFAULT 0,
      deficiency_removed numeric(16, 2) NOT NULL DEFAULT 0,
      PRIMARY KEY (building_id, month))`);
    for (const sql of [
      ...monthlyTriggers('work_orders', workOrderRows, WORK_ORDER_KEYS),
      ...monthlyTriggers('deficiencies', deficiencyRows, DEFICIENCY_KEYS),
      ...monthlyTriggers('utility_bills', utilityRows, UTILITY_KEYS),
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['work_orders', 'deficiencies', 'utility_bills']) {
      for (const op of ['ins', 'del', 'upd']) {
        await q.query(`DROP TRIGGER ${t}_monthly_${op} ON ${t}`);
        await q.query(`DROP FUNCTION ${t}_monthly_${op}()`);
      }
    }
    for (const t of ['facility_monthly', 'closures', 'utility_bills', 'custodial_staffing', 'capital_milestones', 'capital_projects', 'deficiencies',
      'work_order_history', 'work_orders', 'pm_schedules', 'assets', 'buildings', 'schools']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
