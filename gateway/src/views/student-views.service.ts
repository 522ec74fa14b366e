import { Injectable, Logger } from '@nestjs/common';
import { DepartmentQueries, EnrollmentStudentSummary, ROLES } from '@district/contracts';
import { currentContext } from '@district/messaging';
import { AuthUser, assertSchoolScope, ProblemException } from '@district/service-kit';
import { StudentAccessLog } from '../audit/student-access-log';
import { DepartmentClient } from '../clients/department-client';
import { Sources, sourcesOf } from './domain/school-views';
import { studentSections, StudentSectionAnswers } from './domain/student-view';

export interface StudentOverview {
  student: EnrollmentStudentSummary;
  transportation: Record<string, unknown> | null;
  food: Record<string, unknown> | null;
  technology: Record<string, unknown> | null;
  sources: Partial<Sources>;
}

/** Roles that may see a student's meal eligibility category (USDA restricts its disclosure). */
const MEAL_ELIGIBILITY_ROLES: string[] = [ROLES.foodRead, ROLES.foodWrite];

/**
 * One student across departments (FERPA): enrollment says which school the student belongs to, the caller's
 * scope is checked against it, the other departments are asked in parallel, and the access is written to
 * the audit log before anything is returned. No audit entry, no answer.
 */
@Injectable()
export class StudentViewsService {
  private readonly log = new Logger('StudentViews');

  constructor(
    private readonly departments: DepartmentClient,
    private readonly audit: StudentAccessLog,
  ) {}

  async overview(studentId: string, user: AuthUser): Promise<StudentOverview> {
    const enrollment = await this.departments.ask<EnrollmentStudentSummary>('enrollment', DepartmentQueries.studentSummary('enrollment'), { studentId });
    if (enrollment.status === 'not-found') throw new ProblemException(404, 'no such student');
    // without enrollment nobody can tell whose student this is: refuse rather than guess
    if (enrollment.status === 'unavailable') throw new ProblemException(503, `enrollment, which decides who may see this student, is not answering (${enrollment.detail})`);
    const student = enrollment.value;
    assertSchoolScope(user, student.schoolId);

    const includeSensitive = user.roles.some((r) => MEAL_ELIGIBILITY_ROLES.includes(r));
    const request = { studentId, includeSensitive };
    const [transportation, food, technology] = await Promise.all(
      (['transportation', 'food', 'technology'] as const).map((d) => this.departments.ask<Record<string, unknown>>(d, DepartmentQueries.studentSummary(d), request)),
    );
    const answers: StudentSectionAnswers = { transportation, food, technology };
    const { sections, fields } = studentSections(answers, includeSensitive);

    try {
      await this.audit.record({
        actor: user.sub,
        actorRoles: user.roles,
        actorSchools: user.schools ?? null,
        studentId,
        schoolId: student.schoolId,
        fields: ['enrollment', ...fields],
        purpose: 'GET /api/students/:id/overview',
        requestId: currentContext()?.correlationId ?? 'unknown',
      });
    } catch (err) {
      this.log.error(`student-record access could not be recorded; refusing the read: ${(err as Error).message}`);
      throw new ProblemException(503, 'the access to this student record could not be recorded, so it is not shown; try again shortly');
    }
    return { student, ...sections, sources: sourcesOf({ enrollment, ...answers }) };
  }
}
