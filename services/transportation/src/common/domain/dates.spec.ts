import { addDays, datesBetween, instantAt, isDate, isTimeOfDay, localDateTime, localFormatter, minutesOfDay, monthEnd, monthsBetween } from './dates';

describe('business dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isDate('2026-11-23')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-1-3')).toBe(false);
  });
  it('walks days and months across boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthEnd('2028-02')).toBe('2028-02-29');
  });
  it('reads times of day', () => {
    expect(isTimeOfDay('07:45')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(minutesOfDay('07:45:30')).toBe(465.5);
  });
  it('gives the local date and time of an instant in the district time zone', () => {
    const boston = localFormatter('America/New_York');
    // 03:30 UTC on Nov 24 is 22:30 on Nov 23 in Boston (EST, UTC-5)
    expect(localDateTime(new Date('2026-11-24T03:30:00Z'), boston)).toEqual({ date: '2026-11-23', minutes: 22 * 60 + 30 });
    expect(localDateTime(new Date('2026-07-01T11:05:00Z'), boston)).toEqual({ date: '2026-07-01', minutes: 7 * 60 + 5 });
  });
});

describe('local time to instant', () => {
  it('applies the zone’s offset on each side of the daylight-saving change', () => {
    const boston = localFormatter('America/New_York');
    expect(instantAt('2026-10-30', 7 * 60 + 15, boston).toISOString()).toBe('2026-10-30T11:15:00.000Z');
    expect(instantAt('2026-11-23', 7 * 60 + 15.5, boston).toISOString()).toBe('2026-11-23T12:15:30.000Z');
  });
});
