import { Injectable } from '@nestjs/common';
import { BaseEnv, DistrictClock } from '@district/service-kit';
import { localFormatter } from './domain/dates';

/** The kit's district clock, plus one cached formatter for local dates and times (10,000 scans cost one). */
@Injectable()
export class TransportationClock extends DistrictClock {
  readonly formatter: Intl.DateTimeFormat;

  constructor(env: BaseEnv) {
    super(env);
    this.formatter = localFormatter(env.DISTRICT_TIMEZONE);
  }
}
