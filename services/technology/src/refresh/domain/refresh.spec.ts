import { isDueForRefresh, refreshDueOn, refreshPlan, schoolYearOf, unitCostFor } from './refresh';

describe('refresh rules', () => {
  it('is due after the cycle, or at the auto-update expiration when that comes first', () => {
    expect(refreshDueOn({ purchaseDate: '2022-08-15', autoUpdateExpiration: null }, 4)).toBe('2026-08-15');
    expect(refreshDueOn({ purchaseDate: '2022-08-15', autoUpdateExpiration: '2025-06-01' }, 4)).toBe('2025-06-01');
    expect(refreshDueOn({ purchaseDate: '2024-02-29', autoUpdateExpiration: null }, 1)).toBe('2025-02-28');
    expect(isDueForRefresh({ purchaseDate: '2022-08-15', autoUpdateExpiration: null }, '2026-08-14', 4)).toBe(false);
    expect(isDueForRefresh({ purchaseDate: '2022-08-15', autoUpdateExpiration: null }, '2026-08-15', 4)).toBe(true);
    expect(isDueForRefresh({ purchaseDate: '2022-08-15', autoUpdateExpiration: null }, '2026-08-15', 5)).toBe(false);
  });

  it('names school years by the year they end', () => {
    expect(schoolYearOf('2026-09-01')).toBe(2027);
    expect(schoolYearOf('2027-06-30')).toBe(2027);
    expect(schoolYearOf('2027-07-01')).toBe(2028);
  });

  it('prices a device by model, else by type', () => {
    const costs = [{ deviceType: 'chromebook', model: '', unitCostUsd: 300 }, { deviceType: 'chromebook', model: 'Dell 3110', unitCostUsd: 329.5 }];
    expect(unitCostFor('Dell 3110', 'chromebook', costs)).toBe(329.5);
    expect(unitCostFor('HP G9', 'chromebook', costs)).toBe(300);
    expect(unitCostFor('iPad', 'tablet', costs)).toBeNull();
  });

  it('plans by school and year; what is overdue falls in the current year', () => {
    const costs = [{ deviceType: 'chromebook', model: '', unitCostUsd: 300 }];
    const plan = refreshPlan(
      [
        { schoolId: 'a', model: 'X', deviceType: 'chromebook', dueOn: '2024-06-01', devices: 10 },
        { schoolId: 'a', model: 'X', deviceType: 'chromebook', dueOn: '2026-12-01', devices: 5 },
        { schoolId: 'a', model: 'T', deviceType: 'tablet', dueOn: '2028-01-01', devices: 2 },
      ],
      costs,
      '2026-11-23',
    );
    expect(plan).toEqual([
      { schoolId: 'a', schoolYear: 2027, devices: 15, estimatedCostUsd: 4500, devicesWithoutCost: 0 },
      { schoolId: 'a', schoolYear: 2028, devices: 2, estimatedCostUsd: 0, devicesWithoutCost: 2 },
    ]);
  });
});
