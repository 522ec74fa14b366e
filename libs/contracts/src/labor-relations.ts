import { defineEvent } from './envelope';
import type { KpiDefinition } from './department-queries';

/**
 * Labor relations (DOMAIN.md section 6): bargaining units, contracts with their grievance procedure,
 * negotiations and grievances. Its subjects use the prefix `labor` (evt.labor.…, labor.kpis.get, …).
 */

/** How a contractual deadline counts days; the district calendar decides which days are school days. */
export type DayUnit = 'school' | 'working' | 'calendar';

/** The contract's lifecycle: a successor is negotiated, tentatively agreed, ratified, in force, then expired (status quo). */
export type ContractStatus = 'in-negotiation' | 'tentative-agreement' | 'ratified' | 'active' | 'expired' | 'superseded';

/** A contract as labor relations publishes it: its full current state (consumers replace their copy). */
export interface ContractSnapshot {
  id: string;
  unitId: string;
  unitName: string;
  /** employees the unit represents, so a consumer can weigh the contract by workforce */
  employeeCount: number;
  title: string;
  /** YYYY-MM-DD, inclusive */
  effectiveOn: string;
  expiresOn: string;
  status: ContractStatus;
  ratifiedOn: string | null;
  /** the contract this one succeeds */
  predecessorId: string | null;
  /** increases with every change; consumers ignore a snapshot older than what they hold */
  version: number;
}

export interface ContractRatified {
  contract: ContractSnapshot;
  /** the unit's previous contract, now superseded (null for a first contract) */
  supersededContractId: string | null;
}

export interface ContractExpired {
  contract: ContractSnapshot;
  /** the first day without the contract in force (the day after `expiresOn`); the unit works under status quo */
  statusQuoFrom: string;
}

export const LaborEvents = {
  /** evt.labor.contract.ratified.v1: both parties ratified a contract */
  ContractRatified: defineEvent<ContractRatified>('labor', 'contract', 'ratified', 1),
  /** evt.labor.contract.expired.v1: a contract passed its expiry date with no successor in force; published once */
  ContractExpired: defineEvent<ContractExpired>('labor', 'contract', 'expired', 1),
} as const;

/** A grievance's next contractual deadline: the employer's answer or the union's appeal. */
export interface LaborDeadline {
  grievanceId: string;
  /** the district's grievance number, e.g. G-2026-0042 */
  number: string;
  unitId: string;
  unitName: string;
  step: number;
  stepName: string;
  /** who must act: the employer answers, the union appeals (files the next step) */
  party: 'employer' | 'union';
  action: 'answer' | 'appeal';
  dueOn: string;
}

/** `labor.school-summaries.get`: one entry per school with labor activity. No grievant names. */
export interface LaborSchoolSummary {
  schoolId: string;
  openGrievances: number;
  /** the open grievances' next deadlines, soonest first (at most 5) */
  nextDeadlines: LaborDeadline[];
}

const kpi = (name: string, id: string, unit: KpiDefinition['unit'], direction: KpiDefinition['direction'], perSchool: boolean, description: string): KpiDefinition => ({
  id: `labor-relations.${id}`,
  department: 'labor-relations',
  name,
  unit,
  direction,
  perSchool,
  description,
});

/** Labor relations' KPI catalogue (DOMAIN.md section 6). Month values are as of the month's last day (or today for the current month). */
export const LABOR_RELATIONS_KPIS: KpiDefinition[] = [
  kpi('Open grievances', 'open-grievances', 'count', 'lower', true, 'Grievances filed and not closed at the end of the month.'),
  kpi('Backlog: open 0-30 days', 'backlog-0-30-days', 'count', 'lower', true, 'Open grievances filed 0 to 30 calendar days before the end of the month.'),
  kpi('Backlog: open 31-60 days', 'backlog-31-60-days', 'count', 'lower', true, 'Open grievances filed 31 to 60 calendar days before the end of the month.'),
  kpi('Backlog: open 61-90 days', 'backlog-61-90-days', 'count', 'lower', true, 'Open grievances filed 61 to 90 calendar days before the end of the month.'),
  kpi('Backlog: open over 90 days', 'backlog-over-90-days', 'count', 'lower', true, 'Open grievances filed more than 90 calendar days before the end of the month.'),
  kpi('Grievances filed', 'grievances-filed', 'count', 'context', true, 'Grievances filed during the month.'),
  kpi('Grievances per 100 employees', 'grievances-per-100-employees', 'per 100', 'lower', false,
    'Grievances filed in the 12 months ending with the month, per 100 employees of the bargaining units (per unit when a unit is asked).'),
  kpi('Resolved at Step 1', 'resolved-at-step-1', '%', 'higher', true, 'Grievances closed during the month while at Step 1, as a share of all grievances closed during the month.'),
  kpi('Median days to close', 'median-days-to-close', 'days', 'lower', true, 'Median calendar days from filing to closing, over the grievances closed during the month.'),
  kpi('Step answers on time', 'step-answers-on-time', '%', 'higher', true,
    'Employer step answers due during the month that were given by their contractual due date, as a share of answers due (given or missed).'),
  kpi('Units under an expired contract', 'units-under-expired-contract', 'count', 'lower', false,
    'Bargaining units with no contract in force at the end of the month whose last contract has expired (status quo).'),
  kpi('Workforce under an expired contract', 'workforce-under-expired-contract', '%', 'lower', false,
    'Employees of the units under an expired contract, as a share of all represented employees.'),
  kpi('Contracts expiring within 180 days', 'contracts-expiring-within-180-days', 'count', 'context', false,
    'Contracts in force at the end of the month whose expiry date falls within the following 180 days.'),
];
