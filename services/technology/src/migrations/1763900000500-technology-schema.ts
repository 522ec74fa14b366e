import { MigrationInterface, QueryRunner } from 'typeorm';

type MonthlyColumn = 'enrolled_delta' | 'student_devices_delta' | 'repairs_opened' | 'devices_lost' | 'tickets_resolved' | 'tickets_first_contact';

/**
 * Adds rows of `select` (school_id, month, then one value per named column) to monthly_figures, set-based.
 */
const addMonthly = (columns: MonthlyColumn[], select: string) => `INSERT INTO monthly_figures (school_id, month, ${columns.join(', ')})
  SELECT school_id, month, ${columns.map((c) => `sum(${c})`).join(', ')} FROM (${select}) AS x(school_id, month, ${columns.join(', ')})
  WHERE school_id IS NOT NULL GROUP BY school_id, month
  ON CONFLICT (school_id, month) DO UPDATE SET ${columns.map((c) => `${c} = monthly_figures.${c} + EXCLUDED.${c}`).join(', ')}`;

const addStudentCounts = (select: string) => `INSERT INTO student_counts (school_id, grade, n)
  SELECT school_id, grade, sum(n) FROM (${select}) AS x(school_id, grade, n) GROUP BY school_id, grade
  ON CONFLICT (school_id, grade) DO UPDATE SET n = student_counts.n + EXCLUDED.n`;

const addDeviceCounts = (select: string) => `INSERT INTO device_counts (school_id, status, loaner_pool, n)
  SELECT school_id, status, loaner_pool, sum(n) FROM (${select}) AS x(school_id, status, loaner_pool, n) GROUP BY school_id, status, loaner_pool
  ON CONFLICT (school_id, status, loaner_pool) DO UPDATE SET n = device_counts.n + EXCLUDED.n`;

const addCohorts = (select: string) => `INSERT INTO fleet_cohorts (school_id, month, purchase_date, aue_date, delta)
  SELECT school_id, month, purchase_date, aue_date, sum(delta) FROM (${select}) AS x(school_id, month, purchase_date, aue_date, delta)
  GROUP BY school_id, month, purchase_date, aue_date
  ON CONFLICT (school_id, month, purchase_date, aue_date) DO UPDATE SET delta = fleet_cohorts.delta + EXCLUDED.delta`;

const addResolutionMinutes = (select: string) => `INSERT INTO ticket_resolution_minutes (school_id, month, minutes, n)
  SELECT school_id, month, minutes, count(*) FROM (${select}) AS x(school_id, month, minutes) GROUP BY school_id, month, minutes
  ON CONFLICT (school_id, month, minutes) DO UPDATE SET n = ticket_resolution_minutes.n + EXCLUDED.n`;

const MONTH = (col: string) => `date_trunc('month', ${col})::date`;
const ACTIVE = (row: string) => `(${row}.status NOT IN ('lost', 'retired'))`;
const AUE = (row: string) => `coalesce(${row}.auto_update_expiration, 'infinity'::date)`;

/**
 * Technology's schema (DOMAIN.md section 5): projections of enrollment's schools and students; configuration
 * as data (1:1 grades per school, SLA targets per priority, unit costs per model/type, bandwidth contracts);
 * devices with their status history, assignments, the 1:1 queue, return tasks, repairs and help-desk tickets;
 * and aggregates maintained by statement-level triggers in the writing transaction (ADR 0018), which the
 * KPIs and school summaries read instead of raw rows.
 */
