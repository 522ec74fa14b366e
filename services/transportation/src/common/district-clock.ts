import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@district/service-kit';
import { TransportationEnv } from '../config';
import { localDateTime, localFormatter } from './domain/dates';

/** The district's "today" from the configured time zone (never the server's UTC date). */
@Injectable()
export class DistrictClock {
  readonly formatter: Intl.DateTimeFormat;

  constructor(@Inject(SERVICE_CONFIG) env: TransportationEnv) {
    this.formatter = localFormatter(env.DISTRICT_TIMEZONE);
  }

  today(now = new Date()): string {
    return localDateTime(now, this.formatter).date;
  }
}
