import { Injectable } from '@nestjs/common';
import { TechnologyEnv } from '../config';
import { districtToday, endOfLocalDay, localDate } from './dates';

/** The district's calendar: "today" and business dates in DISTRICT_TIMEZONE, not the server's UTC date. */
@Injectable()
export class DistrictClock {
  constructor(private readonly env: TechnologyEnv) {}

  get timeZone(): string {
    return this.env.DISTRICT_TIMEZONE;
  }

  today(): string {
    return districtToday(this.env.DISTRICT_TIMEZONE);
  }

  /** the given business date, else today */
  dateOr(date: string | undefined): string {
    return date ?? this.today();
  }

  dateOf(instant: Date): string {
    return localDate(instant, this.env.DISTRICT_TIMEZONE);
  }

  /** "as of" for a day: now when it is today, else the end of that day */
  asOf(date: string): Date {
    return date === this.today() ? new Date() : endOfLocalDay(date, this.env.DISTRICT_TIMEZONE);
  }
}
