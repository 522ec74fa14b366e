import { GRADES, Grade, GradeUtilization, gradeIndex, SchoolSnapshot } from '@district/contracts';

/** A school's own fields (what a client sends); the published snapshot adds id and version. */
export type SchoolFields = Omit<SchoolSnapshot, 'id' | 'version'>;

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

/** Enrolled ÷ capacity, rounded to 4 places; null when there is no capacity to divide by. */
export function utilization(enrolled: number, capacity: number | null | undefined): number | null {
  if (!capacity) return null;
  return Math.round((enrolled / capacity) * 10_000) / 10_000;
}

/**
 * Seat utilisation per grade served (grades with students but no longer served are listed too) and in
 * total over the grades that have a capacity.
 */
export function seatUtilization(grades: Grade[], capacity: Partial<Record<Grade, number>>, enrolled: Partial<Record<Grade, number>>) {
  const all = sortGrades([...new Set([...grades, ...(Object.keys(enrolled) as Grade[])])]);
  const rows: GradeUtilization[] = all.map((grade) => {
    const seats = capacity[grade] ?? null;
    const n = enrolled[grade] ?? 0;
    return { grade, enrolled: n, capacity: seats, utilization: utilization(n, seats) };
  });
  const withCapacity = rows.filter((r) => r.capacity !== null);
  const totalCapacity = withCapacity.length ? withCapacity.reduce((a, r) => a + (r.capacity ?? 0), 0) : null;
  const enrolledInCapacity = withCapacity.reduce((a, r) => a + r.enrolled, 0);
  return {
    grades: rows,
    total: rows.reduce((a, r) => a + r.enrolled, 0),
    capacity: totalCapacity,
    utilization: utilization(enrolledInCapacity, totalCapacity),
  };
}
