import { MigrationInterface, QueryRunner } from 'typeorm';

export class TransportationSchema1763900000200 implements MigrationInterface {
  name = 'TransportationSchema1763900000200';

  async up(q: QueryRunner): Promise<void> {
    // projections of enrollment's schools and students, built only from its events
    await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      grades text[] NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE students (
      id uuid PRIMARY KEY,
      local_id text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      grade text NOT NULL,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      iep_transportation boolean NOT NULL,
      mckinney_vento boolean NOT NULL,
      status text NOT NULL,
      school_id uuid,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX students_school ON students (school_id) WHERE status = 'enrolled'`);
    await q.query(`CREATE TABLE eligibility (
      student_id uuid PRIMARY KEY,
      school_id uuid,
      status text NOT NULL CHECK (status IN ('yellow-bus', 'transit-pass', 'not-eligible', 'not-enrolled')),
      reason text NOT NULL,
      distance_miles double precision,
      determined_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX eligibility_school_status ON eligibility (school_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE eligibility');
    await q.query('DROP TABLE students');
    await q.query('DROP TABLE schools');
  }
}
