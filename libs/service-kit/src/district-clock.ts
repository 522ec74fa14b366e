import { Injectable } from '@nestjs/common';
import { dateInTimeZone } from '@district/contracts';
import { BaseEnv } from './config';

/**
 * The district's calendar: "today" and business dates in DISTRICT_TIMEZONE, never the server's UTC date.
 * Provided to every app by PlatformModule; a department extends it when it needs more (e.g. times of day).
 */
@Injectable()
export class DistrictClock {
  constructor(private readonly env: BaseEnv) {}

  get timeZone(): string {
    return this.env.DISTRICT_TIMEZONE;
  }

  today(now: Date = new Date()): string {
    return dateInTimeZone(this.env.DISTRICT_TIMEZONE, now);
  }

  /** the business date of an instant */
  dateOf(instant: Date): string {
    return dateInTimeZone(this.env.DISTRICT_TIMEZONE, instant);
  }

  /** the given business date, else today */
  dateOr(date: string | undefined): string {
    return date ?? this.today();
  }
}