export class TechnologySchema1763900000500 implements MigrationInterface {
  name = 'TechnologySchema1763900000500';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- projections (from enrollment's events only)
    await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      grades text[] NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX schools_code ON schools (code)`);
    await q.query(`CREATE TABLE students (
      id uuid PRIMARY KEY,
      local_id text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      grade text NOT NULL,
      status text NOT NULL,
      school_id uuid,
      status_date date NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX students_school_grade ON students (school_id, grade) WHERE status = 'enrolled'`);

    // ---------------------------------------------------------------- configuration as data
    await q.query(`CREATE TABLE one_to_one_grades (
      school_id uuid PRIMARY KEY,
      grades text[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL)`);
    await q.query(`CREATE TABLE sla_targets (
      priority text PRIMARY KEY CHECK (priority IN ('critical', 'high', 'medium', 'low')),
      first_response_minutes int NOT NULL CHECK (first_response_minutes > 0),
      resolution_minutes int NOT NULL CHECK (resolution_minutes > 0),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    // defaults: calendar time (a district on business hours changes these)
    await q.query(`INSERT INTO sla_targets (priority, first_response_minutes, resolution_minutes) VALUES
      ('critical', 30, 240), ('high', 120, 1440), ('medium', 480, 4320), ('low', 1440, 7200)`);
    await q.query(`CREATE TABLE unit_costs (
      device_type text NOT NULL,
      model text NOT NULL DEFAULT '',
      unit_cost_usd numeric(10, 2) NOT NULL CHECK (unit_cost_usd >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (device_type, model))`);
    await q.query(`INSERT INTO unit_costs (device_type, model, unit_cost_usd) VALUES
      ('chromebook', '', 300), ('laptop', '', 900), ('tablet', '', 400), ('desktop', '', 800), ('hotspot', '', 150), ('other', '', 250)`);
    await q.query(`CREATE TABLE bandwidth_contracts (
      school_id uuid NOT NULL,
      effective_from date NOT NULL,
      kbps int NOT NULL CHECK (kbps > 0),
      provider text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (school_id, effective_from))`);

    // ---------------------------------------------------------------- devices and what happens to them
    await q.query(`CREATE TABLE devices (
      id uuid PRIMARY KEY,
      serial text NOT NULL UNIQUE,
      model text NOT NULL,
      device_type text NOT NULL CHECK (device_type IN ('chromebook', 'laptop', 'tablet', 'desktop', 'hotspot', 'other')),
      purchase_date date NOT NULL,
      warranty_end date,
      auto_update_expiration date,
      school_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('in-stock', 'assigned', 'loaner', 'in-repair', 'lost', 'retired')),
      status_date date NOT NULL,
      loaner_pool boolean NOT NULL DEFAULT false,
      lost_kind text CHECK (lost_kind IN ('lost', 'stolen')),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX devices_stock ON devices (school_id, purchase_date DESC, serial) WHERE status = 'in-stock' AND NOT loaner_pool`);
    await q.query(`CREATE INDEX devices_school_status ON devices (school_id, status)`);
    await q.query(`CREATE TABLE device_status_history (
      id bigserial PRIMARY KEY,
      device_id uuid NOT NULL REFERENCES devices(id),
      from_status text,
      to_status text NOT NULL,
      school_id uuid NOT NULL,
      effective_date date NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by text NOT NULL,
      reason text NOT NULL)`);
    await q.query(`CREATE INDEX device_status_history_device ON device_status_history (device_id, id)`);
    await q.query(`CREATE TABLE device_assignments (
      id uuid PRIMARY KEY,
      device_id uuid NOT NULL REFERENCES devices(id),
      student_id uuid,
      assignee text,
      school_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('one-to-one', 'loaner', 'staff')),
      assigned_on date NOT NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      assigned_by text NOT NULL,
      due_on date,
      ended_on date,
      ended_at timestamptz,
      end_reason text CHECK (end_reason IN ('returned', 'lost', 'stolen', 'retired', 'unrepairable')),
      version int NOT NULL DEFAULT 1,
      CHECK (student_id IS NOT NULL OR assignee IS NOT NULL),
      CHECK (kind <> 'one-to-one' OR student_id IS NOT NULL))`);
    // a device is held by one holder at a time, and a student holds one 1:1 device per school: the database's last word
    await q.query(`CREATE UNIQUE INDEX device_assignments_one_holder ON device_assignments (device_id) WHERE ended_on IS NULL`);
    await q.query(`CREATE UNIQUE INDEX device_assignments_one_per_student ON device_assignments (student_id, school_id) WHERE ended_on IS NULL AND kind = 'one-to-one'`);
    await q.query(`CREATE INDEX device_assignments_student ON device_assignments (student_id) WHERE student_id IS NOT NULL`);
    await q.query(`CREATE INDEX device_assignments_loaners_due ON device_assignments (due_on) WHERE ended_on IS NULL AND kind = 'loaner'`);
    await q.query(`CREATE TABLE device_queue (
      student_id uuid PRIMARY KEY,
      school_id uuid NOT NULL,
      seq bigserial NOT NULL,
      queued_on date NOT NULL,
      queued_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX device_queue_school ON device_queue (school_id, seq)`);
    await q.query(`CREATE TABLE return_tasks (
      id uuid PRIMARY KEY,
      assignment_id uuid NOT NULL REFERENCES device_assignments(id),
      device_id uuid NOT NULL REFERENCES devices(id),
      student_id uuid NOT NULL,
      school_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('withdrawn', 'transferred')),
      status text NOT NULL CHECK (status IN ('open', 'returned', 'cancelled', 'lost')),
      opened_on date NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_on date,
      closed_at timestamptz,
      closed_by text,
      version int NOT NULL DEFAULT 1)`);
    await q.query(`CREATE UNIQUE INDEX return_tasks_one_open ON return_tasks (assignment_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX return_tasks_school_open ON return_tasks (school_id, opened_on) WHERE status = 'open'`);
    await q.query(`CREATE INDEX return_tasks_student ON return_tasks (student_id)`);
    await q.query(`CREATE TABLE tickets (
      id uuid PRIMARY KEY,
      number bigserial UNIQUE,
      school_id uuid NOT NULL,
      requester text NOT NULL,
      category text NOT NULL CHECK (category IN ('hardware', 'software', 'account', 'network', 'printing', 'other')),
      priority text NOT NULL CHECK (priority IN ('critical', 'high', 'medium', 'low')),
      subject text NOT NULL,
      device_id uuid REFERENCES devices(id),
      opened_at timestamptz NOT NULL,
      opened_on date NOT NULL,
      response_due_at timestamptz NOT NULL,
      resolution_due_at timestamptz NOT NULL,
      first_response_at timestamptz,
      resolved_at timestamptz,
      resolved_on date,
      resolved_on_first_contact boolean,
      resolution text,
      opened_by text NOT NULL,
      version int NOT NULL DEFAULT 1,
      CHECK (resolved_at IS NULL OR resolved_at >= opened_at),
      CHECK (first_response_at IS NULL OR first_response_at >= opened_at),
      CHECK ((resolved_at IS NULL) = (resolved_on IS NULL) AND (resolved_at IS NULL) = (resolved_on_first_contact IS NULL)))`);
    await q.query(`CREATE INDEX tickets_open_school ON tickets (school_id, opened_at) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX tickets_open_due ON tickets (resolution_due_at) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX tickets_school_opened ON tickets (school_id, opened_at DESC)`);
    await q.query(`CREATE TABLE repairs (
      id uuid PRIMARY KEY,
      device_id uuid NOT NULL REFERENCES devices(id),
      school_id uuid NOT NULL,
      ticket_id uuid REFERENCES tickets(id),
      problem text NOT NULL,
      vendor text,
      opened_on date NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      opened_by text NOT NULL,
      closed_on date,
      outcome text CHECK (outcome IN ('repaired', 'unrepairable')),
      cost_usd numeric(10, 2),
      version int NOT NULL DEFAULT 1,
      CHECK ((closed_on IS NULL) = (outcome IS NULL)))`);
    await q.query(`CREATE UNIQUE INDEX repairs_one_open ON repairs (device_id) WHERE closed_on IS NULL`);
    await q.query(`CREATE INDEX repairs_school ON repairs (school_id, opened_on DESC)`);

    // ---------------------------------------------------------------- maintained aggregates (ADR 0018)
    await q.query(`CREATE TABLE student_counts (
      school_id uuid NOT NULL, grade text NOT NULL, n int NOT NULL, PRIMARY KEY (school_id, grade))`);
    await q.query(`CREATE TABLE monthly_figures (
      school_id uuid NOT NULL,
      month date NOT NULL,
      enrolled_delta int NOT NULL DEFAULT 0,
      student_devices_delta int NOT NULL DEFAULT 0,
      repairs_opened int NOT NULL DEFAULT 0,
      devices_lost int NOT NULL DEFAULT 0,
      tickets_resolved int NOT NULL DEFAULT 0,
      tickets_first_contact int NOT NULL DEFAULT 0,
      PRIMARY KEY (school_id, month))`);
    await q.query(`CREATE TABLE device_counts (
      school_id uuid NOT NULL, status text NOT NULL, loaner_pool boolean NOT NULL, n int NOT NULL, PRIMARY KEY (school_id, status, loaner_pool))`);
    // active devices by purchase date and auto-update expiration ('infinity' when none): age and refresh need both
    await q.query(`CREATE TABLE fleet_cohorts (
      school_id uuid NOT NULL, month date NOT NULL, purchase_date date NOT NULL, aue_date date NOT NULL, delta int NOT NULL,
      PRIMARY KEY (school_id, month, purchase_date, aue_date))`);
    await q.query(`CREATE TABLE ticket_resolution_minutes (
      school_id uuid NOT NULL, month date NOT NULL, minutes int NOT NULL, n int NOT NULL, PRIMARY KEY (school_id, month, minutes))`);

    // students: enrolled per school and grade now, and enrolled per school month by month (at the enrollment's own date)
    await q.query(`CREATE FUNCTION students_aggregates_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addStudentCounts(`SELECT school_id, grade, 1 FROM new_rows WHERE status = 'enrolled' AND school_id IS NOT NULL`)};
        ${addMonthly(['enrolled_delta'], `SELECT school_id, ${MONTH('status_date')}, 1 FROM new_rows WHERE status = 'enrolled'`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION students_aggregates_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addStudentCounts(`SELECT o.school_id, o.grade, -1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.status = 'enrolled' AND o.school_id IS NOT NULL AND (n.status, n.school_id, n.grade) IS DISTINCT FROM (o.status, o.school_id, o.grade)
          UNION ALL SELECT n.school_id, n.grade, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE n.status = 'enrolled' AND n.school_id IS NOT NULL AND (n.status, n.school_id, n.grade) IS DISTINCT FROM (o.status, o.school_id, o.grade)`)};
        ${addMonthly(['enrolled_delta'], `SELECT o.school_id, ${MONTH('n.status_date')}, -1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.status = 'enrolled' AND (n.status, n.school_id) IS DISTINCT FROM (o.status, o.school_id)
          UNION ALL SELECT n.school_id, ${MONTH('n.status_date')}, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE n.status = 'enrolled' AND (n.status, n.school_id) IS DISTINCT FROM (o.status, o.school_id)`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER students_aggregates_insert AFTER INSERT ON students REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION students_aggregates_insert()`);
    await q.query(`CREATE TRIGGER students_aggregates_update AFTER UPDATE ON students REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION students_aggregates_update()`);

    // devices: counts by status now; active fleet cohorts month by month; losses
    await q.query(`CREATE FUNCTION devices_aggregates_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addDeviceCounts(`SELECT school_id, status, loaner_pool, 1 FROM new_rows`)};
        ${addCohorts(`SELECT n.school_id, ${MONTH('n.status_date')}, n.purchase_date, ${AUE('n')}, 1 FROM new_rows n WHERE ${ACTIVE('n')}`)};
        ${addMonthly(['devices_lost'], `SELECT school_id, ${MONTH('status_date')}, 1 FROM new_rows WHERE status = 'lost'`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION devices_aggregates_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addDeviceCounts(`SELECT o.school_id, o.status, o.loaner_pool, -1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (n.school_id, n.status, n.loaner_pool) IS DISTINCT FROM (o.school_id, o.status, o.loaner_pool)
          UNION ALL SELECT n.school_id, n.status, n.loaner_pool, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (n.school_id, n.status, n.loaner_pool) IS DISTINCT FROM (o.school_id, o.status, o.loaner_pool)`)};
        ${addCohorts(`SELECT o.school_id, ${MONTH('n.status_date')}, o.purchase_date, ${AUE('o')}, -1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE ${ACTIVE('o')} AND (${ACTIVE('n')}, n.school_id, n.purchase_date, ${AUE('n')}) IS DISTINCT FROM (${ACTIVE('o')}, o.school_id, o.purchase_date, ${AUE('o')})
          UNION ALL SELECT n.school_id, ${MONTH('n.status_date')}, n.purchase_date, ${AUE('n')}, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE ${ACTIVE('n')} AND (${ACTIVE('n')}, n.school_id, n.purchase_date, ${AUE('n')}) IS DISTINCT FROM (${ACTIVE('o')}, o.school_id, o.purchase_date, ${AUE('o')})`)};
        ${addMonthly(['devices_lost'], `SELECT n.school_id, ${MONTH('n.status_date')}, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE n.status = 'lost' AND o.status <> 'lost'`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER devices_aggregates_insert AFTER INSERT ON devices REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION devices_aggregates_insert()`);
    await q.query(`CREATE TRIGGER devices_aggregates_update AFTER UPDATE ON devices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION devices_aggregates_update()`);

    // 1:1 assignments held by students, month by month
    await q.query(`CREATE FUNCTION assignments_aggregates_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(['student_devices_delta'], `SELECT school_id, ${MONTH('assigned_on')}, 1 FROM new_rows WHERE kind = 'one-to-one'
          UNION ALL SELECT school_id, ${MONTH('ended_on')}, -1 FROM new_rows WHERE kind = 'one-to-one' AND ended_on IS NOT NULL`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION assignments_aggregates_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(['student_devices_delta'], `SELECT n.school_id, ${MONTH('n.ended_on')}, -1 FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE n.kind = 'one-to-one' AND o.ended_on IS NULL AND n.ended_on IS NOT NULL`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER assignments_aggregates_insert AFTER INSERT ON device_assignments REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION assignments_aggregates_insert()`);
    await q.query(`CREATE TRIGGER assignments_aggregates_update AFTER UPDATE ON device_assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION assignments_aggregates_update()`);

    // repairs opened
    await q.query(`CREATE FUNCTION repairs_aggregates_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(['repairs_opened'], `SELECT school_id, ${MONTH('opened_on')}, 1 FROM new_rows`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER repairs_aggregates_insert AFTER INSERT ON repairs REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION repairs_aggregates_insert()`);

    // tickets resolved: count, first contact, and the resolution time histogram (whole minutes) for the median
    const resolved = (source: string) => `SELECT n.school_id, ${MONTH('n.resolved_on')}, 1, n.resolved_on_first_contact::int FROM ${source}`;
    const minutes = (source: string) =>
      `SELECT n.school_id, ${MONTH('n.resolved_on')}, round(extract(epoch FROM n.resolved_at - n.opened_at) / 60)::int FROM ${source}`;
    const NEWLY = `old_rows o JOIN new_rows n ON n.id = o.id WHERE o.resolved_at IS NULL AND n.resolved_at IS NOT NULL`;
    await q.query(`CREATE FUNCTION tickets_aggregates_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(['tickets_resolved', 'tickets_first_contact'], resolved('new_rows n WHERE n.resolved_at IS NOT NULL'))};
        ${addResolutionMinutes(minutes('new_rows n WHERE n.resolved_at IS NOT NULL'))};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION tickets_aggregates_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addMonthly(['tickets_resolved', 'tickets_first_contact'], resolved(NEWLY))};
        ${addResolutionMinutes(minutes(NEWLY))};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tickets_aggregates_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tickets_aggregates_insert()`);
    await q.query(`CREATE TRIGGER tickets_aggregates_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tickets_aggregates_update()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['tickets', 'repairs', 'device_assignments', 'devices', 'students']) {
      await q.query(`DROP TRIGGER IF EXISTS ${t === 'device_assignments' ? 'assignments' : t}_aggregates_insert ON ${t}`);
      await q.query(`DROP TRIGGER IF EXISTS ${t === 'device_assignments' ? 'assignments' : t}_aggregates_update ON ${t}`);
    }
    for (const f of ['students', 'devices', 'assignments', 'repairs', 'tickets']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}_aggregates_insert()`);
      await q.query(`DROP FUNCTION IF EXISTS ${f}_aggregates_update()`);
    }
    for (const t of [
      'ticket_resolution_minutes', 'fleet_cohorts', 'device_counts', 'monthly_figures', 'student_counts', 'repairs', 'tickets', 'return_tasks',
      'device_queue', 'device_assignments', 'device_status_history', 'devices', 'bandwidth_contracts', 'unit_costs', 'sla_targets',
      'one_to_one_grades', 'students', 'schools',
    ]) await q.query(`DROP TABLE ${t}`);
  }
}
