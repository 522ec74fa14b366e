import type { KpiValues } from '@district/contracts';
import { daysBetween } from '../../calendar/domain/dates';
import { ContractDates, expiredCoverage, expiringWithin, UnitWorkforce } from '../../contracts/domain/contract-status';

export const K = {
  open: 'labor-relations.open-grievances',
  backlog0: 'labor-relations.backlog-0-30-days',
  backlog31: 'labor-relations.backlog-31-60-days',
  backlog61: 'labor-relations.backlog-61-90-days',
  backlog90: 'labor-relations.backlog-over-90-days',
  filed: 'labor-relations.grievances-filed',
  per100: 'labor-relations.grievances-per-100-employees',
  step1: 'labor-relations.resolved-at-step-1',
  median: 'labor-relations.median-days-to-close',
  onTime: 'labor-relations.step-answers-on-time',
  unitsExpired: 'labor-relations.units-under-expired-contract',
  workforceExpired: 'labor-relations.workforce-under-expired-contract',
  expiring: 'labor-relations.contracts-expiring-within-180-days',
} as const;

export const EXPIRY_WINDOW_DAYS = 180;

/** Open grievances by filing day as of a date (from grievance_cohorts). */
export interface OpenCohort {
  filedOn: string;
  grievances: number;
}

/** One month's figures from grievance_monthly. */
export interface MonthFigures {
  filed: number;
  closed: number;
  closedAtStep1: number;
  answersOnTime: number;
  answersLate: number;
}

export const NO_FIGURES: MonthFigures = { filed: 0, closed: 0, closedAtStep1: 0, answersOnTime: 0, answersLate: 0 };

/** A histogram bin of days to close. */
export interface CloseDays {
  days: number;
  grievances: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
export const pct = (part: number, whole: number): number | null => (whole > 0 ? round1((part / whole) * 100) : null);

/** Median of a histogram (the mean of the two middle values for an even count); null when empty. */
export function medianOfHistogram(bins: readonly CloseDays[]): number | null {
  const sorted = bins.filter((b) => b.grievances > 0).sort((a, b) => a.days - b.days);
  const n = sorted.reduce((s, b) => s + b.grievances, 0);
  if (n === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.grievances;
      if (seen > k) return b.days;
    }
    return sorted[sorted.length - 1].days;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** Open grievances and backlog by age on `asOf`. */
export function backlog(cohorts: readonly OpenCohort[], asOf: string): KpiValues {
  const v = { [K.open]: 0, [K.backlog0]: 0, [K.backlog31]: 0, [K.backlog61]: 0, [K.backlog90]: 0 };
  for (const c of cohorts) {
    const age = daysBetween(c.filedOn, asOf);
    v[K.open] += c.grievances;
    const bucket = age <= 30 ? K.backlog0 : age <= 60 ? K.backlog31 : age <= 90 ? K.backlog61 : K.backlog90;
    v[bucket] += c.grievances;
  }
  return v;
}

/** The grievance KPIs of one month (district, unit or school). */
export function grievanceKpis(input: { cohorts: readonly OpenCohort[]; asOf: string; month: MonthFigures; closeDays: readonly CloseDays[] }): KpiValues {
  const m = input.month;
  return {
    ...backlog(input.cohorts, input.asOf),
    [K.filed]: m.filed,
    [K.step1]: pct(m.closedAtStep1, m.closed),
    [K.median]: medianOfHistogram(input.closeDays),
    [K.onTime]: pct(m.answersOnTime, m.answersOnTime + m.answersLate),
  };
}

/** The workforce KPIs on `asOf`: grievances per 100 employees over the trailing year, units under expired contracts, expiries ahead. */
export function workforceKpis(input: { units: readonly UnitWorkforce[]; contracts: readonly ContractDates[]; asOf: string; filedTrailingYear: number }): KpiValues {
  const employees = input.units.reduce((s, u) => s + u.employeeCount, 0);
  const coverage = expiredCoverage(input.units, input.contracts, input.asOf);
  return {
    [K.per100]: employees > 0 ? round1((input.filedTrailingYear / employees) * 100) : null,
    [K.unitsExpired]: input.units.length ? coverage.units : null,
    [K.workforceExpired]: coverage.workforcePct,
    [K.expiring]: input.units.length ? expiringWithin(input.contracts, input.asOf, EXPIRY_WINDOW_DAYS).length : null,
  };
}

/** Every KPI of the catalogue null: a month that has not begun. */
export function emptyKpis(): KpiValues {
  return Object.fromEntries(Object.values(K).map((id) => [id, null]));
}
