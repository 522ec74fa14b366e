import type { Grade } from '@district/contracts';

export interface OpenEnrollment {
  schoolId: string;
  entryDate: string;
}

/**
 * Why a student cannot be enrolled at a school in a grade (undefined when they can).
 * Capacity does not block: a district must seat an enrolled student; utilisation reports the overflow.
 */
export function enrollmentProblem(args: { schoolGrades: Grade[]; grade: Grade; open: OpenEnrollment | null }): string | undefined {
  if (args.open) return 'the student is already enrolled; transfer or withdraw them first';
  if (!args.schoolGrades.includes(args.grade)) return `the school does not serve grade ${args.grade}`;
  return undefined;
}

/** Why a student cannot transfer (undefined when they can). */
export function transferProblem(args: { schoolGrades: Grade[]; grade: Grade; open: OpenEnrollment | null; toSchoolId: string; entryDate: string }): string | undefined {
  if (!args.open) return 'the student is not enrolled; enrol them instead';
  if (args.open.schoolId === args.toSchoolId) return 'the student is already at this school';
  if (args.entryDate < args.open.entryDate) return `the transfer date is before the current entry date ${args.open.entryDate}`;
  if (!args.schoolGrades.includes(args.grade)) return `the school does not serve grade ${args.grade}`;
  return undefined;
}

/** Why an enrollment cannot be closed on this date (undefined when it can). */
export function withdrawalProblem(args: { open: boolean; entryDate: string; exitDate: string }): string | undefined {
  if (!args.open) return 'this enrollment is already closed';
  if (args.exitDate < args.entryDate) return `the exit date is before the entry date ${args.entryDate}`;
  return undefined;
}
