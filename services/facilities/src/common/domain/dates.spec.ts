import { addMonths, endOfLocalDay, isDate, localDate, monthBounds, monthsBetween, startOfLocalDay } from './dates';

describe('business dates', () => {
  it('knows real dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
  });

  it('gives the local date of an instant (late evening in Boston is the next day in UTC)', () => {
    expect(localDate(new Date('2026-11-24T03:30:00Z'), 'America/New_York')).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-24T05:30:00Z'), 'America/New_York')).toBe('2026-11-24');
  });

  it('finds local midnight across daylight saving', () => {
    expect(startOfLocalDay('2026-11-23', 'America/New_York').toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    // 2026-11-01 is 25 hours long in New York
    expect(endOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('adds months clamping the day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('lists months and their bounds', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });
});
