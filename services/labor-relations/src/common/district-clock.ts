import { Injectable } from '@nestjs/common';
import { LaborRelationsEnv } from '../config';
import { todayIn } from '../calendar/domain/dates';

/** The district's "today", from its configured time zone. */
@Injectable()
export class DistrictClock {
  constructor(private readonly env: LaborRelationsEnv) {}

  today(): string {
    return todayIn(this.env.DISTRICT_TIMEZONE);
  }
}
