import { GRADES, Grade, gradeIndex, SchoolSnapshot } from '@district/contracts';

export interface SchoolFields {
  code: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  grades: Grade[];
  capacity: Partial<Record<Grade, number>>;
}

/** Field errors for a school's grades and capacity (empty when valid). */
export function schoolProblems(s: Pick<SchoolFields, 'grades' | 'capacity'>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (new Set(s.grades).size !== s.grades.length) problems.push({ field: 'grades', message: 'grades must not repeat' });
  for (const [grade, seats] of Object.entries(s.capacity ?? {})) {
    if (!(GRADES as readonly string[]).includes(grade)) problems.push({ field: `capacity.${grade}`, message: `${grade} is not a grade` });
    else if (!s.grades.includes(grade as Grade)) problems.push({ field: `capacity.${grade}`, message: `the school does not serve grade ${grade}` });
    if (!Number.isInteger(seats) || (seats as number) < 0) problems.push({ field: `capacity.${grade}`, message: 'seats must be a whole number, 0 or more' });
  }
  return problems;
}

/** Grades in their natural order (PK, K, 1 … 12). */
export function sortGrades(grades: Grade[]): Grade[] {
  return [...grades].sort((a, b) => gradeIndex(a) - gradeIndex(b));
}

export function schoolSnapshot(s: SchoolFields & { id: string; version: number }): SchoolSnapshot {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    grades: sortGrades(s.grades),
    capacity: s.capacity,
    version: s.version,
  };
}
