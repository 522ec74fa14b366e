import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { EnrollmentEvents } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { ProblemException } from '@district/service-kit';
import { applyCountChanges } from '../schools/enrollment-counts';
import { School } from '../schools/school.entity';
import { studentSnapshot } from '../students/domain/student-rules';
import { StudentsService } from '../students/students.service';
import { enrollmentProblem, transferProblem, withdrawalProblem } from './domain/enrollment-rules';
import { EnrollDto, EnrollmentResponse, TransferDto, WithdrawDto } from './dto/enrollment.dto';
import { Enrollment } from './enrollment.entity';

function toResponse(e: Enrollment): EnrollmentResponse {
  const { createdAt: _c, ...rest } = e;
  return rest;
}

@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly students: StudentsService,
  ) {}

  /** Enrols a student at a school; publishes student.enrolled. */
  async enroll(dto: EnrollDto): Promise<EnrollmentResponse> {
    return this.uow.run(async (tx) => {
      const student = await this.students.lock(tx.manager, dto.studentId);
      const school = await tx.manager.findOneBy(School, { id: dto.schoolId });
      if (!school) throw new ProblemException(422, 'no such school', { errors: [{ field: 'schoolId', message: 'must be a school on record' }] });
      const open = await tx.manager.findOneBy(Enrollment, { studentId: student.id, exitDate: IsNull() });
      const problem = enrollmentProblem({ schoolGrades: school.grades, grade: dto.grade, open });
      if (problem) throw new ProblemException(open ? 409 : 422, problem);
      const enrollment = await tx.manager.save(tx.manager.create(Enrollment, { ...dto, exitDate: null, exitReason: null }));
      Object.assign(student, { status: 'enrolled', schoolId: school.id, enrollmentId: enrollment.id, grade: dto.grade, version: student.version + 1, updatedAt: new Date() });
      await tx.manager.save(student);
      await applyCountChanges(tx.manager, [{ schoolId: school.id, grade: dto.grade, delta: 1 }]);
      tx.publish(EnrollmentEvents.StudentEnrolled, { student: studentSnapshot(student), enrollmentId: enrollment.id, schoolId: school.id, entryDate: dto.entryDate });
      return toResponse(enrollment);
    });
  }

  /** Closes an enrollment; publishes student.withdrawn. */
  async withdraw(enrollmentId: string, dto: WithdrawDto): Promise<EnrollmentResponse> {
    return this.uow.run(async (tx) => {
      const found = await tx.manager.findOneBy(Enrollment, { id: enrollmentId });
      if (!found) throw new ProblemException(404, 'no such enrollment');
      const student = await this.students.lock(tx.manager, found.studentId);
      // read again under the student's lock, so two withdrawals cannot both pass the check
      const enrollment = (await tx.manager.findOneBy(Enrollment, { id: enrollmentId }))!;
      const problem = withdrawalProblem({ open: enrollment.exitDate === null, entryDate: enrollment.entryDate, exitDate: dto.exitDate });
      if (problem) throw new ProblemException(enrollment.exitDate === null ? 422 : 409, problem);
      enrollment.exitDate = dto.exitDate;
      enrollment.exitReason = dto.reason ?? 'withdrawn';
      await tx.manager.save(enrollment);
      const grade = student.grade;
      Object.assign(student, { status: 'withdrawn', schoolId: null, enrollmentId: null, version: student.version + 1, updatedAt: new Date() });
      await tx.manager.save(student);
      await applyCountChanges(tx.manager, [{ schoolId: enrollment.schoolId, grade, delta: -1 }]);
      tx.publish(EnrollmentEvents.StudentWithdrawn, { student: studentSnapshot(student), schoolId: enrollment.schoolId, exitDate: dto.exitDate, exitReason: enrollment.exitReason });
      return toResponse(enrollment);
    });
  }

  /** Closes the current enrollment and opens one at the new school, in one transaction; publishes student.transferred. */
  async transfer(studentId: string, dto: TransferDto): Promise<EnrollmentResponse> {
    return this.uow.run(async (tx) => {
      const student = await this.students.lock(tx.manager, studentId);
      const school = await tx.manager.findOneBy(School, { id: dto.schoolId });
      if (!school) throw new ProblemException(422, 'no such school', { errors: [{ field: 'schoolId', message: 'must be a school on record' }] });
      const open = await tx.manager.findOneBy(Enrollment, { studentId, exitDate: IsNull() });
      const grade = dto.grade ?? student.grade;
      const problem = transferProblem({ schoolGrades: school.grades, grade, open, toSchoolId: school.id, entryDate: dto.entryDate });
      if (problem) throw new ProblemException(open ? 422 : 409, problem);
      open!.exitDate = dto.entryDate;
      open!.exitReason = 'transfer';
      await tx.manager.save(open!);
      const enrollment = await tx.manager.save(tx.manager.create(Enrollment, { studentId, schoolId: school.id, grade, entryDate: dto.entryDate, exitDate: null, exitReason: null }));
      const before = { schoolId: open!.schoolId, grade: student.grade };
      Object.assign(student, { status: 'enrolled', schoolId: school.id, enrollmentId: enrollment.id, grade, version: student.version + 1, updatedAt: new Date() });
      await tx.manager.save(student);
      await applyCountChanges(tx.manager, [{ ...before, delta: -1 }, { schoolId: school.id, grade, delta: 1 }]);
      tx.publish(EnrollmentEvents.StudentTransferred, { student: studentSnapshot(student), fromSchoolId: open!.schoolId, toSchoolId: school.id, enrollmentId: enrollment.id, entryDate: dto.entryDate });
      return toResponse(enrollment);
    });
  }
}
