import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnrollmentEvents } from '@district/contracts';
import type { SchoolSeed as SeedSchool, StudentSeed as SeedStudent } from '@district/seed-data';
import { Tx, UnitOfWork } from '@district/messaging';
import { insertRows } from '@district/persistence';
import { schoolSnapshot, sortGrades } from '../schools/domain/school-rules';
import { applyCountChanges, CountChange } from '../schools/enrollment-counts';
import { studentSnapshot } from '../students/domain/student-rules';


const BATCH = 1000;

/**
 * Loads a whole district in bulk (the demo seed): batched inserts, and the same events the REST API
 * publishes, written to the outbox in the same transactions. Does nothing when students exist already.
 */
@Injectable()
export class DistrictSeeder {
  private readonly log = new Logger('DistrictSeeder');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.ds.query('SELECT count(*)::int AS n FROM students');
    return n === 0;
  }

  async seed(schools: SeedSchool[], students: SeedStudent[], entryDate: string): Promise<{ schools: number; students: number }> {
    if (!(await this.isEmpty())) {
      this.log.log('students exist already: not seeding');
      return { schools: 0, students: 0 };
    }
    const schoolIds = await this.uow.run((tx) => this.insertSchools(tx, schools));
    const studentIds = new Map(students.map((s) => [s.localId, randomUUID()]));
    for (let i = 0; i < students.length; i += BATCH) {
      await this.uow.run((tx) => this.insertStudents(tx, students.slice(i, i + BATCH), schoolIds, studentIds, entryDate));
    }
    this.log.log(`seeded ${schoolIds.size} schools and ${students.length} students`);
    return { schools: schoolIds.size, students: students.length };
  }

  private async insertSchools(tx: Tx, schools: SeedSchool[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const s of schools) {
      const id = randomUUID();
      const grades = sortGrades(s.grades);
      const rows: { id: string }[] = await tx.manager.query(
        `INSERT INTO schools (id, code, name, address, latitude, longitude, grades, capacity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [id, s.code, s.name, s.address, s.latitude, s.longitude, grades, JSON.stringify(s.capacity)],
      );
      if (rows.length) {
        ids.set(s.code, id);
        tx.publish(EnrollmentEvents.SchoolUpserted, { school: schoolSnapshot({ ...s, grades, id, version: 1 }) });
      } else {
        const [existing] = await tx.manager.query('SELECT id FROM schools WHERE code = $1', [s.code]);
        ids.set(s.code, existing.id);
      }
    }
    return ids;
  }

  private async insertStudents(tx: Tx, batch: SeedStudent[], schoolIds: Map<string, string>, studentIds: Map<string, string>, entryDate: string): Promise<void> {
    const students: unknown[][] = [];
    const enrollments: unknown[][] = [];
    const counts: CountChange[] = [];
    for (const s of batch) {
      const id = studentIds.get(s.localId)!;
      const schoolId = schoolIds.get(s.schoolCode);
      if (!schoolId) throw new Error(`student ${s.localId}: unknown school code ${s.schoolCode}`);
      const enrollmentId = randomUUID();
      const siblingIds = s.siblingLocalIds.map((l) => studentIds.get(l)).filter((x): x is string => !!x);
      students.push([id, s.localId, s.firstName, s.lastName, s.birthDate, s.grade, s.address, s.latitude, s.longitude,
        s.flags.iepTransportation, s.flags.englishLearner, s.flags.mckinneyVento, siblingIds, 'enrolled', schoolId, enrollmentId, 2]);
      enrollments.push([enrollmentId, id, schoolId, s.grade, entryDate]);
      counts.push({ schoolId, grade: s.grade, delta: 1 });
      const snapshot = studentSnapshot({ ...s, ...s.flags, id, siblingIds, status: 'enrolled', schoolId, enrollmentId, version: 2 });
      tx.publish(EnrollmentEvents.StudentEnrolled, { student: snapshot, enrollmentId, schoolId, entryDate });
    }
    await insertRows(tx.manager, 'students',
      ['id', 'local_id', 'first_name', 'last_name', 'birth_date', 'grade', 'address', 'latitude', 'longitude',
        'iep_transportation', 'english_learner', 'mckinney_vento', 'sibling_ids', 'status', 'school_id', 'enrollment_id', 'version'], students);
    await insertRows(tx.manager, 'enrollments', ['id', 'student_id', 'school_id', 'grade', 'entry_date'], enrollments);
    await applyCountChanges(tx.manager, counts);
  }
}
