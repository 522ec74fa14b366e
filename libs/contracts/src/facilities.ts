import { defineEvent } from './envelope';
import type { KpiDefinition } from './department-queries';

/**
 * Building closures are published by facilities and acted on by other departments (DOMAIN.md section 7,
 * flow 4): transportation cancels the runs serving the school on those dates, food cancels meal service.
 * The facilities service extends this file with the rest of its contract.
 */
export type ClosureKind = 'emergency' | 'planned';

export interface BuildingClosure {
  closureId: string;
  buildingId: string;
  /** the school housed in the building (enrollment's id); null for a building without a school */
  schoolId: string | null;
  kind: ClosureKind;
  /** first and last closed day, YYYY-MM-DD, inclusive */
  from: string;
  to: string;
  reason: string;
  /** increases with every change of this closure, so consumers ignore an older copy */
  version: number;
}

export const FacilitiesEvents = {
  /** a closure was declared or its dates changed */
  BuildingClosed: defineEvent<BuildingClosure>('facilities', 'building', 'closed', 1),
  /** a closure was lifted (cancelled or ended early): the days from `liftedFrom` on are open again */
  BuildingReopened: defineEvent<BuildingClosure & { liftedFrom: string }>('facilities', 'building', 'reopened', 1),
} as const;

// ---------------------------------------------------------------- the rest of the facilities contract

/** Work-order priorities (DOMAIN.md section 4); each has a response target (configuration). */
export const WORK_ORDER_PRIORITIES = ['emergency', 'urgent', 'routine', 'scheduled'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const WORK_ORDER_STATUSES = ['open', 'assigned', 'in-progress', 'on-hold', 'completed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** Facility Condition Index bands; the cut points are configuration (defaults 5 %, 10 %, 30 %). */
export const FCI_BANDS = ['good', 'fair', 'poor', 'critical'] as const;
export type FciBand = (typeof FCI_BANDS)[number];

export type CountByPriority = Record<WorkOrderPriority, number> & { total: number };

/** `facilities.school-summaries.get`: one section per school that has a building on record. */
export interface FacilitiesSchoolSummary {
  schoolId: string;
  buildingIds: string[];
  /** gross square feet of the school's non-vacant buildings; null while not recorded */
  squareFeet: number | null;
  /** not completed and not cancelled */
  openWorkOrders: CountByPriority;
  /** open and past their response target at the request's date */
  overdueWorkOrders: CountByPriority;
  emergencyOpen: number;
  /** deficiencies ÷ current replacement value, in % (5 means 5 %); null without a replacement value */
  fci: number | null;
  fciBand: FciBand | null;
  /** a closure covering the request's date, if any */
  activeClosure: Pick<BuildingClosure, 'closureId' | 'buildingId' | 'kind' | 'from' | 'to' | 'reason'> | null;
  capitalProjects: { active: number; onBudget: number; onSchedule: number };
}

/** Every KPI of DOMAIN.md section 4, per month, from facilities' maintained aggregates. */
export const FACILITIES_KPIS: KpiDefinition[] = [
  {
    id: 'facilities.work-order-completion-days', department: 'facilities', name: 'Work order completion time', unit: 'days', direction: 'lower', perSchool: true,
    description: 'total days from request to completion of the work orders completed in the month ÷ those work orders (CGCS)',
  },
  {
    id: 'facilities.work-orders-within-target', department: 'facilities', name: 'Work orders completed within target', unit: '%', direction: 'higher', perSchool: true,
    description: "work orders completed in the month within their priority's response target ÷ work orders completed in the month",
  },
  {
    id: 'facilities.maintenance-cost-per-sq-ft', department: 'facilities', name: 'Routine maintenance cost per square foot', unit: 'USD', direction: 'lower', perSchool: true,
    description: 'labor, material and contractor cost of the work orders completed in the month ÷ square feet of non-vacant buildings (CGCS)',
  },
  {
    id: 'facilities.cost-per-work-order', department: 'facilities', name: 'Cost per work order', unit: 'USD', direction: 'lower', perSchool: true,
    description: 'routine maintenance cost of the work orders completed in the month ÷ those work orders (CGCS)',
  },
  {
    id: 'facilities.utility-cost-per-sq-ft', department: 'facilities', name: 'Utility cost per square foot', unit: 'USD', direction: 'lower', perSchool: true,
    description: "electricity + heating fuel + water + sewer bills of the month ÷ square feet of the non-vacant buildings billed (CGCS)",
  },
  {
    id: 'facilities.custodial-workload', department: 'facilities', name: 'Custodial workload', unit: 'sq ft', direction: 'context', perSchool: true,
    description: 'square feet cleaned ÷ custodial FTEs at the end of the month (CGCS median about 26,800)',
  },
  {
    id: 'facilities.fci', department: 'facilities', name: 'Facility Condition Index', unit: '%', direction: 'lower', perSchool: true,
    description: 'cost of open deficiencies at the end of the month ÷ current replacement value (land excluded)',
  },
  {
    id: 'facilities.preventive-share', department: 'facilities', name: 'Preventive maintenance share', unit: '%', direction: 'higher', perSchool: true,
    description: 'preventive-maintenance work orders opened in the month ÷ all work orders opened in the month',
  },
  {
    id: 'facilities.capital-projects-on-budget', department: 'facilities', name: 'Capital projects on budget', unit: '%', direction: 'higher', perSchool: false,
    description: 'capital projects active in the month whose committed and spent amounts are within budget ÷ active projects',
  },
  {
    id: 'facilities.capital-projects-on-schedule', department: 'facilities', name: 'Capital projects on schedule', unit: '%', direction: 'higher', perSchool: false,
    description: 'capital projects active in the month with no milestone late at the end of the month ÷ active projects',
  },
];
