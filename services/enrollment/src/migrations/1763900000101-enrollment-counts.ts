import { MigrationInterface, QueryRunner } from 'typeorm';

/** Enrolled students per school and grade, maintained in the same transaction as each enrollment change. */
export class EnrollmentCounts1763900000101 implements MigrationInterface {
  name = 'EnrollmentCounts1763900000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE enrollment_counts (
      school_id uuid NOT NULL REFERENCES schools(id),
      grade text NOT NULL,
      enrolled int NOT NULL CHECK (enrolled >= 0),
      PRIMARY KEY (school_id, grade))`);
    await q.query(`INSERT INTO enrollment_counts (school_id, grade, enrolled)
      SELECT school_id, grade, count(*) FROM students WHERE status = 'enrolled' AND school_id IS NOT NULL GROUP BY school_id, grade`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE enrollment_counts');
  }
}
