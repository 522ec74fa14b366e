import { dateInTimeZone, isTimeZone } from './dates';

describe('dates in the district’s time zone', () => {
  it('gives the district’s date, not the server’s UTC date', () => {
    // 03:30 UTC on the 24th is still the evening of the 23rd in Boston and Los Angeles
    const at = new Date('2026-11-24T03:30:00Z');
    expect(dateInTimeZone('America/New_York', at)).toBe('2026-11-23');
    expect(dateInTimeZone('America/Los_Angeles', at)).toBe('2026-11-23');
    expect(dateInTimeZone('UTC', at)).toBe('2026-11-24');
  });

  it('knows a time zone from a string that is not one', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(5)).toBe(false);
  });
});
