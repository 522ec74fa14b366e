import { EligibilityStatus, Grade, haversineMiles } from '@district/contracts';
import type { EligibilityPolicy } from './eligibility-policy';

export interface EligibilityInput {
  grade: Grade;
  home: { latitude: number; longitude: number };
  school: { latitude: number; longitude: number };
  flags: { iepTransportation: boolean; mckinneyVento: boolean };
}

export interface EligibilityDecision {
  status: EligibilityStatus;
  /** `iep`, `mckinney-vento`, `distance` (beyond the band's limit) or `within-walk-distance` */
  reason: 'iep' | 'mckinney-vento' | 'distance' | 'within-walk-distance';
  distanceMiles: number;
}

/** DOMAIN.md section 2: IEP transportation first, then McKinney-Vento, then the grade band's distance rule. */
export function determineEligibility(input: EligibilityInput, policy: EligibilityPolicy): EligibilityDecision {
  const distanceMiles = Math.round(haversineMiles(input.home.latitude, input.home.longitude, input.school.latitude, input.school.longitude) * 1000) / 1000;
  const band = policy.bands.find((b) => b.grades.includes(input.grade));
  if (!band) throw new Error(`the eligibility policy has no band for grade ${input.grade}`);
  if (input.flags.iepTransportation) return { status: policy.iepMode, reason: 'iep', distanceMiles };
  if (input.flags.mckinneyVento && policy.mckinneyVentoEligible) return { status: band.mode, reason: 'mckinney-vento', distanceMiles };
  // "more than N miles" (BPS wording); a band with 0 covers every student of its grades
  if (band.minDistanceMiles === 0 || distanceMiles > band.minDistanceMiles) return { status: band.mode, reason: 'distance', distanceMiles };
  return { status: 'not-eligible', reason: 'within-walk-distance', distanceMiles };
}
