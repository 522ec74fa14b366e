/** Grade levels the district serves, in order. PK = pre-kindergarten, K = kindergarten. */
export const GRADES = ['PK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export type Grade = (typeof GRADES)[number];

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}

/** Position of a grade in GRADES (PK = 0). */
export function gradeIndex(grade: Grade): number {
  return GRADES.indexOf(grade);
}

/** Grades from `from` to `to` inclusive, e.g. gradeRange('K', '5'). */
export function gradeRange(from: Grade, to: Grade): Grade[] {
  return GRADES.slice(gradeIndex(from), gradeIndex(to) + 1) as Grade[];
}
