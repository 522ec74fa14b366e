/**
 * Targets the scorecard starts with, where DOMAIN.md gives a figure (CGCS medians, FCC and program targets).
 * The COO replaces or clears any of them with PUT /api/kpis/targets; the rest start with no target.
 * `watchPercent`: how far short of the target (as % of it) still counts as "watch" rather than "off track".
 */
export const DEFAULT_WATCH_PERCENT = 10;

export const DEFAULT_KPI_TARGETS: Record<string, { target: number; watchPercent?: number; source: string }> = {};
