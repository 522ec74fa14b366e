import { LABOR_RELATIONS_KPIS } from '@district/contracts';
import { backlog, emptyKpis, grievanceKpis, K, medianOfHistogram, workforceKpis } from './labor-kpis';

it('computes a median from a histogram', () => {
  expect(medianOfHistogram([])).toBeNull();
  expect(medianOfHistogram([{ days: 12, grievances: 1 }])).toBe(12);
  expect(medianOfHistogram([{ days: 30, grievances: 1 }, { days: 10, grievances: 2 }])).toBe(10); // 10, 10, 30
  expect(medianOfHistogram([{ days: 10, grievances: 2 }, { days: 30, grievances: 2 }])).toBe(20); // 10, 10, 30, 30
  expect(medianOfHistogram([{ days: 5, grievances: 1 }, { days: 9, grievances: 1 }, { days: 40, grievances: 2 }])).toBe(24.5);
});

it('buckets the backlog by age on the as-of date', () => {
  const v = backlog([{ filedOn: '2026-11-20', grievances: 2 }, { filedOn: '2026-10-01', grievances: 1 }, { filedOn: '2026-09-01', grievances: 1 }, { filedOn: '2026-08-01', grievances: 3 }], '2026-11-30');
  // ages 10, 60, 90, 121 days
  expect(v).toEqual({ [K.open]: 7, [K.backlog0]: 2, [K.backlog31]: 1, [K.backlog61]: 1, [K.backlog90]: 3 });
});

it('gives percentages only where there is something to divide by', () => {
  const v = grievanceKpis({ cohorts: [], asOf: '2026-09-30', month: { filed: 3, closed: 0, closedAtStep1: 0, answersOnTime: 3, answersLate: 1 }, closeDays: [] });
  expect(v[K.step1]).toBeNull();
  expect(v[K.median]).toBeNull();
  expect(v[K.onTime]).toBe(75);
  expect(v[K.open]).toBe(0);
});

it('computes the workforce KPIs', () => {
  const v = workforceKpis({
    units: [{ id: 'a', employeeCount: 150 }, { id: 'b', employeeCount: 50 }],
    contracts: [
      { id: 'x', unitId: 'a', status: 'expired', effectiveOn: '2023-09-01', expiresOn: '2026-08-31', ratifiedOn: null },
      { id: 'y', unitId: 'b', status: 'active', effectiveOn: '2024-01-01', expiresOn: '2026-12-31', ratifiedOn: null },
    ],
    asOf: '2026-11-23',
    filedTrailingYear: 9,
  });
  expect(v).toEqual({ [K.per100]: 4.5, [K.unitsExpired]: 1, [K.workforceExpired]: 75, [K.expiring]: 1 });
});

it('covers the whole catalogue', () => {
  expect(Object.keys(emptyKpis()).sort()).toEqual(LABOR_RELATIONS_KPIS.map((k) => k.id).sort());
});
