import type { DayUnit } from '@district/contracts';
import { DAY_UNITS, DeadlineRule, SUMMER_RULES, SummerRule } from '../../calendar/domain/deadlines';

/**
 * One step of a contract's grievance procedure (DOMAIN.md section 6), as data: who answers, how long the
 * union has to file it (step 1: from the event; later steps: from the previous step's answer, or from the
 * day that answer was due when none came), and how long the employer has to answer, each in its day unit.
 */
export interface GrievanceStepDefinition {
  step: number;
  name: string;
  /** e.g. principal, superintendent's designee, school committee, arbitrator */
  answeredBy: string;
  fileWithin: DeadlineRule;
  answerWithin: DeadlineRule;
}

export interface GrievanceProcedure {
  steps: GrievanceStepDefinition[];
  /** what school days become when school is out */
  summerRule: SummerRule;
  /** a deadline landing on a weekend or holiday moves to the next working day */
  rollToWorkingDay: boolean;
}

export const MAX_STEPS = 6;
export const MAX_DEADLINE_DAYS = 365;

/** Field errors of a procedure (empty when it is usable). */
export function procedureErrors(p: GrievanceProcedure): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (!Array.isArray(p.steps) || p.steps.length === 0 || p.steps.length > MAX_STEPS) {
    errors.push({ field: 'grievanceProcedure.steps', message: `a procedure has 1 to ${MAX_STEPS} steps` });
    return errors;
  }
  p.steps.forEach((s, i) => {
    if (s.step !== i + 1) errors.push({ field: `grievanceProcedure.steps.${i}.step`, message: `steps are numbered 1, 2, 3… in order; expected ${i + 1}` });
    for (const key of ['fileWithin', 'answerWithin'] as const) {
      const r = s[key];
      if (!r || !Number.isInteger(r.days) || r.days < 1 || r.days > MAX_DEADLINE_DAYS) {
        errors.push({ field: `grievanceProcedure.steps.${i}.${key}.days`, message: `a whole number of days from 1 to ${MAX_DEADLINE_DAYS}` });
      }
      if (!r || !DAY_UNITS.includes(r.unit as DayUnit)) errors.push({ field: `grievanceProcedure.steps.${i}.${key}.unit`, message: `one of ${DAY_UNITS.join(', ')}` });
    }
  });
  if (!SUMMER_RULES.includes(p.summerRule)) errors.push({ field: 'grievanceProcedure.summerRule', message: `one of ${SUMMER_RULES.join(', ')}` });
  return errors;
}

/**
 * A typical teachers' procedure (DOMAIN.md section 6 defaults): file within 30 school days; Step 1
 * principal answers within 10 school days; appeal to Step 2 (superintendent) within 10 school days,
 * decision within 10 school days; Step 3 (school committee) appeal within 10, decision within 20
 * calendar days; demand for arbitration within 30 calendar days.
 */
export const DEFAULT_PROCEDURE: GrievanceProcedure = {
  summerRule: 'calendar-days',
  rollToWorkingDay: true,
  steps: [
    { step: 1, name: 'Step 1: Principal', answeredBy: 'principal or supervisor', fileWithin: { days: 30, unit: 'school' }, answerWithin: { days: 10, unit: 'school' } },
    { step: 2, name: 'Step 2: Superintendent', answeredBy: "superintendent's designee", fileWithin: { days: 10, unit: 'school' }, answerWithin: { days: 10, unit: 'school' } },
    { step: 3, name: 'Step 3: School Committee', answeredBy: 'school committee', fileWithin: { days: 10, unit: 'school' }, answerWithin: { days: 20, unit: 'calendar' } },
    { step: 4, name: 'Arbitration', answeredBy: 'arbitrator (AAA)', fileWithin: { days: 30, unit: 'calendar' }, answerWithin: { days: 30, unit: 'calendar' } },
  ],
};
