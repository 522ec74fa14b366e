/**
 * Targets the scorecard starts with, where DOMAIN.md gives a figure (CGCS medians, FCC targets, FCI bands).
 * The COO replaces or clears any of them with PUT /api/kpis/targets; the rest start with no target.
 * `watchPercent`: how far short of the target (as % of it) still counts as "watch" rather than "off track".
 */
export const DEFAULT_WATCH_PERCENT = 10;

export const DEFAULT_KPI_TARGETS: Record<string, { target: number; watchPercent?: number; source: string }> = {
  'transportation.daily-runs-per-bus': { target: 4.2, source: 'CGCS Managing for Results: median daily runs per bus' },
  'technology.bandwidth-per-user': { target: 100, source: 'FCC E-rate short-term target: 100 kbps per user' },
  // "good" ends at 5 %; "fair" (5–10 %) is the watch band
  'facilities.fci': { target: 5, watchPercent: 100, source: 'FCI bands: good below 5 %, fair 5–10 %' },
};
