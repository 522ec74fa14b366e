import type { KpiValues } from '@district/contracts';

/**
 * Enrollment KPIs for a month (DOMAIN.md section 1): enrolled and seat utilisation at the end of the month,
 * withdrawals during it, and the first-choice / any-choice assignment rates and waitlist length of the
 * latest choice round run by then. Pure: the service reads maintained aggregates and passes them in.
 */

export interface SchoolFigures {
  schoolId: string;
  /** enrolled at the end of the month */
  enrolled: number;
  /** total seats recorded (null when none) */
  capacity: number | null;
  withdrawals: number;
  choice?: { applicants: number; firstChoiceApplicants: number; firstChoiceAssigned: number; assigned: number; waitlist: number };
}

export interface RoundSummary {
  applicants: number;
  assigned: number;
  firstChoice: number;
  waitlist: number;
}

/** The figures every level reports; rates are fractions here and percentages in the contract. */
export interface EnrollmentFigures {
  /** enrolled at the end of the period */
  enrolled: number;
  capacity: number | null;
  seatUtilization: number | null;
  withdrawals: number;
  firstChoiceRate: number | null;
  anyChoiceRate: number | null;
  waitlistLength: number | null;
}

const ratio = (n: number, d: number | null | undefined): number | null => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

export function schoolKpis(s: SchoolFigures): EnrollmentFigures & { schoolId: string } {
  return {
    schoolId: s.schoolId,
    enrolled: s.enrolled,
    capacity: s.capacity,
    seatUtilization: ratio(s.enrolled, s.capacity),
    withdrawals: s.withdrawals,
    // per school: of the applicants who ranked it first, the share placed there; any choice: of those who listed it
    firstChoiceRate: s.choice ? ratio(s.choice.firstChoiceAssigned, s.choice.firstChoiceApplicants) : null,
    anyChoiceRate: s.choice ? ratio(s.choice.assigned, s.choice.applicants) : null,
    waitlistLength: s.choice ? s.choice.waitlist : null,
  };
}

export function districtKpis(schools: SchoolFigures[], round: RoundSummary | null): EnrollmentFigures {
  const enrolled = schools.reduce((a, s) => a + s.enrolled, 0);
  const withCapacity = schools.filter((s) => s.capacity);
  const capacity = withCapacity.length ? withCapacity.reduce((a, s) => a + (s.capacity ?? 0), 0) : null;
  return {
    enrolled,
    capacity,
    seatUtilization: ratio(withCapacity.reduce((a, s) => a + s.enrolled, 0), capacity),
    withdrawals: schools.reduce((a, s) => a + s.withdrawals, 0),
    firstChoiceRate: round ? ratio(round.firstChoice, round.applicants) : null,
    anyChoiceRate: round ? ratio(round.assigned, round.applicants) : null,
    waitlistLength: round ? round.waitlist : null,
  };
}

const percent = (r: number | null) => (r === null ? null : Math.round(r * 1_000_000) / 10_000);

/** The figures under the contract's KPI ids (ENROLLMENT_KPIS), rates as percentages. */
export function asKpiValues(f: EnrollmentFigures): KpiValues {
  return {
    'enrollment.enrolled': f.enrolled,
    'enrollment.seat-utilization': percent(f.seatUtilization),
    'enrollment.withdrawals': f.withdrawals,
    'enrollment.first-choice-rate': percent(f.firstChoiceRate),
    'enrollment.any-choice-rate': percent(f.anyChoiceRate),
    'enrollment.waitlist-length': f.waitlistLength,
  };
}

/** One school-month of the maintained aggregate: net entries and withdrawals. */
export interface MonthlyRow {
  schoolId: string;
  period: string;
  net: number;
  withdrawals: number;
}

/**
 * Each month's figures per school: enrolled = the running sum of net entries up to that month's end,
 * withdrawals = that month's. `monthly` must be in month order and may start long before `months`.
 */
export function figuresByMonth(schools: { id: string; capacity: number | null }[], monthly: MonthlyRow[], months: string[]): Map<string, SchoolFigures[]> {
  const running = new Map<string, number>(schools.map((s) => [s.id, 0]));
  const out = new Map<string, SchoolFigures[]>();
  let i = 0;
  for (const period of months) {
    const withdrawals = new Map<string, number>();
    for (; i < monthly.length && monthly[i].period <= period; i++) {
      const row = monthly[i];
      running.set(row.schoolId, (running.get(row.schoolId) ?? 0) + row.net);
      if (row.period === period) withdrawals.set(row.schoolId, row.withdrawals);
    }
    out.set(period, schools.map((s) => ({ schoolId: s.id, capacity: s.capacity, enrolled: running.get(s.id) ?? 0, withdrawals: withdrawals.get(s.id) ?? 0 })));
  }
  return out;
}
