import { defineEvent } from './envelope';

export type EligibilityStatus = 'yellow-bus' | 'transit-pass' | 'not-eligible';

/** Why the status was reached, e.g. `distance`, `iep`, `mckinney-vento`, `within-walk-zone`. */
export interface EligibilityDetermined {
  studentId: string;
  schoolId: string | null;
  status: EligibilityStatus | 'not-enrolled';
  reason: string;
  distanceMiles: number | null;
  determinedAt: string;
}

export const TransportationEvents = {
  EligibilityDetermined: defineEvent<EligibilityDetermined>('transportation', 'eligibility', 'determined', 1),
} as const;

export const TransportationRpc = {
  SchoolSummaryGet: 'transportation.school-summary.get',
} as const;

export interface SchoolSummaryRequest {
  schoolId: string;
}
export interface TransportationSchoolSummary {
  schoolId: string;
  eligibleRiders: number;
  transitPass: number;
  notEligible: number;
}
