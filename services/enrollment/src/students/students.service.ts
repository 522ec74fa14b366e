import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { EnrollmentEvents, EnrollmentStudentSummary } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { AuthUser, assertSchoolScope, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { applyCountChanges } from '../schools/enrollment-counts';
import { School } from '../schools/school.entity';
import { birthDateProblem, changedFields, studentSnapshot } from './domain/student-rules';
import { CreateStudentDto, StudentListQuery, StudentResponse, UpdateStudentDto } from './dto/student.dto';
import { Student } from './student.entity';

export function toStudentResponse(s: Student): StudentResponse {
  const snap = studentSnapshot(s);
  return { ...snap, birthDate: s.birthDate };
}

@Injectable()
export class StudentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
  ) {}

  async create(dto: CreateStudentDto): Promise<StudentResponse> {
    const problem = birthDateProblem(dto.birthDate);
    if (problem) throw new ProblemException(400, problem, { errors: [{ field: 'birthDate', message: problem }] });
    return this.uow.run(async (tx) => {
      const { flags, siblingIds = [], ...fields } = dto;
      const student = tx.manager.create(Student, { ...fields, ...flags, siblingIds: [], status: 'not-enrolled', version: 1 });
      await tx.manager.save(student);
      if (siblingIds.length) await this.linkSiblings(tx, student, siblingIds);
      return toStudentResponse(student);
    });
  }

  async update(id: string, dto: UpdateStudentDto): Promise<StudentResponse> {
    if (dto.birthDate) {
      const problem = birthDateProblem(dto.birthDate);
      if (problem) throw new ProblemException(400, problem, { errors: [{ field: 'birthDate', message: problem }] });
    }
    return this.uow.run(async (tx) => {
      const student = await this.lock(tx.manager, id);
      const before = { ...student };
      const { flags, siblingIds, ...fields } = dto;
      if (fields.grade && fields.grade !== student.grade && student.status === 'enrolled' && student.schoolId) {
        const school = await tx.manager.findOneByOrFail(School, { id: student.schoolId });
        if (!school.grades.includes(fields.grade)) {
          throw new ProblemException(422, `the student's school does not serve grade ${fields.grade}: transfer them`, { errors: [{ field: 'grade', message: 'not served at the current school' }] });
        }
      }
      Object.assign(student, fields, flags ?? {});
      if (siblingIds) await this.linkSiblings(tx, student, siblingIds);
      const changed = changedFields(before, student);
      if (changed.length === 0 && before.localId === student.localId && before.birthDate === student.birthDate) return toStudentResponse(student);
      student.version += 1;
      student.updatedAt = new Date();
      await tx.manager.save(student);
      if (student.status === 'enrolled' && student.schoolId && before.grade !== student.grade) {
        await applyCountChanges(tx.manager, [{ schoolId: student.schoolId, grade: before.grade, delta: -1 }, { schoolId: student.schoolId, grade: student.grade, delta: 1 }]);
      }
      if (changed.length && student.status === 'enrolled') {
        tx.publish(EnrollmentEvents.StudentUpdated, { student: studentSnapshot(student), changed });
      }
      return toStudentResponse(student);
    });
  }

  async get(id: string, user: AuthUser): Promise<StudentResponse> {
    const student = await this.ds.getRepository(Student).findOneBy({ id });
    if (!student) throw new ProblemException(404, 'no such student');
    assertSchoolScope(user, student.schoolId);
    return toStudentResponse(student);
  }

  /**
   * The student for the gateway's student overview (request/reply). The gateway checks the caller's role and
   * school scope against `schoolId` and writes the access to its audit log before it shows anything.
   */
  async summary(id: string): Promise<EnrollmentStudentSummary> {
    const [row]: (EnrollmentStudentSummary & { found: boolean })[] = await this.ds.query(
      `SELECT s.id, s.local_id AS "localId", s.first_name AS "firstName", s.last_name AS "lastName", s.grade, s.status,
              s.school_id AS "schoolId", sc.name AS "schoolName", to_char(e.entry_date, 'YYYY-MM-DD') AS "entryDate",
              json_build_object('iepTransportation', s.iep_transportation, 'englishLearner', s.english_learner, 'mckinneyVento', s.mckinney_vento) AS flags
       FROM students s LEFT JOIN schools sc ON sc.id = s.school_id LEFT JOIN enrollments e ON e.id = s.enrollment_id
       WHERE s.id = $1`,
      [id],
    );
    if (!row) throw new ProblemException(404, 'no such student');
    return row;
  }

  async list(q: StudentListQuery, user: AuthUser): Promise<Page<StudentResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId);
    const where = { ...(schools ? { schoolId: In(schools) } : {}), ...(q.grade ? { grade: q.grade } : {}) };
    const [rows, total] = await this.ds.getRepository(Student).findAndCount({ where, order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' }, take: q.limit, skip: q.offset });
    return { items: rows.map(toStudentResponse), total };
  }

  /** Loads a student for change, holding its row until the transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<Student> {
    const student = await manager.findOne(Student, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!student) throw new ProblemException(404, 'no such student');
    return student;
  }

  /** Sibling links are symmetric: linking A to B also links B to A (and B's change is published). */
  private async linkSiblings(tx: Tx, student: Student, siblingIds: string[]): Promise<void> {
    const wanted = [...new Set(siblingIds)].filter((s) => s !== student.id);
    const siblings = wanted.length ? await tx.manager.find(Student, { where: { id: In(wanted) }, lock: { mode: 'pessimistic_write' } }) : [];
    const missing = wanted.filter((w) => !siblings.some((s) => s.id === w));
    if (missing.length) throw new ProblemException(422, `unknown sibling ids: ${missing.join(', ')}`, { errors: [{ field: 'siblingIds', message: 'must be ids of students on record' }] });
    const removed = student.siblingIds.filter((s) => !wanted.includes(s));
    student.siblingIds = wanted;
    const others = [...siblings, ...(removed.length ? await tx.manager.find(Student, { where: { id: In(removed) }, lock: { mode: 'pessimistic_write' } }) : [])];
    for (const other of others) {
      const links = new Set(other.siblingIds);
      if (wanted.includes(other.id)) links.add(student.id);
      else links.delete(student.id);
      if (links.size === other.siblingIds.length && [...links].every((l) => other.siblingIds.includes(l))) continue;
      other.siblingIds = [...links];
      other.version += 1;
      await tx.manager.save(other);
      if (other.status === 'enrolled') tx.publish(EnrollmentEvents.StudentUpdated, { student: studentSnapshot(other), changed: ['siblingIds'] });
    }
    await tx.manager.save(student);
  }
}
