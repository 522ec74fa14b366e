import { DayOffRange, DistrictCalendar, SchoolYearSpan } from './district-calendar';

/** A Massachusetts-like calendar for SY 2025-26 and SY 2026-27 (shared by the domain specs). */
export const YEARS: SchoolYearSpan[] = [
  { name: 'SY 2025-26', startsOn: '2025-09-04', endsOn: '2026-06-23' },
  { name: 'SY 2026-27', startsOn: '2026-09-02', endsOn: '2027-06-22' },
];
export const DAYS_OFF: DayOffRange[] = [
  { startsOn: '2026-07-03', endsOn: '2026-07-03', kind: 'holiday', name: 'Independence Day (observed)' },
  { startsOn: '2026-09-07', endsOn: '2026-09-07', kind: 'holiday', name: 'Labor Day' },
  { startsOn: '2026-10-12', endsOn: '2026-10-12', kind: 'holiday', name: "Indigenous Peoples' Day" },
  { startsOn: '2026-11-03', endsOn: '2026-11-03', kind: 'break', name: 'Election Day (professional day, no students)' },
  { startsOn: '2026-11-11', endsOn: '2026-11-11', kind: 'holiday', name: 'Veterans Day' },
  { startsOn: '2026-11-26', endsOn: '2026-11-27', kind: 'holiday', name: 'Thanksgiving' },
  { startsOn: '2026-12-24', endsOn: '2027-01-01', kind: 'break', name: 'Winter break' },
  { startsOn: '2026-12-25', endsOn: '2026-12-25', kind: 'holiday', name: 'Christmas Day' },
  { startsOn: '2027-01-01', endsOn: '2027-01-01', kind: 'holiday', name: "New Year's Day" },
];
export const testCalendar = () => new DistrictCalendar(YEARS, DAYS_OFF);
