import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@district/service-kit';
import { FacilitiesEnv } from '../config';
import { FciBands, parseFciBands } from '../condition/domain/fci';
import { ResponseTargets } from '../work-orders/domain/work-order-rules';
import { localDate } from './domain/dates';

/** The configured rules, parsed once (the env class has validated them at boot). */
@Injectable()
export class FacilitiesSettings {
  readonly timeZone: string;
  readonly targets: ResponseTargets;
  readonly fciBands: FciBands;
  readonly pmTickMs: number;
  readonly pmLeadDays: number;
  readonly briefMaxOverdue: number;

  constructor(@Inject(SERVICE_CONFIG) env: FacilitiesEnv) {
    this.timeZone = env.DISTRICT_TIMEZONE;
    this.targets = { emergencyHours: env.TARGET_EMERGENCY_HOURS, urgentHours: env.TARGET_URGENT_HOURS, routineDays: env.TARGET_ROUTINE_DAYS };
    this.fciBands = parseFciBands(env.FCI_BANDS) as FciBands;
    this.pmTickMs = env.PM_TICK_MS;
    this.pmLeadDays = env.PM_LEAD_DAYS;
    this.briefMaxOverdue = env.BRIEF_MAX_OVERDUE;
  }

  /** The district's date today. */
  today(now = new Date()): string {
    return localDate(now, this.timeZone);
  }
}
