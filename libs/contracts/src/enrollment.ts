import { defineEvent } from './envelope';
import type { Grade } from './grades';

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
  KpisGet: 'enrollment.kpis.get',
} as const;

export interface EnrollmentKpisRequest {
  /** YYYY-MM */
  period: string;
  schoolId?: string;
}

export interface EnrollmentKpiValues {
  /** enrolled at the end of the period */
  enrolled: number;
  capacity: number | null;
  /** enrolled ÷ capacity over schools with a recorded capacity */
  seatUtilization: number | null;
  /** exits other than transfers during the period */
  withdrawals: number;
  /** of the latest choice round run by the end of the period */
  firstChoiceRate: number | null;
  anyChoiceRate: number | null;
  waitlistLength: number | null;
}

export interface EnrollmentKpis {
  period: string;
  district: EnrollmentKpiValues;
  choiceRound: { id: string; name: string; schoolYear: string; runAt: string } | null;
  schools: (EnrollmentKpiValues & { schoolId: string })[];
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
