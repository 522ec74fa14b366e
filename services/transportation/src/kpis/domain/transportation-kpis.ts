import type { KpiValues } from '@district/contracts';

/** What the maintained aggregates give for one month, district-wide or for one school (ADR 12). */
export interface OperationsFigures {
  /** AM runs with a recorded arrival, and those within the on-time window */
  amArrived: number;
  amOnTime: number;
  /** boardings and seats over the run-days of the month */
  boardings: number;
  seats: number;
  /** rider-minutes and riders over run-days with both scans and an arrival */
  amRideMinutes: number;
  amRideRiders: number;
  pmRideMinutes: number;
  pmRideRiders: number;
  /** run-days with an arrival, and distinct (vehicle, day) among them */
  runsOperated: number;
  vehicleDays: number;
}

export interface CoverageFigures {
  eligible: number;
  riders: number;
}

export interface DistrictFigures extends OperationsFigures {
  /** the month's recorded costs; null when none is recorded */
  cost: number | null;
  /** distinct students who rode at least once in the month */
  distinctRiders: number;
  miles: number;
  accidents: number;
  /** mean age in years of the vehicles in service at the end of the month */
  fleetAge: number | null;
  coverage: CoverageFigures | null;
}

export const EMPTY_OPERATIONS: OperationsFigures = {
  amArrived: 0, amOnTime: 0, boardings: 0, seats: 0, amRideMinutes: 0, amRideRiders: 0, pmRideMinutes: 0, pmRideRiders: 0, runsOperated: 0, vehicleDays: 0,
};

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
/** n ÷ d, or null when there is nothing to divide by (never a made-up zero) */
const quotient = (n: number, d: number, scale = 1): number | null => (d > 0 ? round((n / d) * scale) : null);

function perSchoolValues(f: OperationsFigures, coverage: CoverageFigures | null): KpiValues {
  const without = coverage ? Math.max(0, coverage.eligible - coverage.riders) : null;
  return {
    'transportation.on-time-performance': quotient(f.amOnTime, f.amArrived, 100),
    'transportation.seat-utilization': quotient(f.boardings, f.seats, 100),
    'transportation.eligible-without-stop': without,
    'transportation.eligible-without-stop-rate': coverage && without !== null ? quotient(without, coverage.eligible, 100) : null,
    'transportation.average-ride-time-am': quotient(f.amRideMinutes, f.amRideRiders),
    'transportation.average-ride-time-pm': quotient(f.pmRideMinutes, f.pmRideRiders),
  };
}

/** Every KPI of the catalogue (TRANSPORTATION_KPIS) for the district in one month. */
export function districtKpis(f: DistrictFigures): KpiValues {
  return {
    'transportation.cost-per-rider': f.cost === null ? null : quotient(f.cost, f.distinctRiders),
    'transportation.cost-per-mile': f.cost === null ? null : quotient(f.cost, f.miles),
    'transportation.daily-runs-per-bus': quotient(f.runsOperated, f.vehicleDays),
    'transportation.miles-between-accidents': f.accidents > 0 ? round(f.miles / f.accidents, 0) : null,
    'transportation.accidents-per-100k-miles': quotient(f.accidents, f.miles, 100_000),
    'transportation.average-fleet-age': f.fleetAge === null ? null : round(f.fleetAge),
    ...perSchoolValues(f, f.coverage),
  };
}

/** The per-school KPIs (those with perSchool in the catalogue) for one school in one month. */
export function schoolKpis(f: OperationsFigures, coverage: CoverageFigures | null): KpiValues {
  return perSchoolValues(f, coverage);
}
