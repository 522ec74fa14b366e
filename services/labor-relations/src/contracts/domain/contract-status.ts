import type { ContractStatus } from '@district/contracts';
import { addDays } from '../../calendar/domain/dates';

export interface ContractDates {
  id: string;
  unitId: string;
  status: ContractStatus;
  effectiveOn: string;
  expiresOn: string;
  ratifiedOn: string | null;
}

/** Statuses of a contract the parties have ratified (whatever its dates). */
const RATIFIED: readonly ContractStatus[] = ['ratified', 'active', 'expired', 'superseded'];

/** A contract ratified on `ratifiedOn` is in force from its effective date, or `active` at once when that date has come. */
export function statusOnRatification(c: Pick<ContractDates, 'effectiveOn'>, today: string): ContractStatus {
  return c.effectiveOn <= today ? 'active' : 'ratified';
}

/** In force on `date`: ratified by then, and the date within its term (a contract ratified late applies from ratification). */
export function inForce(c: ContractDates, date: string): boolean {
  if (!RATIFIED.includes(c.status)) return false;
  const from = c.ratifiedOn && c.ratifiedOn > c.effectiveOn ? c.ratifiedOn : c.effectiveOn;
  return from <= date && date <= c.expiresOn;
}

/** A unit works under an expired contract (status quo) on `date` when none is in force and its last one has expired. */
export function underExpiredContract(unitContracts: readonly ContractDates[], date: string): boolean {
  if (unitContracts.some((c) => inForce(c, date))) return false;
  return unitContracts.some((c) => RATIFIED.includes(c.status) && c.expiresOn < date && (!c.ratifiedOn || c.ratifiedOn <= date));
}

/** Contracts in force on `date` whose term ends within `days` days after it. */
export function expiringWithin(contracts: readonly ContractDates[], date: string, days: number): ContractDates[] {
  const until = addDays(date, days);
  return contracts.filter((c) => inForce(c, date) && c.expiresOn <= until);
}

export interface UnitWorkforce {
  id: string;
  employeeCount: number;
}

/** Units under an expired contract on `date`, and their share of the workforce (%, null when no employees are recorded). */
export function expiredCoverage(units: readonly UnitWorkforce[], contracts: readonly ContractDates[], date: string): { units: number; workforcePct: number | null } {
  let count = 0;
  let employees = 0;
  let total = 0;
  for (const u of units) {
    total += u.employeeCount;
    if (underExpiredContract(contracts.filter((c) => c.unitId === u.id), date)) {
      count++;
      employees += u.employeeCount;
    }
  }
  return { units: count, workforcePct: total > 0 ? Math.round((employees / total) * 1000) / 10 : null };
}
