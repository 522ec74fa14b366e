import { MigrationInterface, QueryRunner } from 'typeorm';

/** School choice rounds: programs (school + grade + seats), applications, and the stored results of a run. */
export class SchoolChoice1763900000102 implements MigrationInterface {
  name = 'SchoolChoice1763900000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE choice_rounds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      school_year text NOT NULL,
      entry_grades text[] NOT NULL,
      policy jsonb NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
      seed text,
      run_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (school_year, name))`);
    await q.query(`CREATE TABLE choice_programs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      round_id uuid NOT NULL REFERENCES choice_rounds(id),
      school_id uuid NOT NULL REFERENCES schools(id),
      grade text NOT NULL,
      seats int NOT NULL CHECK (seats >= 0),
      reserved_blocks jsonb,
      UNIQUE (round_id, school_id, grade))`);
    await q.query(`CREATE TABLE choice_applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      round_id uuid NOT NULL REFERENCES choice_rounds(id),
      student_id uuid NOT NULL REFERENCES students(id),
      grade text NOT NULL,
      choices uuid[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (round_id, student_id))`);
    // one row per application after a run; offers move as seats are declined
    await q.query(`CREATE TABLE choice_results (
      application_id uuid PRIMARY KEY REFERENCES choice_applications(id),
      round_id uuid NOT NULL REFERENCES choice_rounds(id),
      student_id uuid NOT NULL,
      lottery_number bigint NOT NULL,
      choices jsonb NOT NULL,
      assigned_program_id uuid REFERENCES choice_programs(id),
      assigned_choice_rank int,
      seat_block text,
      waitlist jsonb NOT NULL DEFAULT '[]',
      offer_status text CHECK (offer_status IN ('offered', 'accepted', 'declined')))`);
    await q.query(`CREATE INDEX choice_results_round ON choice_results (round_id, student_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE choice_results');
    await q.query('DROP TABLE choice_applications');
    await q.query('DROP TABLE choice_programs');
    await q.query('DROP TABLE choice_rounds');
  }
}
