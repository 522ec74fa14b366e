import type { DayUnit } from '@district/contracts';
import { fromDayNumber, toDayNumber } from './dates';
import { DistrictCalendar } from './district-calendar';

/**
 * What a contract says school days become when school is out for the summer:
 * `calendar-days` (every day counts), `working-days` (weekdays other than holidays count) or
 * `suspended` (nothing counts until school resumes).
 */
export type SummerRule = 'calendar-days' | 'working-days' | 'suspended';
export const SUMMER_RULES: readonly SummerRule[] = ['calendar-days', 'working-days', 'suspended'];
export const DAY_UNITS: readonly DayUnit[] = ['school', 'working', 'calendar'];

export interface DeadlineRule {
  days: number;
  unit: DayUnit;
}

export interface DeadlineOptions {
  summerRule: SummerRule;
  /** a deadline that lands on a weekend or holiday moves to the next working day (the usual contract clause) */
  rollToWorkingDay: boolean;
}

/** More days than any contractual deadline needs, even with a suspended summer: a guard against a bad calendar. */
const MAX_SPAN_DAYS = 3 * 366;

/** Whether `date` counts towards a deadline in `unit` days. */
export function countsAsDay(date: string, unit: DayUnit, calendar: DistrictCalendar, summerRule: SummerRule): boolean {
  switch (unit) {
    case 'calendar':
      return true;
    case 'working':
      return calendar.isWorkingDay(date);
    case 'school':
      if (calendar.isSummer(date)) {
        if (summerRule === 'calendar-days') return true;
        if (summerRule === 'working-days') return calendar.isWorkingDay(date);
        return false;
      }
      return calendar.isSchoolDay(date);
  }
}

/**
 * The last day to act when a contract gives `rule.days` days from `from` (the day of the event, which does
 * not count): counts forward the days that count in the rule's unit, then, if the day reached is not a
 * working day (a calendar-day deadline on a Saturday, a summer day), moves to the next working day.
 * Throws CalendarGapError when school days must be counted on days the calendar does not cover.
 */
export function computeDeadline(from: string, rule: DeadlineRule, calendar: DistrictCalendar, opts: DeadlineOptions): string {
  if (!Number.isInteger(rule.days) || rule.days < 1) throw new RangeError(`a deadline needs a positive whole number of days, not ${rule.days}`);
  const start = toDayNumber(from);
  let counted = 0;
  let day = start;
  while (counted < rule.days) {
    day++;
    if (day - start > MAX_SPAN_DAYS) throw new RangeError(`no deadline within ${MAX_SPAN_DAYS} days of ${from}: check the calendar`);
    if (countsAsDay(fromDayNumber(day), rule.unit, calendar, opts.summerRule)) counted++;
  }
  const due = fromDayNumber(day);
  return opts.rollToWorkingDay ? calendar.nextWorkingDay(due) : due;
}
