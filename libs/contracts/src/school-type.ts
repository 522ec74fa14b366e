import { Grade, gradeIndex } from './grades';

/**
 * A school's level, derived from the grades it serves (enrollment records grades, not a type):
 * elementary ends by grade 6; middle serves only grades 5–9; high starts at 9 or later; `k-8` starts
 * before 5 and ends by 9; `6-12` starts at 5 or later and ends at 10 or later; `k-12` spans both ends.
 */
export const SCHOOL_TYPES = ['elementary', 'middle', 'high', 'k-8', '6-12', 'k-12', 'other'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export function schoolTypeOf(grades: readonly Grade[]): SchoolType {
  const ranks = grades.map(gradeIndex).filter((r) => r >= 0);
  if (ranks.length === 0) return 'other';
  const low = Math.min(...ranks);
  const high = Math.max(...ranks);
  const g = (x: Grade) => gradeIndex(x);
  if (high <= g('6')) return 'elementary';
  if (low >= g('9')) return 'high';
  if (low >= g('5')) return high <= g('9') ? 'middle' : '6-12';
  return high <= g('9') ? 'k-8' : 'k-12';
}
