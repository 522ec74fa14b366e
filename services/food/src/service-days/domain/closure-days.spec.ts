import { cancelledServingDays } from './closure-days';

describe('serving days a closure cancels', () => {
  it('weekdays only, inclusive', () => {
    // 2026-11-20 is a Friday
    expect(cancelledServingDays('2026-11-20', '2026-11-24')).toEqual(['2026-11-20', '2026-11-23', '2026-11-24']);
  });
  it('a lift reopens the building from its date', () => {
    expect(cancelledServingDays('2026-11-20', '2026-11-24', '2026-11-23')).toEqual(['2026-11-20']);
    expect(cancelledServingDays('2026-11-20', '2026-11-24', '2026-11-20')).toEqual([]);
  });
});
