import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { GrievanceProcedure } from '../contracts/domain/grievance-procedure';
import type { DeadlineFn } from '../grievances/domain/grievance-rules';
import { computeDeadline } from './domain/deadlines';
import { DayOffRange, DistrictCalendar, SchoolYearSpan } from './domain/district-calendar';

/** Reads the district calendar (a few hundred rows at most) for one computation. */
@Injectable()
export class CalendarReader {
  async load(manager: EntityManager): Promise<DistrictCalendar> {
    const years: SchoolYearSpan[] = await manager.query(`SELECT name, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM school_years`);
    const daysOff: DayOffRange[] = await manager.query(`SELECT starts_on::text AS "startsOn", ends_on::text AS "endsOn", kind, name FROM days_off`);
    return new DistrictCalendar(years, daysOff);
  }
}

/** Deadlines under one contract's procedure (its summer rule and weekend rule) on this calendar. */
export function deadlineFn(calendar: DistrictCalendar, procedure: GrievanceProcedure): DeadlineFn {
  return (from, rule) => computeDeadline(from, rule, calendar, procedure);
}
