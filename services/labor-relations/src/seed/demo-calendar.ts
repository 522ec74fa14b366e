import type { DayOffRange, SchoolYearSpan } from '../calendar/domain/district-calendar';

/** A Massachusetts-style district calendar for SY 2025-26 and SY 2026-27 (the demo's; districts load theirs through the REST API). */
export const DEMO_SCHOOL_YEARS: SchoolYearSpan[] = [
  { name: 'SY 2025-26', startsOn: '2025-09-04', endsOn: '2026-06-23' },
  { name: 'SY 2026-27', startsOn: '2026-09-02', endsOn: '2027-06-22' },
];

const h = (startsOn: string, name: string, endsOn = startsOn): DayOffRange => ({ startsOn, endsOn, kind: 'holiday', name });
const b = (startsOn: string, endsOn: string, name: string): DayOffRange => ({ startsOn, endsOn, kind: 'break', name });

export const DEMO_DAYS_OFF: DayOffRange[] = [
  // SY 2025-26
  h('2025-10-13', "Indigenous Peoples' Day"),
  b('2025-11-04', '2025-11-04', 'Election Day (professional day, no students)'),
  h('2025-11-11', 'Veterans Day'),
  h('2025-11-27', 'Thanksgiving', '2025-11-28'),
  b('2025-12-24', '2026-01-02', 'Winter recess'),
  h('2025-12-25', 'Christmas Day'),
  h('2026-01-01', "New Year's Day"),
  h('2026-01-19', 'Martin Luther King Jr. Day'),
  b('2026-02-16', '2026-02-20', 'February vacation'),
  h('2026-02-16', "Presidents' Day"),
  b('2026-04-20', '2026-04-24', 'April vacation'),
  h('2026-04-20', "Patriots' Day"),
  h('2026-05-25', 'Memorial Day'),
  h('2026-06-19', 'Juneteenth'),
  // summer 2026
  h('2026-07-03', 'Independence Day (observed)'),
  // SY 2026-27
  h('2026-09-07', 'Labor Day'),
  h('2026-10-12', "Indigenous Peoples' Day"),
  b('2026-11-03', '2026-11-03', 'Election Day (professional day, no students)'),
  h('2026-11-11', 'Veterans Day'),
  h('2026-11-26', 'Thanksgiving', '2026-11-27'),
  b('2026-12-24', '2027-01-01', 'Winter recess'),
  h('2026-12-25', 'Christmas Day'),
  h('2027-01-01', "New Year's Day"),
  h('2027-01-18', 'Martin Luther King Jr. Day'),
  b('2027-02-15', '2027-02-19', 'February vacation'),
  h('2027-02-15', "Presidents' Day"),
  b('2027-04-19', '2027-04-23', 'April vacation'),
  h('2027-04-19', "Patriots' Day"),
  h('2027-05-31', 'Memorial Day'),
  h('2027-06-18', 'Juneteenth'),
];
