import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fleet, routes, runs and stops, stop assignments, closures and cancellations, ridership and arrivals with
 * their maintained daily aggregates, mileage, incidents and accidents, contractor costs (ADR 12).
 */
export class Operations1763900000201 implements MigrationInterface {
  name = 'Operations1763900000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE vehicles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 100),
      type text NOT NULL CHECK (type IN ('bus', 'minibus', 'van', 'wheelchair-van')),
      operator text NOT NULL CHECK (operator IN ('district', 'contractor')),
      contractor text,
      fuel text NOT NULL CHECK (fuel IN ('diesel', 'gasoline', 'propane', 'electric', 'cng')),
      in_service_date date NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'retired')),
      retired_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((operator = 'contractor') = (contractor IS NOT NULL)),
      CHECK ((status = 'retired') = (retired_on IS NOT NULL)))`);

    await q.query(`CREATE TABLE routes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      route_id uuid NOT NULL REFERENCES routes (id),
      school_id uuid NOT NULL REFERENCES schools (id),
      session text NOT NULL CHECK (session IN ('AM', 'PM')),
      bell_time time NOT NULL,
      scheduled_arrival time NOT NULL,
      vehicle_id uuid NOT NULL REFERENCES vehicles (id),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX runs_school ON runs (school_id, session)');
    await q.query('CREATE INDEX runs_route ON runs (route_id)');
    await q.query('CREATE INDEX runs_vehicle ON runs (vehicle_id)');

    await q.query(`CREATE TABLE stops (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      sequence int NOT NULL CHECK (sequence >= 1),
      name text NOT NULL,
      latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
      scheduled_time time NOT NULL,
      CONSTRAINT stops_run_sequence UNIQUE (run_id, sequence) DEFERRABLE INITIALLY DEFERRED)`);

    // one stop per student and session; versions from one sequence order every change for consumers
    await q.query('CREATE SEQUENCE stop_assignment_version');
    await q.query(`CREATE TABLE stop_assignments (
      student_id uuid NOT NULL REFERENCES students (id),
      session text NOT NULL CHECK (session IN ('AM', 'PM')),
      stop_id uuid NOT NULL REFERENCES stops (id),
      run_id uuid NOT NULL REFERENCES runs (id),
      school_id uuid NOT NULL,
      distance_miles double precision NOT NULL,
      version bigint NOT NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (student_id, session))`);
    await q.query('CREATE INDEX stop_assignments_run ON stop_assignments (run_id)');
    await q.query('CREATE INDEX stop_assignments_stop ON stop_assignments (stop_id)');
    await q.query('CREATE INDEX stop_assignments_school ON stop_assignments (school_id)');

    // eligible and assigned per school at the last change in each month: "eligible without a stop" for past months
    await q.query(`CREATE TABLE coverage_snapshots (
      school_id uuid NOT NULL,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      eligible int NOT NULL,
      riders int NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (school_id, month))`);

    // facilities' closures as last seen (version guard), and the run-days they or a dispatcher cancelled
    await q.query(`CREATE TABLE closures (
      closure_id uuid PRIMARY KEY,
      school_id uuid,
      kind text NOT NULL,
      from_date date NOT NULL,
      to_date date NOT NULL,
      lifted_from date,
      reason text NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE run_cancellations (
      run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      service_date date NOT NULL,
      school_id uuid NOT NULL,
      reason text NOT NULL,
      source text NOT NULL CHECK (source IN ('closure', 'manual')),
      closure_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (run_id, service_date),
      CHECK ((source = 'closure') = (closure_id IS NOT NULL)))`);
    await q.query('CREATE INDEX run_cancellations_day ON run_cancellations (service_date, school_id)');
    await q.query('CREATE INDEX run_cancellations_closure ON run_cancellations (closure_id) WHERE closure_id IS NOT NULL');

    // raw boarding scans: one per student, run and day (a second tap is a duplicate, not a second rider)
    await q.query(`CREATE TABLE ridership_scans (
      run_id uuid NOT NULL,
      service_date date NOT NULL,
      student_id uuid NOT NULL,
      stop_id uuid NOT NULL,
      scanned_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (run_id, service_date, student_id))`);

    // per run and day, maintained by every scan and arrival write: what the KPIs and summaries read
    await q.query(`CREATE TABLE run_daily (
      run_id uuid NOT NULL REFERENCES runs (id),
      service_date date NOT NULL,
      school_id uuid NOT NULL,
      session text NOT NULL,
      vehicle_id uuid NOT NULL,
      seats int NOT NULL,
      bell_time time NOT NULL,
      scheduled_arrival time NOT NULL,
      riders int NOT NULL DEFAULT 0,
      board_minutes double precision NOT NULL DEFAULT 0,
      drop_minutes double precision NOT NULL DEFAULT 0,
      actual_arrival time,
      ride_minutes double precision GENERATED ALWAYS AS (
        CASE WHEN actual_arrival IS NULL OR riders = 0 THEN NULL
             WHEN session = 'AM' THEN riders * (extract(epoch FROM actual_arrival) / 60) - board_minutes
             ELSE drop_minutes + riders * ((extract(epoch FROM actual_arrival) - extract(epoch FROM scheduled_arrival)) / 60) - board_minutes
        END) STORED,
      PRIMARY KEY (run_id, service_date))`);
    await q.query('CREATE INDEX run_daily_day_school ON run_daily (service_date, school_id)');

    // distinct riders per month (cost per rider), kept as scans arrive
    await q.query(`CREATE TABLE rider_months (
      month date NOT NULL,
      student_id uuid NOT NULL,
      school_id uuid NOT NULL,
      PRIMARY KEY (month, student_id))`);
    await q.query(`CREATE TABLE school_monthly (
      month date NOT NULL,
      school_id uuid NOT NULL,
      riders int NOT NULL DEFAULT 0,
      PRIMARY KEY (month, school_id))`);

    await q.query(`CREATE TABLE vehicle_mileage (
      vehicle_id uuid NOT NULL REFERENCES vehicles (id),
      service_date date NOT NULL,
      miles numeric(8, 1) NOT NULL CHECK (miles >= 0),
      PRIMARY KEY (vehicle_id, service_date))`);
    await q.query(`CREATE TABLE incidents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      vehicle_id uuid NOT NULL REFERENCES vehicles (id),
      run_id uuid REFERENCES runs (id),
      occurred_on date NOT NULL,
      type text NOT NULL CHECK (type IN ('incident', 'accident')),
      description text NOT NULL,
      injuries int NOT NULL DEFAULT 0 CHECK (injuries >= 0),
      preventable boolean,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX incidents_vehicle ON incidents (vehicle_id, occurred_on)');
    await q.query('CREATE INDEX incidents_day ON incidents (occurred_on)');

    await q.query(`CREATE TABLE fleet_monthly (
      month date PRIMARY KEY,
      miles numeric(14, 1) NOT NULL DEFAULT 0,
      accidents int NOT NULL DEFAULT 0,
      incidents int NOT NULL DEFAULT 0)`);
    // row triggers: every write path (REST, bulk, seed) keeps the monthly figures exact
    await q.query(`CREATE FUNCTION fleet_monthly_mileage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO fleet_monthly (month, miles) VALUES (date_trunc('month', OLD.service_date)::date, -OLD.miles)
          ON CONFLICT (month) DO UPDATE SET miles = fleet_monthly.miles + EXCLUDED.miles;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO fleet_monthly (month, miles) VALUES (date_trunc('month', NEW.service_date)::date, NEW.miles)
          ON CONFLICT (month) DO UPDATE SET miles = fleet_monthly.miles + EXCLUDED.miles;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER vehicle_mileage_monthly AFTER INSERT OR UPDATE OR DELETE ON vehicle_mileage FOR EACH ROW EXECUTE FUNCTION fleet_monthly_mileage()');
    await q.query(`CREATE FUNCTION fleet_monthly_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO fleet_monthly (month, accidents, incidents)
          VALUES (date_trunc('month', OLD.occurred_on)::date, -(OLD.type = 'accident')::int, -(OLD.type = 'incident')::int)
          ON CONFLICT (month) DO UPDATE SET accidents = fleet_monthly.accidents + EXCLUDED.accidents, incidents = fleet_monthly.incidents + EXCLUDED.incidents;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO fleet_monthly (month, accidents, incidents)
          VALUES (date_trunc('month', NEW.occurred_on)::date, (NEW.type = 'accident')::int, (NEW.type = 'incident')::int)
          ON CONFLICT (month) DO UPDATE SET accidents = fleet_monthly.accidents + EXCLUDED.accidents, incidents = fleet_monthly.incidents + EXCLUDED.incidents;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER incidents_monthly AFTER INSERT OR UPDATE OR DELETE ON incidents FOR EACH ROW EXECUTE FUNCTION fleet_monthly_incidents()');

    await q.query(`CREATE TABLE contractor_costs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      contractor text NOT NULL,
      amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (month, contractor))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['contractor_costs', 'fleet_monthly', 'incidents', 'vehicle_mileage', 'school_monthly', 'rider_months', 'run_daily', 'ridership_scans',
      'run_cancellations', 'closures', 'coverage_snapshots', 'stop_assignments', 'stops', 'runs', 'routes', 'vehicles']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP FUNCTION fleet_monthly_incidents');
    await q.query('DROP FUNCTION fleet_monthly_mileage');
    await q.query('DROP SEQUENCE stop_assignment_version');
  }
}
