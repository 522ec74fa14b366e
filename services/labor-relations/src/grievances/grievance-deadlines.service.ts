import { Injectable } from '@nestjs/common';
import { Tx } from '@district/messaging';
import { CalendarReader, deadlineFn } from '../calendar/calendar.reader';
import { applyMissedDeadlines, recomputeDue } from './domain/grievance-rules';
import { GrievanceChange, loadOpenWithDeadlines, saveGrievances } from './grievance-store';

/** The contract's time limits applied to many grievances at once (the daily pass, and recomputation after a calendar change). */
@Injectable()
export class GrievanceDeadlines {
  constructor(private readonly calendar: CalendarReader) {}

  /**
   * Every open grievance whose deadline passed before `asOf`: a missed employer answer lets the union
   * appeal, a missed union appeal closes it; both go to its history. Returns the grievances changed.
   */
  async applyMissed(tx: Tx, asOf: string): Promise<number> {
    const due = await loadOpenWithDeadlines(tx.manager, { dueBefore: asOf });
    if (due.length === 0) return 0;
    const calendar = await this.calendar.load(tx.manager);
    const changes: GrievanceChange[] = due.map((g) => {
      const t = applyMissedDeadlines(g.state, asOf, g.procedure, deadlineFn(calendar, g.procedure));
      return { id: g.id, before: g.state, after: t.state, history: t.history };
    });
    await saveGrievances(tx.manager, changes, 'deadline-job');
    return changes.length;
  }

  /** Recomputes the current deadline of open grievances (all, or one contract's) after the calendar or a procedure changed. */
  async recomputeOpen(tx: Tx, today: string, contractId?: string): Promise<number> {
    const open = await loadOpenWithDeadlines(tx.manager, { contractId });
    if (open.length === 0) return 0;
    const calendar = await this.calendar.load(tx.manager);
    const changes: GrievanceChange[] = [];
    for (const g of open) {
      const after = recomputeDue(g.state, g.procedure, deadlineFn(calendar, g.procedure));
      if (after.dueOn !== g.state.dueOn) {
        changes.push({ id: g.id, before: g.state, after, history: [{ on: today, kind: 'deadline-recomputed', step: g.state.currentStep, detail: `deadline moved from ${g.state.dueOn} to ${after.dueOn} (calendar or contract changed)` }] });
      }
    }
    await saveGrievances(tx.manager, changes, 'calendar');
    return changes.length;
  }
}
