import type { KpiDirection } from '@district/contracts';

/**
 * How a KPI stands against its target. `watch` is the band just short of the target (within
 * `watchPercent` of it); `no-target` for context KPIs or where none is set; `no-data` when the month gave
 * no value; `unavailable` when the department did not answer.
 */
export type KpiStatus = 'on-track' | 'watch' | 'off-track' | 'no-target' | 'no-data' | 'unavailable';

export interface Target {
  target: number | null;
  watchPercent: number;
}

export function kpiStatus(value: number | null, direction: KpiDirection, t: Target | undefined): KpiStatus {
  if (value === null) return 'no-data';
  if (!t || t.target === null || direction === 'context') return 'no-target';
  const slack = Math.abs(t.target) * (t.watchPercent / 100);
  if (direction === 'higher') return value >= t.target ? 'on-track' : value >= t.target - slack ? 'watch' : 'off-track';
  return value <= t.target ? 'on-track' : value <= t.target + slack ? 'watch' : 'off-track';
}

/** Change against the previous month: absolute, and relative in percent (null where undefined). */
export function kpiChange(value: number | null, previous: number | null): { change: number | null; changePercent: number | null } {
  if (value === null || previous === null) return { change: null, changePercent: null };
  const change = round(value - previous);
  return { change, changePercent: previous === 0 ? null : round((change / Math.abs(previous)) * 100) };
}

/** Schools best first for the KPI's direction (lower is better → ascending); schools without a value last. */
export function rankSchools<T extends { value: number | null }>(rows: T[], direction: KpiDirection): (T & { rank: number | null })[] {
  const valued = rows.filter((r) => r.value !== null).sort((a, b) => (direction === 'lower' ? a.value! - b.value! : b.value! - a.value!));
  const ranked = valued.map((r, i) => ({ ...r, rank: i + 1 }));
  // ties share the better rank
  for (let i = 1; i < ranked.length; i++) if (ranked[i].value === ranked[i - 1].value) ranked[i].rank = ranked[i - 1].rank;
  return [...ranked, ...rows.filter((r) => r.value === null).map((r) => ({ ...r, rank: null }))];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
