import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeviceAssignmentSnapshot, GRADES, SchoolSnapshot, StudentSnapshot } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { Actor, DeviceLedger } from '../devices/device-ledger';
import { gradeListProblems, Holdings, planStudent } from './domain/one-to-one';
import { OneToOneConfigRow, QueueQuery, QueuedStudentRow } from './dto/one-to-one.dto';

export const AUTOMATION = 'system:one-to-one';

/**
 * The 1:1 program: keeps technology's copy of enrollment's schools and students, and turns each change of a
 * student's enrollment into device work (DOMAIN.md section 5, section 7 flows 1 and 2): a device from stock
 * or a place in the queue, a return task on withdrawal or transfer. Everything happens in the consumer's
 * transaction, with the inbox row and the outbox events.
 */
@Injectable()
export class OneToOneService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: DeviceLedger,
  ) {}

  /** Stores a school snapshot unless an equal or newer one is held. */
  async applySchool(tx: Tx, s: SchoolSnapshot): Promise<void> {
    await tx.manager.query(
      `INSERT INTO schools (id, code, name, grades, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, grades = EXCLUDED.grades, version = EXCLUDED.version, updated_at = now()
       WHERE schools.version < EXCLUDED.version`,
      [s.id, s.code, s.name, s.grades, s.version],
    );
  }

  /**
   * Stores a student snapshot unless an equal or newer one is held (events may come twice, or late), then
   * carries out the 1:1 plan. `date` is the enrollment's own business date (entry or exit), when the event has one.
   * The upsert locks the student's row, so two replicas never work on one student at once.
   */
  async applyStudent(tx: Tx, s: StudentSnapshot, date: string | null, fallbackDate: string): Promise<void> {
    const stored: { id: string }[] = await tx.manager.query(
      `INSERT INTO students (id, local_id, first_name, last_name, grade, status, school_id, status_date, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::date, $9::date), $10)
       ON CONFLICT (id) DO UPDATE SET local_id = EXCLUDED.local_id, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
         grade = EXCLUDED.grade, status = EXCLUDED.status, school_id = EXCLUDED.school_id,
         status_date = coalesce($8::date, students.status_date), version = EXCLUDED.version, updated_at = now()
       WHERE students.version < EXCLUDED.version
       RETURNING id`,
      [s.id, s.localId, s.firstName, s.lastName, s.grade, s.status, s.schoolId, date, fallbackDate, s.version],
    );
    if (!stored.length) return; // stale or repeated snapshot: what it says is already known
    const holdings = await this.holdings(tx, s.id);
    const grades = s.schoolId ? await this.gradesOf(tx, s.schoolId) : [];
    const plan = planStudent({ status: s.status, schoolId: s.schoolId, grade: s.grade }, holdings, (id) => (id === s.schoolId ? grades : []));
    const actor: Actor = { by: AUTOMATION, date: date ?? fallbackDate };
    await this.ledger.openReturnTasks(tx, plan.openReturnTasks, actor);
    await this.ledger.cancelReturnTasks(tx, plan.cancelReturnTasks, actor);
    if (plan.dequeue) await this.ledger.dequeue(tx, [s.id]);
    if (plan.needsDeviceAt) await this.ledger.giveOrQueue(tx, s.id, plan.needsDeviceAt, actor);
  }

  /**
   * 1:1 devices that left their student for good (lost, stolen, unrepairable): a student still enrolled
   * at that school in a 1:1 grade gets another device from stock, or joins the queue.
   */
  async replaceDevices(tx: Tx, ended: DeviceAssignmentSnapshot[], actor: Actor): Promise<void> {
    const lost = ended.filter((a) => a.kind === 'one-to-one' && a.studentId);
    if (!lost.length) return;
    const needing: { studentId: string; schoolId: string }[] = await tx.manager.query(
      `SELECT s.id AS "studentId", s.school_id AS "schoolId"
       FROM unnest($1::uuid[], $2::uuid[]) AS x(student_id, school_id)
       JOIN students s ON s.id = x.student_id AND s.school_id = x.school_id AND s.status = 'enrolled'
       JOIN one_to_one_grades c ON c.school_id = s.school_id AND s.grade = ANY(c.grades)
       WHERE NOT EXISTS (SELECT 1 FROM device_assignments a WHERE a.student_id = s.id AND a.school_id = s.school_id AND a.ended_on IS NULL AND a.kind = 'one-to-one')
       FOR UPDATE OF s`,
      [lost.map((a) => a.studentId), lost.map((a) => a.schoolId)],
    );
    for (const n of needing) await this.ledger.giveOrQueue(tx, n.studentId, n.schoolId, actor);
  }

  private async holdings(tx: Tx, studentId: string): Promise<Holdings> {
    const assignments = await tx.manager.query(
        `SELECT a.id AS "assignmentId", a.school_id AS "schoolId", (t.id IS NOT NULL) AS "returnTaskOpen", t.id AS "returnTaskId"
         FROM device_assignments a LEFT JOIN return_tasks t ON t.assignment_id = a.id AND t.status = 'open'
         WHERE a.student_id = $1 AND a.ended_on IS NULL AND a.kind = 'one-to-one'`,
        [studentId],
      );
    const queued = await tx.manager.query('SELECT school_id AS "schoolId" FROM device_queue WHERE student_id = $1', [studentId]);
    return { assignments, queuedAt: queued[0]?.schoolId ?? null };
  }

  private async gradesOf(tx: Tx, schoolId: string): Promise<string[]> {
    const rows: { grades: string[] }[] = await tx.manager.query('SELECT grades FROM one_to_one_grades WHERE school_id = $1', [schoolId]);
    return rows[0]?.grades ?? [];
  }

  // ---------------------------------------------------------------- configuration (REST, and the seeder)

  async setGrades(schoolId: string, grades: string[], user: AuthUser, date: string): Promise<OneToOneConfigRow & { queued: number; assigned: number }> {
    const problems = gradeListProblems(grades, GRADES);
    if (problems.length) throw new ProblemException(422, 'invalid 1:1 grades', { errors: problems.map((message) => ({ field: 'grades', message })) });
    scopedSchoolIds(user, schoolId);
    const result = await this.uow.run((tx) => this.configure(tx, [{ schoolId, grades }], { by: user.sub, date }));
    return { ...(await this.getConfig(schoolId)), ...result };
  }

  /**
   * Sets schools' 1:1 grades and brings their students in line in a few set-based statements: students
   * no longer in a 1:1 grade leave the queue; students now in one who hold no device join it (by grade and
   * name); then the queue is served from stock.
   */
  async configure(tx: Tx, configs: { schoolId: string; grades: string[] }[], actor: Actor): Promise<{ queued: number; assigned: number }> {
    if (!configs.length) return { queued: 0, assigned: 0 };
    const schoolIds = configs.map((c) => c.schoolId);
    await tx.manager.query(
      `INSERT INTO one_to_one_grades (school_id, grades, updated_by)
       SELECT s, string_to_array(g, ','), $3 FROM unnest($1::uuid[], $2::text[]) AS t(s, g)
       ON CONFLICT (school_id) DO UPDATE SET grades = EXCLUDED.grades, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [schoolIds, configs.map((c) => c.grades.join(',')), actor.by],
    );
    await tx.manager.query(
      `DELETE FROM device_queue q USING students s, one_to_one_grades c
       WHERE q.school_id = ANY($1::uuid[]) AND s.id = q.student_id AND c.school_id = q.school_id AND NOT (s.grade = ANY(c.grades))`,
      [schoolIds],
    );
    const waiting: { studentId: string; schoolId: string }[] = await tx.manager.query(
      `SELECT s.id AS "studentId", s.school_id AS "schoolId" FROM one_to_one_grades c
       JOIN students s ON s.school_id = c.school_id AND s.status = 'enrolled' AND s.grade = ANY(c.grades)
       WHERE c.school_id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM device_assignments a WHERE a.student_id = s.id AND a.school_id = s.school_id AND a.ended_on IS NULL AND a.kind = 'one-to-one')
         AND NOT EXISTS (SELECT 1 FROM device_queue q WHERE q.student_id = s.id)
       ORDER BY s.school_id, array_position($2::text[], s.grade), s.last_name, s.first_name, s.id`,
      [schoolIds, [...GRADES]],
    );
    const queued = await this.ledger.enqueue(tx, waiting, actor);
    const assigned = await this.ledger.serveQueue(tx, schoolIds, actor);
    return { queued, assigned };
  }

  async getConfig(schoolId: string): Promise<OneToOneConfigRow> {
    const [row] = await this.ds.query(
      `SELECT school_id AS "schoolId", grades, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM one_to_one_grades WHERE school_id = $1`,
      [schoolId],
    );
    return row ?? { schoolId, grades: [], updatedAt: null, updatedBy: null };
  }

  async listConfig(q: { limit: number; offset: number }, user: AuthUser): Promise<Page<OneToOneConfigRow>> {
    const schools = scopedSchoolIds(user);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM one_to_one_grades WHERE ($1::uuid[] IS NULL OR school_id = ANY($1))`, [schools ?? null]);
    const items = await this.ds.query(
      `SELECT school_id AS "schoolId", grades, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM one_to_one_grades
       WHERE ($1::uuid[] IS NULL OR school_id = ANY($1)) ORDER BY school_id LIMIT $2 OFFSET $3`,
      [schools ?? null, q.limit, q.offset],
    );
    return { items, total };
  }

  /** Serves the queue of the given schools (or all) from stock: the operator's "assign queued" pass. */
  async assignQueued(schoolId: string | undefined, user: AuthUser, date: string): Promise<{ assigned: number }> {
    const scoped = scopedSchoolIds(user, schoolId);
    return this.uow.run(async (tx) => {
      const schools: string[] = scoped ?? (await tx.manager.query('SELECT DISTINCT school_id FROM device_queue')).map((r: { school_id: string }) => r.school_id);
      return { assigned: await this.ledger.serveQueue(tx, schools, { by: user.sub, date }) };
    });
  }

  /** Students waiting for a device, in queue order per school (student data). */
  async queue(q: QueueQuery, user: AuthUser): Promise<Page<QueuedStudentRow>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM device_queue WHERE ($1::uuid[] IS NULL OR school_id = ANY($1))`, [schools]);
    const items = await this.ds.query(
      `SELECT q.student_id AS "studentId", s.local_id AS "localId", s.first_name AS "firstName", s.last_name AS "lastName", s.grade,
              q.school_id AS "schoolId", to_char(q.queued_on, 'YYYY-MM-DD') AS "queuedOn",
              (SELECT count(*)::int FROM device_queue q2 WHERE q2.school_id = q.school_id AND q2.seq <= q.seq) AS position
       FROM device_queue q LEFT JOIN students s ON s.id = q.student_id
       WHERE ($1::uuid[] IS NULL OR q.school_id = ANY($1)) ORDER BY q.school_id, q.seq LIMIT $2 OFFSET $3`,
      [schools, q.limit, q.offset],
    );
    return { items, total };
  }
}
