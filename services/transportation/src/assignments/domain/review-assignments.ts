import { haversineMiles, RunSession, StopUnassignReason } from '@district/contracts';

export interface ReviewedStudent {
  latitude: number;
  longitude: number;
  /** enrolled at `schoolId` */
  enrolled: boolean;
  schoolId: string | null;
  /** current eligibility status and the school it was determined for */
  eligibility: string | null;
  eligibleSchoolId: string | null;
}

export interface CurrentAssignment {
  session: RunSession;
  schoolId: string;
  runActive: boolean;
  /** the stop's position */
  latitude: number;
  longitude: number;
}

/**
 * Which of a student's stops must go, and which sessions then need one (DOMAIN.md section 7, flows 1-3):
 * a withdrawal removes every stop; a transfer removes the old school's stops (the new school's are then
 * proposed); losing yellow-bus eligibility removes them; a move beyond the walk limit of a stop, or a
 * deactivated run, frees that session for a nearer stop.
 */
export function reviewAssignments(
  s: ReviewedStudent,
  current: readonly CurrentAssignment[],
  walkLimitMiles: number,
): { remove: { session: RunSession; reason: StopUnassignReason }[]; needs: RunSession[] } {
  const eligible = s.enrolled && !!s.schoolId && s.eligibility === 'yellow-bus' && s.eligibleSchoolId === s.schoolId;
  const remove: { session: RunSession; reason: StopUnassignReason }[] = [];
  const kept = new Set<RunSession>();
  for (const a of current) {
    let reason: StopUnassignReason | null = null;
    if (!s.enrolled || !s.schoolId) reason = 'withdrawn';
    else if (a.schoolId !== s.schoolId) reason = 'transferred';
    else if (!eligible) reason = 'no-longer-eligible';
    else if (!a.runActive) reason = 'run-inactive';
    else if (haversineMiles(s.latitude, s.longitude, a.latitude, a.longitude) > walkLimitMiles) reason = 'beyond-walk-limit';
    if (reason) remove.push({ session: a.session, reason });
    else kept.add(a.session);
  }
  const needs = eligible ? (['AM', 'PM'] as const).filter((x) => !kept.has(x)) : [];
  return { remove, needs };
}
