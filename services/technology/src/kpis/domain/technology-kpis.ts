import type { KpiValues } from '@district/contracts';
import { daysBetween } from '../../common/dates';
import { isDueForRefresh } from '../../refresh/domain/refresh';

/**
 * Technology KPIs (DOMAIN.md section 5) for one month, from maintained aggregates the service reads:
 * stocks at the end of the month (enrolled, 1:1 devices held, active fleet by cohort), flows during it
 * (repairs opened, losses, tickets resolved) and the resolution-time histogram. Pure.
 */
export interface MonthFigures {
  /** students enrolled at the end of the month */
  enrolled: number;
  /** 1:1 devices held by students at the end of the month */
  studentDevices: number;
  /** active devices (not lost or retired) at the end of the month, by purchase date and auto-update expiration (null: none) */
  cohorts: { purchaseDate: string; autoUpdateExpiration: string | null; devices: number }[];
  repairsOpened: number;
  devicesLost: number;
  ticketsResolved: number;
  ticketsFirstContact: number;
  /** resolution times of the tickets resolved in the month: whole minutes → how many tickets */
  resolutionMinutes: Map<number, number>;
  /** contracted Kbps in effect (null: no contract recorded) */
  kbps: number | null;
  /** users the contracted Kbps serve (the district counts only schools with a contract); default: enrolled */
  bandwidthUsers?: number;
}

export const emptyFigures = (): MonthFigures => ({
  enrolled: 0, studentDevices: 0, cohorts: [], repairsOpened: 0, devicesLost: 0, ticketsResolved: 0, ticketsFirstContact: 0, resolutionMinutes: new Map(), kbps: null,
});

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (n: number, d: number, places = 4): number | null => (d > 0 ? round(n / d, places) : null);
const percent = (n: number, d: number): number | null => (d > 0 ? round((n / d) * 100, 2) : null);

/** Median of a histogram (value → count); the mean of the two middle values when the count is even. */
export function histogramMedian(hist: Map<number, number>): number | null {
  const entries = [...hist.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [v, n] of entries) {
      seen += n;
      if (seen > rank) return v;
    }
    return entries[entries.length - 1][0];
  };
  return total % 2 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

/** The values of every KPI in TECHNOLOGY_KPIS for one month (school or district figures), as of `asOf`. */
export function kpiValues(f: MonthFigures, asOf: string, cycleYears: number): KpiValues {
  let fleet = 0;
  let due = 0;
  let ageDays = 0;
  for (const c of f.cohorts) {
    if (c.devices <= 0) continue;
    fleet += c.devices;
    if (isDueForRefresh(c, asOf, cycleYears)) due += c.devices;
    ageDays += Math.max(0, daysBetween(c.purchaseDate, asOf)) * c.devices;
  }
  const median = histogramMedian(f.resolutionMinutes);
  return {
    'technology.devices-per-student': ratio(f.studentDevices, f.enrolled),
    'technology.fleet-due-for-refresh': percent(due, fleet),
    'technology.average-device-age': fleet > 0 ? round(ageDays / fleet / 365.25, 2) : null,
    'technology.ticket-resolution-time': median === null ? null : round(median / 60, 2),
    'technology.first-contact-resolution': percent(f.ticketsFirstContact, f.ticketsResolved),
    'technology.repairs-per-100-devices': fleet > 0 ? round((f.repairsOpened / fleet) * 100, 2) : null,
    'technology.loss-rate': percent(f.devicesLost, fleet + f.devicesLost),
    'technology.bandwidth-per-user': f.kbps === null ? null : ratio(f.kbps, f.bandwidthUsers ?? f.enrolled, 1),
  };
}

/** District figures: the schools' figures added up; bandwidth over the schools that have a contract only. */
export function districtFigures(schools: readonly MonthFigures[]): MonthFigures {
  const d = emptyFigures();
  let contractedKbps = 0;
  let contractedUsers = 0;
  let contracts = 0;
  for (const s of schools) {
    d.enrolled += s.enrolled;
    d.studentDevices += s.studentDevices;
    d.cohorts.push(...s.cohorts);
    d.repairsOpened += s.repairsOpened;
    d.devicesLost += s.devicesLost;
    d.ticketsResolved += s.ticketsResolved;
    d.ticketsFirstContact += s.ticketsFirstContact;
    for (const [m, n] of s.resolutionMinutes) d.resolutionMinutes.set(m, (d.resolutionMinutes.get(m) ?? 0) + n);
    if (s.kbps !== null) {
      contracts++;
      contractedKbps += s.kbps;
      contractedUsers += s.enrolled;
    }
  }
  return { ...d, kbps: contracts ? contractedKbps : null, bandwidthUsers: contractedUsers };
}

/** Months from..to inclusive (YYYY-MM), or undefined when not in order or longer than `max`. */
export function monthsBetween(from: string, to: string, max: number): string[] | undefined {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const count = (ty - fy) * 12 + (tm - fm) + 1;
  if (!(count >= 1 && count <= max)) return undefined;
  return Array.from({ length: count }, (_, i) => {
    const n = fy * 12 + (fm - 1) + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

/** Last day of a month YYYY-MM. */
export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
