import { kpiChange, kpiStatus, rankSchools } from './kpi-status';

describe('kpiStatus', () => {
  const t = { target: 95, watchPercent: 5 };
  it('judges higher-is-better KPIs: on track at or above target, watch within the band, else off track', () => {
    expect(kpiStatus(95, 'higher', t)).toBe('on-track');
    expect(kpiStatus(91, 'higher', t)).toBe('watch'); // 95 − 4.75 = 90.25
    expect(kpiStatus(90, 'higher', t)).toBe('off-track');
  });
  it('judges lower-is-better KPIs the other way', () => {
    const cost = { target: 4, watchPercent: 10 };
    expect(kpiStatus(3.5, 'lower', cost)).toBe('on-track');
    expect(kpiStatus(4.3, 'lower', cost)).toBe('watch');
    expect(kpiStatus(4.5, 'lower', cost)).toBe('off-track');
  });
  it('has no target for context KPIs, unset or cleared targets, and no data for a missing value', () => {
    expect(kpiStatus(10, 'context', t)).toBe('no-target');
    expect(kpiStatus(10, 'higher', undefined)).toBe('no-target');
    expect(kpiStatus(10, 'higher', { target: null, watchPercent: 5 })).toBe('no-target');
    expect(kpiStatus(null, 'higher', t)).toBe('no-data');
  });
});

describe('kpiChange', () => {
  it('gives the absolute and relative change, null where undefined', () => {
    expect(kpiChange(92, 80)).toEqual({ change: 12, changePercent: 15 });
    expect(kpiChange(5, 0)).toEqual({ change: 5, changePercent: null });
    expect(kpiChange(null, 3)).toEqual({ change: null, changePercent: null });
  });
});

describe('rankSchools', () => {
  const rows = [{ id: 'a', value: 3 }, { id: 'b', value: null }, { id: 'c', value: 9 }, { id: 'd', value: 3 }];
  it('ranks best first for the direction, ties share a rank, missing values last', () => {
    expect(rankSchools(rows, 'higher').map((r) => [r.id, r.rank])).toEqual([['c', 1], ['a', 2], ['d', 2], ['b', null]]);
    expect(rankSchools(rows, 'lower').map((r) => [r.id, r.rank])).toEqual([['a', 1], ['d', 1], ['c', 3], ['b', null]]);
  });
});
