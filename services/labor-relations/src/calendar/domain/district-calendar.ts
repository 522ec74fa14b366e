import { fromDayNumber, isWeekend, toDayNumber } from './dates';

/**
 * A holiday closes schools and district offices (no school day, no working day); a break closes schools
 * only (vacation weeks, professional days without students): offices work, so it is a working day.
 */
export type DayOffKind = 'holiday' | 'break';

export interface SchoolYearSpan {
  name: string;
  /** first and last day of the school year (first and last student day), inclusive */
  startsOn: string;
  endsOn: string;
}

export interface DayOffRange {
  startsOn: string;
  endsOn: string;
  kind: DayOffKind;
  name: string;
}

/** The calendar has no school year for a day whose school-day status a computation needs. */
export class CalendarGapError extends Error {
  constructor(readonly date: string) {
    super(`the district calendar has no school year covering ${date}; add the school year (and its holidays and breaks) first`);
  }
}

/**
 * Which days are school days and working days (DOMAIN.md section 6). Days between two school years are
 * summer; days before the first or after the last school year are unknown (CalendarGapError when asked).
 */
export class DistrictCalendar {
  private readonly years: { start: number; end: number }[];
  private readonly holidays = new Set<number>();
  private readonly breaks = new Set<number>();

  constructor(years: readonly SchoolYearSpan[], daysOff: readonly DayOffRange[]) {
    this.years = years.map((y) => ({ start: toDayNumber(y.startsOn), end: toDayNumber(y.endsOn) })).sort((a, b) => a.start - b.start);
    for (const off of daysOff) {
      const set = off.kind === 'holiday' ? this.holidays : this.breaks;
      for (let d = toDayNumber(off.startsOn); d <= toDayNumber(off.endsOn); d++) set.add(d);
    }
  }

  /** Whether the calendar knows the school-day status of the date (from the first school year's start to the last one's end). */
  covers(date: string): boolean {
    if (this.years.length === 0) return false;
    const d = toDayNumber(date);
    return d >= this.years[0].start && d <= this.years[this.years.length - 1].end;
  }

  isHoliday(date: string): boolean {
    return this.holidays.has(toDayNumber(date));
  }

  /** Inside a school year (weekends and days off included). */
  inSession(date: string): boolean {
    const d = toDayNumber(date);
    return this.years.some((y) => d >= y.start && d <= y.end);
  }

  /** Summer: between two school years. Throws CalendarGapError outside the calendar. */
  isSummer(date: string): boolean {
    if (!this.covers(date)) throw new CalendarGapError(date);
    return !this.inSession(date);
  }

  isWorkingDay(date: string): boolean {
    return !isWeekend(date) && !this.holidays.has(toDayNumber(date));
  }

  /** A weekday of a school year that is neither a holiday nor a break. Throws CalendarGapError outside the calendar. */
  isSchoolDay(date: string): boolean {
    if (!this.covers(date)) throw new CalendarGapError(date);
    const d = toDayNumber(date);
    return this.inSession(date) && !isWeekend(date) && !this.holidays.has(d) && !this.breaks.has(d);
  }

  /** The first working day on or after the date. */
  nextWorkingDay(date: string): string {
    let d = toDayNumber(date);
    while (!this.isWorkingDay(fromDayNumber(d))) d++;
    return fromDayNumber(d);
  }
}
