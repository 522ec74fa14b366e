export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORIES = ['hardware', 'software', 'account', 'network', 'printing', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Targets for one priority (configuration: the sla_targets table). */
export interface SlaTarget {
  priority: Priority;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/** When a ticket opened at `openedAt` must get its first response and its resolution (calendar time). */
export function dueTimes(openedAt: Date, target: SlaTarget): { responseDueAt: Date; resolutionDueAt: Date } {
  return {
    responseDueAt: new Date(openedAt.getTime() + target.firstResponseMinutes * 60_000),
    resolutionDueAt: new Date(openedAt.getTime() + target.resolutionMinutes * 60_000),
  };
}

export interface TicketTimes {
  responseDueAt: Date;
  resolutionDueAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
}

/** Why an open ticket is overdue at `asOf`: past its resolution target, or still without a response past that target. */
export function overdueReason(t: TicketTimes, asOf: Date): 'resolution' | 'first-response' | null {
  if (t.resolvedAt) return null;
  if (t.resolutionDueAt <= asOf) return 'resolution';
  if (!t.firstResponseAt && t.responseDueAt <= asOf) return 'first-response';
  return null;
}

/** Problems with a set of targets: positive minutes, a response target no later than the resolution target. */
export function slaProblems(t: SlaTarget): string[] {
  const p: string[] = [];
  if (!Number.isInteger(t.firstResponseMinutes) || t.firstResponseMinutes <= 0) p.push('firstResponseMinutes must be a positive whole number');
  if (!Number.isInteger(t.resolutionMinutes) || t.resolutionMinutes <= 0) p.push('resolutionMinutes must be a positive whole number');
  if (t.firstResponseMinutes > t.resolutionMinutes) p.push('firstResponseMinutes cannot exceed resolutionMinutes');
  return p;
}
