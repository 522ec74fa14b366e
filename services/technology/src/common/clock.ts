import { Injectable } from '@nestjs/common';
import { DistrictClock } from '@district/service-kit';
import { endOfLocalDay } from './dates';

/** The kit's district clock, plus the "as of" instant technology's day views are computed at. */
@Injectable()
export class TechnologyClock extends DistrictClock {
  /** "as of" for a day: now when it is today, else the end of that day */
  asOf(date: string): Date {
    return date === this.today() ? new Date() : endOfLocalDay(date, this.timeZone);
  }
}
