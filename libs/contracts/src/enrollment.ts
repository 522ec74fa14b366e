import { defineEvent } from './envelope';
import type { KpiDefinition } from './department-queries';
import type { Grade } from './grades';
import type { SchoolType } from './school-type';

/** A school as enrollment publishes it: the full current state (consumers replace their copy). */
export interface SchoolSnapshot {
  id: string;
  code: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  grades: Grade[];
  capacity: Partial<Record<Grade, number>>;
  /** increases by one on every change; consumers ignore a snapshot older than what they hold */
  version: number;
}

export interface StudentFlags {
  iepTransportation: boolean;
  englishLearner: boolean;
  mckinneyVento: boolean;
}

export type StudentStatus = 'enrolled' | 'withdrawn' | 'not-enrolled';

/** A student as enrollment publishes it. Only what other departments need (data minimisation). */
export interface StudentSnapshot {
  id: string;
  localId: string;
  firstName: string;
  lastName: string;
  grade: Grade;
  address: string;
  latitude: number;
  longitude: number;
  flags: StudentFlags;
  siblingIds: string[];
  status: StudentStatus;
  /** current school, null when not enrolled */
  schoolId: string | null;
  enrollmentId: string | null;
  version: number;
}

export interface SchoolUpserted {
  school: SchoolSnapshot;
}
export interface StudentEnrolled {
  student: StudentSnapshot;
  enrollmentId: string;
  schoolId: string;
  entryDate: string;
}
export interface StudentTransferred {
  student: StudentSnapshot;
  fromSchoolId: string;
  toSchoolId: string;
  enrollmentId: string;
  entryDate: string;
}
export interface StudentWithdrawn {
  student: StudentSnapshot;
  schoolId: string;
  exitDate: string;
  exitReason: string;
}
export interface StudentUpdated {
  student: StudentSnapshot;
  /** names of the fields that changed, e.g. ["address", "latitude", "longitude"] */
  changed: string[];
}

/** A school choice round has run: offers exist for its applicants. */
export interface AssignmentCompleted {
  roundId: string;
  name: string;
  schoolYear: string;
  seed: string;
  applicants: number;
  assigned: number;
  firstChoice: number;
  completedAt: string;
}

export const EnrollmentEvents = {
  SchoolUpserted: defineEvent<SchoolUpserted>('enrollment', 'school', 'upserted', 1),
  StudentEnrolled: defineEvent<StudentEnrolled>('enrollment', 'student', 'enrolled', 1),
  StudentTransferred: defineEvent<StudentTransferred>('enrollment', 'student', 'transferred', 1),
  StudentWithdrawn: defineEvent<StudentWithdrawn>('enrollment', 'student', 'withdrawn', 1),
  StudentUpdated: defineEvent<StudentUpdated>('enrollment', 'student', 'updated', 1),
  AssignmentCompleted: defineEvent<AssignmentCompleted>('enrollment', 'assignment', 'completed', 1),
} as const;

/** Request/reply subjects served by enrollment (queue group `enrollment`). */
export const EnrollmentRpc = {
  SchoolOverviewGet: 'enrollment.school-overview.get',
  SchoolsList: 'enrollment.schools.list',
} as const;

/** Enrollment's KPIs (DOMAIN.md section 1), answered by `enrollment.kpis.get` (DepartmentQueries). */
export const ENROLLMENT_KPIS: KpiDefinition[] = [
  { id: 'enrollment.enrolled', department: 'enrollment', name: 'Students enrolled', unit: 'count', direction: 'context', description: 'students enrolled at the end of the month', perSchool: true },
  { id: 'enrollment.seat-utilization', department: 'enrollment', name: 'Seat utilization', unit: '%', direction: 'context', description: 'enrolled ÷ capacity, over schools with a recorded capacity, at the end of the month', perSchool: true },
  { id: 'enrollment.withdrawals', department: 'enrollment', name: 'Withdrawals', unit: 'count', direction: 'lower', description: 'exits other than transfers during the month', perSchool: true },
  { id: 'enrollment.first-choice-rate', department: 'enrollment', name: 'Applicants assigned their first choice', unit: '%', direction: 'higher', description: 'of the latest school-choice round run by the end of the month: applicants assigned their first choice ÷ applicants (per school: of those who ranked it first)', perSchool: true },
  { id: 'enrollment.any-choice-rate', department: 'enrollment', name: 'Applicants assigned any choice', unit: '%', direction: 'higher', description: 'of the latest round: applicants assigned one of their choices ÷ applicants', perSchool: true },
  { id: 'enrollment.waitlist-length', department: 'enrollment', name: 'Waitlist length', unit: 'count', direction: 'lower', description: 'waitlist entries of the latest round', perSchool: true },
];

/** Per school, for the gateway's school list and overview (`enrollment.school-summaries.get`). */
export interface EnrollmentSchoolSummary {
  school: Omit<SchoolSnapshot, 'version'> & { type: SchoolType };
  enrollment: SchoolEnrollmentOverview['enrollment'];
}

/** A page of schools for the gateway's list (`enrollment.schools.list`), filtered by type and grade served. */
export interface SchoolListRequest {
  limit: number;
  offset: number;
  type?: SchoolType;
  grade?: Grade;
  /** case-insensitive match on name or code */
  q?: string;
  /** only these schools (a school-scoped caller's) */
  schoolIds?: string[];
}
export interface SchoolListReply {
  items: (Omit<SchoolSnapshot, 'version'> & { type: SchoolType })[];
  total: number;
}

/** A student as the gateway's student overview shows it (`enrollment.student-summary.get`): no more than that view needs. */
export interface EnrollmentStudentSummary {
  id: string;
  localId: string;
  firstName: string;
  lastName: string;
  grade: Grade;
  status: StudentStatus;
  schoolId: string | null;
  schoolName: string | null;
  entryDate: string | null;
  flags: StudentFlags;
}

export interface SchoolOverviewRequest {
  schoolId: string;
}
/** Seats used: enrolled ÷ capacity, null where no capacity is recorded. */
export interface GradeUtilization {
  grade: Grade;
  enrolled: number;
  capacity: number | null;
  utilization: number | null;
}

export interface SchoolEnrollmentOverview {
  school: Omit<SchoolSnapshot, 'version'>;
  enrollment: {
    total: number;
    byGrade: Partial<Record<Grade, number>>;
    /** total seats over the grades with a recorded capacity */
    capacity: number | null;
    utilization: number | null;
    grades: GradeUtilization[];
  };
}
