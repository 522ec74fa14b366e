import { ProblemException } from '../http/problem';
import type { AuthUser } from './jwt';

/** Whether the caller may see data of this school (district-wide callers see every school). */
export function canSeeSchool(user: AuthUser, schoolId: string | null | undefined): boolean {
  if (!user.schools) return true;
  return !!schoolId && user.schools.includes(schoolId);
}

/** 403 unless the caller may see this school. */
export function assertSchoolScope(user: AuthUser, schoolId: string | null | undefined): void {
  if (!canSeeSchool(user, schoolId)) throw new ProblemException(403, 'this school is outside your scope');
}

/**
 * The schools a list may cover: the requested one (checked against scope), else the caller's scope,
 * else undefined meaning every school.
 */
export function scopedSchoolIds(user: AuthUser, requested?: string): string[] | undefined {
  if (requested) {
    assertSchoolScope(user, requested);
    return [requested];
  }
  return user.schools;
}
