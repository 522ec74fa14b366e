import type { KpiDefinition } from './department-queries';
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

/** A run is a morning trip to school (AM) or an afternoon trip home (PM). */
export type RunSession = 'AM' | 'PM';
export const RUN_SESSIONS: readonly RunSession[] = ['AM', 'PM'];

/** A student's stop on one session's run: the full current state of that assignment. */
export interface StopAssignmentSnapshot {
  studentId: string;
  schoolId: string;
  session: RunSession;
  runId: string;
  runCode: string;
  stopId: string;
  stopName: string;
  /** HH:MM, local time */
  scheduledTime: string;
  /** straight-line walk from home to the stop */
  distanceMiles: number;
  assignedAt: string;
}

export interface StopAssigned {
  assignment: StopAssignmentSnapshot;
  /** increases with every assignment change (one sequence for all students), so consumers ignore an older copy */
  version: number;
}

export type StopUnassignReason =
  | 'withdrawn'
  | 'transferred'
  | 'no-longer-eligible'
  | 'beyond-walk-limit'
  | 'stop-removed'
  | 'run-inactive'
  | 'reassigned'
  | 'manual';

export interface StopUnassigned {
  studentId: string;
  schoolId: string;
  session: RunSession;
  runId: string;
  stopId: string;
  reason: StopUnassignReason;
  unassignedAt: string;
  version: number;
}

/** Runs of one school that will not operate on these dates (a building closure or a manual cancellation). */
export interface RunsCancelled {
  schoolId: string;
  runIds: string[];
  /** YYYY-MM-DD, ascending */
  dates: string[];
  reason: string;
  source: 'closure' | 'manual';
  /** the facilities closure, when the source is a closure */
  closureId: string | null;
}

/** Cancelled runs that operate again on these dates (closure lifted or shortened, manual cancellation withdrawn). */
export type RunsRestored = RunsCancelled;

export const TransportationEvents = {
  EligibilityDetermined: defineEvent<EligibilityDetermined>('transportation', 'eligibility', 'determined', 1),
  StopAssigned: defineEvent<StopAssigned>('transportation', 'stop', 'assigned', 1),
  StopUnassigned: defineEvent<StopUnassigned>('transportation', 'stop', 'unassigned', 1),
  RunsCancelled: defineEvent<RunsCancelled>('transportation', 'runs', 'cancelled', 1),
  RunsRestored: defineEvent<RunsRestored>('transportation', 'runs', 'restored', 1),
} as const;

export const TransportationRpc = {
  /** the foundation's one-school summary (kept for the gateway until it moves to school-summaries) */
  SchoolSummaryGet: 'transportation.school-summary.get',
  SchoolSummariesGet: 'transportation.school-summaries.get',
  KpisGet: 'transportation.kpis.get',
  BriefGet: 'transportation.brief.get',
  StudentSummaryGet: 'transportation.student-summary.get',
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

/** A school's section of `transportation.school-summaries.get` (relative to the request's `date`). */
export interface TransportationSchoolSection extends TransportationSchoolSummary {
  /** active runs serving the school, AM and PM */
  runs: number;
  /** yellow-bus eligible students with a stop on at least one run */
  riders: number;
  /** yellow-bus eligible students with no stop */
  unassignedEligible: number;
  /** the last service day before `date` with recorded AM arrivals (at most 7 days back), or null */
  onTimeDate: string | null;
  /** % of that day's AM runs arriving within the on-time window, null when none arrived */
  onTimeRateYesterday: number | null;
  /** runs of the school cancelled on `date` */
  runsCancelledToday: number;
}

/** `transportation.student-summary.get`: the student's eligibility and stops (no other student data). */
export interface TransportationStudentSummary {
  studentId: string;
  eligibility: {
    schoolId: string | null;
    status: EligibilityDetermined['status'];
    reason: string;
    distanceMiles: number | null;
    determinedAt: string;
  } | null;
  stops: Omit<StopAssignmentSnapshot, 'studentId'>[];
}

/** Every KPI of DOMAIN.md section 2, computed by transportation per month (and per school where it means something). */
export const TRANSPORTATION_KPIS: KpiDefinition[] = [
  { id: 'transportation.cost-per-rider', department: 'transportation', name: 'Cost per rider', unit: 'USD', direction: 'lower', perSchool: false,
    description: "the month's yellow-bus costs (contractor invoices and district fleet costs) ÷ students who rode at least once that month" },
  { id: 'transportation.cost-per-mile', department: 'transportation', name: 'Cost per mile', unit: 'USD', direction: 'lower', perSchool: false,
    description: "the month's transportation costs ÷ miles operated by the fleet" },
  { id: 'transportation.on-time-performance', department: 'transportation', name: 'On-time performance', unit: '%', direction: 'higher', perSchool: true,
    description: 'AM runs arriving within the configured window before the bell ÷ AM runs with a recorded arrival' },
  { id: 'transportation.daily-runs-per-bus', department: 'transportation', name: 'Daily runs per bus', unit: 'ratio', direction: 'higher', perSchool: false,
    description: 'runs operated ÷ buses in daily service, over the days of the month (CGCS median about 4.2)' },
  { id: 'transportation.miles-between-accidents', department: 'transportation', name: 'Miles between accidents', unit: 'miles', direction: 'higher', perSchool: false,
    description: 'miles operated ÷ accidents in the month (null in a month without accidents)' },
  { id: 'transportation.accidents-per-100k-miles', department: 'transportation', name: 'Accidents per 100,000 miles', unit: 'ratio', direction: 'lower', perSchool: false,
    description: 'accidents × 100,000 ÷ miles operated in the month' },
  { id: 'transportation.seat-utilization', department: 'transportation', name: 'Seat utilization', unit: '%', direction: 'higher', perSchool: true,
    description: 'students boarding ÷ seats on the vehicle, summed over the runs operated in the month' },
  { id: 'transportation.average-fleet-age', department: 'transportation', name: 'Average fleet age', unit: 'years', direction: 'lower', perSchool: false,
    description: 'mean age of the vehicles in service at the end of the month, from their in-service dates' },
  { id: 'transportation.eligible-without-stop', department: 'transportation', name: 'Eligible students without a stop', unit: 'count', direction: 'lower', perSchool: true,
    description: 'yellow-bus eligible students with no assigned stop, at the end of the month' },
  { id: 'transportation.eligible-without-stop-rate', department: 'transportation', name: 'Eligible students without a stop (%)', unit: '%', direction: 'lower', perSchool: true,
    description: 'eligible students without a stop ÷ yellow-bus eligible students, at the end of the month' },
  { id: 'transportation.average-ride-time-am', department: 'transportation', name: 'Average ride time (AM)', unit: 'minutes', direction: 'lower', perSchool: true,
    description: 'minutes from boarding to the run’s arrival at school, per rider, over the month’s AM runs' },
  { id: 'transportation.average-ride-time-pm', department: 'transportation', name: 'Average ride time (PM)', unit: 'minutes', direction: 'lower', perSchool: true,
    description: 'minutes from boarding at school to the rider’s stop (its scheduled time shifted by the run’s lateness), per rider, over the month’s PM runs' },
];
