import { FACILITIES_KPIS } from '@district/contracts';
import { BuildingMonth, facilitiesKpis } from './facilities-kpis';

const base: BuildingMonth = {
  buildingId: 'b1', schoolId: 's1', squareFeet: 100_000, vacant: false, replacementValue: 40_000_000,
  opened: 10, openedPm: 4, completed: 8, completionDaysSum: 20, completedWithinTarget: 6, maintenanceCost: 12_000,
  utilityBills: 4, utilityCost: 25_000, deficiencyCost: 2_000_000, custodialFtes: 4,
};

describe('facilities KPIs', () => {
  it('computes every KPI of the catalogue from hand-checkable figures', () => {
    const b2: BuildingMonth = { ...base, buildingId: 'b2', schoolId: 's2', squareFeet: 50_000, replacementValue: 20_000_000, opened: 5, openedPm: 1, completed: 2,
      completionDaysSum: 10, completedWithinTarget: 2, maintenanceCost: 3_000, utilityCost: 10_000, deficiencyCost: 4_000_000, custodialFtes: 2 };
    const v = facilitiesKpis([base, b2], [{ onBudget: true, onSchedule: false }, { onBudget: true, onSchedule: true }, { onBudget: false, onSchedule: true }, { onBudget: true, onSchedule: true }]);
    expect(v).toEqual({
      'facilities.work-order-completion-days': 3, // 30 days / 10 completed
      'facilities.work-orders-within-target': 80, // 8 / 10
      'facilities.maintenance-cost-per-sq-ft': 0.1, // 15,000 / 150,000
      'facilities.cost-per-work-order': 1500, // 15,000 / 10
      'facilities.utility-cost-per-sq-ft': 0.2333, // 35,000 / 150,000
      'facilities.custodial-workload': 25_000, // 150,000 sq ft / 6 FTEs
      'facilities.fci': 10, // 6,000,000 / 60,000,000
      'facilities.preventive-share': 33.3333, // 5 / 15
      'facilities.capital-projects-on-budget': 75,
      'facilities.capital-projects-on-schedule': 75,
    });
    expect(Object.keys(v).sort()).toEqual(FACILITIES_KPIS.map((k) => k.id).sort());
  });

  it('leaves out vacant buildings from per-square-foot figures and gives null, not zero, without data', () => {
    const vacant = { ...base, buildingId: 'v', vacant: true, completed: 0, completionDaysSum: 0, completedWithinTarget: 0, maintenanceCost: 0, opened: 0, openedPm: 0 };
    const v = facilitiesKpis([base, vacant], null);
    expect(v['facilities.maintenance-cost-per-sq-ft']).toBe(0.12);
    expect(v['facilities.custodial-workload']).toBe(25_000);
    expect(v).not.toHaveProperty('facilities.capital-projects-on-budget');
    const empty = facilitiesKpis([{ ...base, opened: 0, openedPm: 0, completed: 0, completionDaysSum: 0, completedWithinTarget: 0, maintenanceCost: 0, utilityBills: 0, utilityCost: 0, custodialFtes: null, replacementValue: null }], []);
    expect(Object.values(empty).every((x) => x === null)).toBe(true);
  });
});
