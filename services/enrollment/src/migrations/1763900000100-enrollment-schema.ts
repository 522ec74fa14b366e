import { MigrationInterface, QueryRunner } from 'typeorm';

export class EnrollmentSchema1763900000100 implements MigrationInterface {
  name = 'EnrollmentSchema1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      address text NOT NULL,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      grades text[] NOT NULL,
      capacity jsonb NOT NULL DEFAULT '{}',
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE students (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      local_id text NOT NULL UNIQUE,
      first_name text NOT NULL,
      last_name text NOT NULL,
      birth_date date NOT NULL,
      grade text NOT NULL,
      address text NOT NULL,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      iep_transportation boolean NOT NULL DEFAULT false,
      english_learner boolean NOT NULL DEFAULT false,
      mckinney_vento boolean NOT NULL DEFAULT false,
      sibling_ids uuid[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'not-enrolled' CHECK (status IN ('not-enrolled', 'enrolled', 'withdrawn')),
      school_id uuid REFERENCES schools(id),
      enrollment_id uuid,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX students_school_grade ON students (school_id, grade) WHERE status = 'enrolled'`);
    await q.query(`CREATE INDEX students_name ON students (last_name, first_name)`);
    await q.query(`CREATE TABLE enrollments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      student_id uuid NOT NULL REFERENCES students(id),
      school_id uuid NOT NULL REFERENCES schools(id),
      grade text NOT NULL,
      entry_date date NOT NULL,
      exit_date date,
      exit_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT enrollments_natural_key UNIQUE (student_id, school_id, entry_date),
      CONSTRAINT enrollments_dates CHECK (exit_date IS NULL OR exit_date >= entry_date))`);
    // Ed-Fi style: history is kept, but a student has at most one open enrollment
    await q.query(`CREATE UNIQUE INDEX enrollments_one_open ON enrollments (student_id) WHERE exit_date IS NULL`);
    await q.query(`CREATE INDEX enrollments_school ON enrollments (school_id, entry_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE enrollments');
    await q.query('DROP TABLE students');
    await q.query('DROP TABLE schools');
  }
}
