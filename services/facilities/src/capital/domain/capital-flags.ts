/** A capital project's money and milestones, enough to judge it on budget and on schedule. */
export interface ProjectFigures {
  budget: number;
  committed: number;
  spent: number;
  milestones: { plannedDate: string; actualDate: string | null }[];
}

/** On budget: neither what is committed nor what is spent exceeds the budget. */
export function onBudget(p: Pick<ProjectFigures, 'budget' | 'committed' | 'spent'>): boolean {
  return Math.max(p.committed, p.spent) <= p.budget;
}

/**
 * On schedule at `asOf` (YYYY-MM-DD): no milestone planned on or before `asOf` was finished after its
 * planned date or is still unfinished. A milestone finished early, or not due yet, is on schedule.
 */
export function onSchedule(p: Pick<ProjectFigures, 'milestones'>, asOf: string): boolean {
  return p.milestones.every((m) => {
    if (m.plannedDate >= asOf) return true; // not due yet (or due today, and the day is not over)
    return m.actualDate !== null && m.actualDate <= m.plannedDate;
  });
}
