import { dateIn } from './clock';

describe('dateIn', () => {
  it('gives the district’s date, not the server’s UTC date', () => {
    // 03:30 UTC on the 24th is still the evening of the 23rd in Boston and Los Angeles
    const at = new Date('2026-11-24T03:30:00Z');
    expect(dateIn('America/New_York', at)).toBe('2026-11-23');
    expect(dateIn('America/Los_Angeles', at)).toBe('2026-11-23');
    expect(dateIn('UTC', at)).toBe('2026-11-24');
  });
});
