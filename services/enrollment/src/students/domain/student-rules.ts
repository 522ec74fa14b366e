import type { StudentSnapshot } from '@district/contracts';

/** The student fields other departments react to; a change to any of them publishes student.updated. */
export const PUBLISHED_FIELDS = ['firstName', 'lastName', 'grade', 'address', 'latitude', 'longitude', 'iepTransportation', 'englishLearner', 'mckinneyVento', 'siblingIds'] as const;
type Published = (typeof PUBLISHED_FIELDS)[number];

export type StudentState = { [K in Published]: K extends 'siblingIds' ? string[] : unknown } & {
  id: string;
  localId: string;
  birthDate: string;
  status: StudentSnapshot['status'];
  schoolId: string | null;
  enrollmentId: string | null;
  version: number;
};

/** Names of the published fields whose values differ between two states. */
export function changedFields(before: Partial<StudentState>, after: Partial<StudentState>): string[] {
  return PUBLISHED_FIELDS.filter((f) => {
    const a = before[f];
    const b = after[f];
    if (Array.isArray(a) && Array.isArray(b)) return [...a].sort().join(',') !== [...b].sort().join(',');
    return a !== b;
  });
}

/** A birth date must be a real past date, and the student younger than 22 (IDEA serves to 21). */
export function birthDateProblem(birthDate: string, today = new Date()): string | undefined {
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate) return 'birthDate must be a real date, YYYY-MM-DD';
  if (d > today) return 'birthDate is in the future';
  const age = (today.getTime() - d.getTime()) / (365.25 * 86_400_000);
  if (age >= 22) return 'a student must be younger than 22';
  if (age < 2) return 'a student must be at least 2 years old';
  return undefined;
}

export function studentSnapshot(s: StudentState): StudentSnapshot {
  return {
    id: s.id,
    localId: s.localId,
    firstName: s.firstName as string,
    lastName: s.lastName as string,
    grade: s.grade as StudentSnapshot['grade'],
    address: s.address as string,
    latitude: s.latitude as number,
    longitude: s.longitude as number,
    flags: {
      iepTransportation: !!s.iepTransportation,
      englishLearner: !!s.englishLearner,
      mckinneyVento: !!s.mckinneyVento,
    },
    siblingIds: [...s.siblingIds].sort(),
    status: s.status,
    schoolId: s.schoolId,
    enrollmentId: s.enrollmentId,
    version: s.version,
  };
}
