import { isDueForGeneration, nextDueAfter, occurrence } from './pm-schedule';

describe('preventive maintenance recurrence', () => {
  it('counts due dates from the anchor in days or months', () => {
    const weekly = { anchorDate: '2026-08-03', every: 7, unit: 'days' as const };
    expect([0, 1, 2].map((k) => occurrence(weekly, k))).toEqual(['2026-08-03', '2026-08-10', '2026-08-17']);
    const monthEnd = { anchorDate: '2026-01-31', every: 1, unit: 'months' as const };
    expect([1, 2, 3].map((k) => occurrence(monthEnd, k))).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('finds the next due date strictly after a date', () => {
    const quarterly = { anchorDate: '2026-01-15', every: 3, unit: 'months' as const };
    expect(nextDueAfter(quarterly, '2026-01-15')).toBe('2026-04-15');
    expect(nextDueAfter(quarterly, '2026-11-23')).toBe('2027-01-15');
    expect(nextDueAfter(quarterly, '2025-12-01')).toBe('2026-01-15');
    const every10 = { anchorDate: '2026-08-01', every: 10, unit: 'days' as const };
    expect(nextDueAfter(every10, '2026-08-21')).toBe('2026-08-31');
    expect(nextDueAfter(every10, '2026-08-20')).toBe('2026-08-21');
  });

  it('generates from the lead time before the due date', () => {
    expect(isDueForGeneration('2026-11-30', '2026-11-23', 7)).toBe(true);
    expect(isDueForGeneration('2026-12-01', '2026-11-23', 7)).toBe(false);
    expect(isDueForGeneration('2026-10-01', '2026-11-23', 0)).toBe(true);
  });
});
