import type { EnrollmentKpiValues } from '@district/contracts';

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

/** The figures every level reports (the contract's shape). */
export type KpiValues = EnrollmentKpiValues;

const ratio = (n: number, d: number | null | undefined): number | null => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

export function schoolKpis(s: SchoolFigures): KpiValues & { schoolId: string } {
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

export function districtKpis(schools: SchoolFigures[], round: RoundSummary | null): KpiValues {
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

/** `YYYY-MM` → first day of the month and first day of the next, or undefined when not a month. */
export function periodBounds(period: string): { start: string; next: string } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return { start: `${period}-01`, next };
}
