import type { SchoolEnrollmentOverview, TransportationSchoolSummary } from '@district/contracts';

/** One department's part of a view: its answer, a deliberate "no such thing", or no usable answer. */
export type DepartmentAnswer<T> =
  | { status: 'ok'; value: T; ms: number }
  | { status: 'not-found'; detail: string; ms: number }
  | { status: 'unavailable'; detail: string; ms: number };

export interface SourceStatus {
  status: 'ok' | 'unavailable';
  ms: number;
  detail?: string;
}

export interface SchoolOverview {
  school: SchoolEnrollmentOverview['school'] | null;
  enrollment: SchoolEnrollmentOverview['enrollment'] | null;
  transportation: Omit<TransportationSchoolSummary, 'schoolId'> | null;
  sources: { enrollment: SourceStatus; transportation: SourceStatus };
}

export type SchoolOverviewResult = { found: true; overview: SchoolOverview } | { found: false; detail: string };

function source(answer: DepartmentAnswer<unknown>): SourceStatus {
  return answer.status === 'ok' ? { status: 'ok', ms: answer.ms } : { status: 'unavailable', ms: answer.ms, detail: answer.detail };
}

/**
 * Enrollment owns schools: when it says the school does not exist, so does the view. Otherwise every
 * department that answered fills its section; one that did not leaves it null and says why in `sources`.
 */
export function mergeSchoolOverview(
  enrollment: DepartmentAnswer<SchoolEnrollmentOverview>,
  transportation: DepartmentAnswer<TransportationSchoolSummary>,
): SchoolOverviewResult {
  if (enrollment.status === 'not-found') return { found: false, detail: enrollment.detail };
  const e = enrollment.status === 'ok' ? enrollment.value : null;
  const t = transportation.status === 'ok' ? transportation.value : null;
  return {
    found: true,
    overview: {
      school: e?.school ?? null,
      enrollment: e ? e.enrollment : null,
      transportation: t ? { eligibleRiders: t.eligibleRiders, transitPass: t.transitPass, notEligible: t.notEligible } : null,
      sources: { enrollment: source(enrollment), transportation: source(transportation) },
    },
  };
}
