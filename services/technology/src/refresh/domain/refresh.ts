import { addYears } from '../../common/dates';

/**
 * Refresh rules (DOMAIN.md section 5): a device is due once it is older than the refresh cycle or past its
 * auto-update expiration (Chromebooks stop getting updates then), whichever comes first.
 */
export interface RefreshFacts {
  purchaseDate: string;
  autoUpdateExpiration: string | null;
}

/** The date a device becomes due for refresh. */
export function refreshDueOn(d: RefreshFacts, cycleYears: number): string {
  const byAge = addYears(d.purchaseDate, cycleYears);
  return d.autoUpdateExpiration && d.autoUpdateExpiration < byAge ? d.autoUpdateExpiration : byAge;
}

export function isDueForRefresh(d: RefreshFacts, asOf: string, cycleYears: number): boolean {
  return refreshDueOn(d, cycleYears) <= asOf;
}

/** The school year (July–June, named by the year it ends: 2027 is 2026-27) a date falls in. */
export function schoolYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 7 ? y + 1 : y;
}

export interface UnitCost {
  deviceType: string;
  /** '' = any model of the type */
  model: string;
  unitCostUsd: number;
}

/** The cost to replace one device: its model's cost when recorded, else its type's, else unknown. */
export function unitCostFor(model: string, deviceType: string, costs: readonly UnitCost[]): number | null {
  return (
    costs.find((c) => c.deviceType === deviceType && c.model === model)?.unitCostUsd ??
    costs.find((c) => c.deviceType === deviceType && c.model === '')?.unitCostUsd ??
    null
  );
}

export interface PlanGroup {
  schoolId: string;
  model: string;
  deviceType: string;
  dueOn: string;
  devices: number;
}

export interface PlanLine {
  schoolId: string;
  /** school year the devices fall due; devices already due count in the current school year */
  schoolYear: number;
  devices: number;
  estimatedCostUsd: number;
  /** devices whose model and type have no unit cost: not in the estimate */
  devicesWithoutCost: number;
}

/** Devices falling due per school and school year from `asOf` on, with their estimated replacement cost. */
export function refreshPlan(groups: readonly PlanGroup[], costs: readonly UnitCost[], asOf: string): PlanLine[] {
  const current = schoolYearOf(asOf);
  const lines = new Map<string, PlanLine>();
  for (const g of groups) {
    const schoolYear = Math.max(current, schoolYearOf(g.dueOn));
    const key = `${g.schoolId}|${schoolYear}`;
    const line = lines.get(key) ?? { schoolId: g.schoolId, schoolYear, devices: 0, estimatedCostUsd: 0, devicesWithoutCost: 0 };
    const unit = unitCostFor(g.model, g.deviceType, costs);
    line.devices += g.devices;
    if (unit === null) line.devicesWithoutCost += g.devices;
    else line.estimatedCostUsd = Math.round((line.estimatedCostUsd + unit * g.devices) * 100) / 100;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.schoolYear - b.schoolYear || a.schoolId.localeCompare(b.schoolId));
}
