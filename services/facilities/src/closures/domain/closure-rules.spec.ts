import { closedOn, datesProblem, defaultLiftedFrom, liftProblem, overlaps } from './closure-rules';

describe('closure rules', () => {
  const c = { from: '2026-11-23', to: '2026-11-25', status: 'scheduled' as const, liftedFrom: null };

  it('is closed on its days, and after a lift only before the reopening day', () => {
    expect(['2026-11-22', '2026-11-23', '2026-11-25', '2026-11-26'].map((d) => closedOn(c, d))).toEqual([false, true, true, false]);
    const lifted = { ...c, status: 'lifted' as const, liftedFrom: '2026-11-24' };
    expect(['2026-11-23', '2026-11-24'].map((d) => closedOn(lifted, d))).toEqual([true, false]);
    const cancelled = { ...c, status: 'lifted' as const, liftedFrom: '2026-11-23' };
    expect(closedOn(cancelled, '2026-11-23')).toBe(false);
  });

  it('checks dates, overlaps and lifts', () => {
    expect(datesProblem({ from: '2026-11-24', to: '2026-11-23' })).toBeDefined();
    expect(datesProblem({ from: '2026-11-23', to: '2026-11-23' })).toBeUndefined();
    expect(overlaps(c, { from: '2026-11-25', to: '2026-11-30' })).toBe(true);
    expect(overlaps(c, { from: '2026-11-26', to: '2026-11-30' })).toBe(false);
    expect(liftProblem(c, '2026-11-26')).toMatch(/within/);
    expect(liftProblem(c, '2026-11-23')).toBeUndefined();
    expect(liftProblem({ ...c, status: 'lifted', liftedFrom: '2026-11-24' }, '2026-11-24')).toMatch(/already/);
    expect(defaultLiftedFrom(c, '2026-11-20')).toBe('2026-11-23');
    expect(defaultLiftedFrom(c, '2026-11-24')).toBe('2026-11-24');
    expect(defaultLiftedFrom(c, '2026-12-01')).toBe('2026-11-25');
  });
});
