import type { KpiValues } from '@district/contracts';

/** One building's figures for one month, read from the maintained aggregates. */
export interface BuildingMonth {
  buildingId: string;
  schoolId: string | null;
  squareFeet: number | null;
  vacant: boolean;
  replacementValue: number | null;
  /** work orders requested in the month, and how many of them are preventive maintenance */
  opened: number;
  openedPm: number;
  /** work orders completed in the month, their total days from request to completion, how many within target, and their cost */
  completed: number;
  completionDaysSum: number;
  completedWithinTarget: number;
  maintenanceCost: number;
  /** utility bills of the month (electricity, heating fuel, water, sewer) */
  utilityBills: number;
  utilityCost: number;
  /** open deficiencies at the end of the month */
  deficiencyCost: number;
  /** custodial FTEs in effect at the end of the month */
  custodialFtes: number | null;
}

export interface ProjectFlags {
  onBudget: boolean;
  onSchedule: boolean;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (num: number, den: number, scale = 1): number | null => (den > 0 ? round((num / den) * scale) : null);
const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

/**
 * Facilities' KPIs (DOMAIN.md section 4) over a set of building-months (the district or one school).
 * A KPI is null when the month has nothing to compute it from; `projects` null leaves the capital KPIs out
 * (they are district-wide).
 */
export function facilitiesKpis(rows: BuildingMonth[], projects: ProjectFlags[] | null): KpiValues {
  const inUse = rows.filter((r) => !r.vacant && r.squareFeet !== null && r.squareFeet > 0);
  const sqft = sum(inUse, (r) => r.squareFeet!);
  const completed = sum(rows, (r) => r.completed);
  const cost = sum(rows, (r) => r.maintenanceCost);
  const opened = sum(rows, (r) => r.opened);
  const billed = inUse.filter((r) => r.utilityBills > 0);
  const staffed = inUse.filter((r) => r.custodialFtes !== null && r.custodialFtes > 0);
  const valued = rows.filter((r) => r.replacementValue !== null && r.replacementValue > 0);
  const values: KpiValues = {
    'facilities.work-order-completion-days': ratio(sum(rows, (r) => r.completionDaysSum), completed),
    'facilities.work-orders-within-target': ratio(sum(rows, (r) => r.completedWithinTarget), completed, 100),
    'facilities.maintenance-cost-per-sq-ft': completed > 0 ? ratio(cost, sqft) : null,
    'facilities.cost-per-work-order': ratio(cost, completed),
    'facilities.utility-cost-per-sq-ft': ratio(sum(billed, (r) => r.utilityCost), sum(billed, (r) => r.squareFeet!)),
    'facilities.custodial-workload': ratio(sum(staffed, (r) => r.squareFeet!), sum(staffed, (r) => r.custodialFtes!)),
    'facilities.fci': ratio(sum(valued, (r) => r.deficiencyCost), sum(valued, (r) => r.replacementValue!), 100),
    'facilities.preventive-share': ratio(sum(rows, (r) => r.openedPm), opened, 100),
  };
  if (projects) {
    values['facilities.capital-projects-on-budget'] = ratio(projects.filter((p) => p.onBudget).length, projects.length, 100);
    values['facilities.capital-projects-on-schedule'] = ratio(projects.filter((p) => p.onSchedule).length, projects.length, 100);
  }
  return values;
}
