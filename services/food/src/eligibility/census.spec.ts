import { CensusTimeline, enrolledOf } from './census.service';

describe('census timeline', () => {
  const t = new CensusTimeline([
    { schoolId: 'a', day: '2026-09-02', category: 'paid', identified: false, delta: 10 },
    { schoolId: 'a', day: '2026-09-02', category: 'free', identified: true, delta: 5 },
    { schoolId: 'a', day: '2026-09-15', category: 'paid', identified: false, delta: -2 },
    { schoolId: 'a', day: '2026-09-15', category: 'free', identified: true, delta: 2 },
  ]);
  it('answers the counts in effect on any day', () => {
    expect(t.on('a', '2026-09-01')).toEqual({ free: 0, reduced: 0, paid: 0, identified: 0 });
    expect(t.on('a', '2026-09-14')).toEqual({ free: 5, reduced: 0, paid: 10, identified: 5 });
    expect(t.on('a', '2026-12-01')).toEqual({ free: 7, reduced: 0, paid: 8, identified: 7 });
    expect(enrolledOf(t.on('a', '2026-09-15'))).toBe(15);
    expect(t.on('b', '2026-09-15').free).toBe(0);
  });
});
