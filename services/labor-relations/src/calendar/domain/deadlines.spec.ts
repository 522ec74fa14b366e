import { addDays, dayOfWeek, daysBetween, isIsoDate, monthBounds, monthsBetween } from './dates';
import { computeDeadline, DeadlineOptions } from './deadlines';
import { CalendarGapError } from './district-calendar';
import { testCalendar } from './test-calendar';

const cal = testCalendar();
const roll: DeadlineOptions = { summerRule: 'calendar-days', rollToWorkingDay: true };
const due = (from: string, days: number, unit: 'school' | 'working' | 'calendar', opts: Partial<DeadlineOptions> = {}) =>
  computeDeadline(from, { days, unit }, cal, { ...roll, ...opts });

describe('dates', () => {
  it('does day arithmetic on calendar dates', () => {
    expect(dayOfWeek('2026-11-23')).toBe(1); // a Monday
    expect(dayOfWeek('2026-11-29')).toBe(0);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-08-15', '2026-11-23')).toBe(100);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(monthBounds('2026-13')).toBeNull();
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-10')).toBeNull();
  });
});

describe('school days', () => {
  it('skip weekends', () => {
    expect(due('2026-11-16', 5, 'school')).toBe('2026-11-23'); // Tue..Fri, then Monday
    expect(due('2026-11-20', 1, 'school')).toBe('2026-11-23'); // Friday + 1 school day = Monday
  });

  it('skip holidays (Thanksgiving) and breaks (a professional day)', () => {
    expect(due('2026-11-23', 5, 'school')).toBe('2026-12-02'); // 24, 25, [26-27 holiday, weekend], 30, 1, 2
    expect(due('2026-10-30', 3, 'school')).toBe('2026-11-05'); // Mon 2, [Tue 3 break], Wed 4, Thu 5
  });

  it('skip a holiday that falls inside a break only once, and the whole winter break', () => {
    expect(due('2026-12-22', 3, 'school')).toBe('2027-01-05'); // Wed 23, [24 Dec - 1 Jan], Mon 4, Tue 5
  });

  it('convert to calendar days in the summer when the contract says so', () => {
    expect(due('2026-08-10', 10, 'school')).toBe('2026-08-20');
  });

  it('convert to working days in the summer when the contract says so', () => {
    expect(due('2026-08-10', 10, 'school', { summerRule: 'working-days' })).toBe('2026-08-24');
  });

  it('stop in the summer and resume with the school year when the contract suspends them', () => {
    // Sep 2, 3, 4, [7 Labor Day], 8, 9, 10, 11, 14, 15, 16
    expect(due('2026-08-10', 10, 'school', { summerRule: 'suspended' })).toBe('2026-09-16');
  });

  it('count summer days then school days when a deadline crosses the first day of school', () => {
    // Sat 29, Sun 30, Mon 31, Tue Sep 1 (summer, calendar days) then Wed Sep 2 (first school day)
    expect(due('2026-08-28', 5, 'school')).toBe('2026-09-02');
  });

  it('count school days then summer days when a deadline crosses the last day of school', () => {
    // Mon 22, Tue 23 (last day of school), then Wed 24, Thu 25, Fri 26 (summer)
    expect(due('2026-06-19', 5, 'school')).toBe('2026-06-26');
    expect(due('2026-06-19', 5, 'school', { summerRule: 'suspended' })).toBe('2026-09-04'); // 22, 23, then Sep 2, 3, 4
  });

  it('refuse to guess beyond the calendar', () => {
    expect(() => due('2027-06-20', 5, 'school')).toThrow(CalendarGapError);
    expect(() => due('2025-08-01', 5, 'school')).toThrow(CalendarGapError);
  });
});

describe('working days', () => {
  it('skip weekends and holidays but not school breaks', () => {
    expect(due('2026-11-25', 2, 'working')).toBe('2026-12-01'); // [Thu-Fri holiday, weekend] Mon 30, Tue 1
    expect(due('2026-10-30', 3, 'working')).toBe('2026-11-04'); // Mon 2, Tue 3 (break: offices work), Wed 4
    expect(due('2026-12-22', 3, 'working')).toBe('2026-12-28'); // Wed 23, Thu 24 (break), [Fri 25 holiday], Mon 28
  });

  it('do not need the school calendar', () => {
    expect(due('2030-03-01', 1, 'working')).toBe('2030-03-04'); // a Friday, then Monday
  });
});

describe('calendar days', () => {
  it('count every day', () => {
    expect(due('2026-11-20', 10, 'calendar')).toBe('2026-11-30');
  });

  it('move a deadline that lands on a weekend to the next working day', () => {
    expect(due('2026-11-11', 10, 'calendar')).toBe('2026-11-23'); // Sat 21 → Mon 23
  });

  it('move a deadline that lands on a holiday to the next working day, unless the contract does not', () => {
    expect(due('2026-11-16', 10, 'calendar')).toBe('2026-11-30'); // Thanksgiving → Mon 30
    expect(due('2026-11-16', 10, 'calendar', { rollToWorkingDay: false })).toBe('2026-11-26');
  });

  it('move a summer deadline off a holiday too', () => {
    expect(due('2026-06-30', 3, 'school')).toBe('2026-07-06'); // Jul 1, 2, 3 (holiday, Friday) → Mon 6
  });
});

it('rejects a deadline of no days', () => {
  expect(() => due('2026-11-23', 0, 'calendar')).toThrow(RangeError);
});
