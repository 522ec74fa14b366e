import { addDays } from '../../common/domain/dates';

export interface ClosureDates {
  from: string;
  to: string;
}

export interface StoredClosure extends ClosureDates {
  status: 'scheduled' | 'lifted';
  liftedFrom: string | null;
}

/** The last day a closure really keeps the building closed (the day before it was lifted), or null when lifted before it began. */
export function lastClosedDay(c: StoredClosure): string | null {
  if (c.status === 'scheduled') return c.to;
  const last = addDays(c.liftedFrom!, -1);
  return last < c.from ? null : last;
}

/** Whether the building is closed on `date` by this closure. */
export function closedOn(c: StoredClosure, date: string): boolean {
  const last = lastClosedDay(c);
  return last !== null && c.from <= date && date <= last;
}

export function datesProblem(d: ClosureDates): string | undefined {
  return d.from > d.to ? '`to` cannot be before `from`' : undefined;
}

/** Two date ranges share at least one day. */
export function overlaps(a: ClosureDates, b: ClosureDates): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/**
 * Checks a lift: the building reopens from `liftedFrom`, which must fall within the closure (lifting
 * from its first day cancels it). A lifted closure cannot be lifted again.
 */
export function liftProblem(c: StoredClosure, liftedFrom: string): string | undefined {
  if (c.status === 'lifted') return 'the closure is lifted already';
  if (liftedFrom < c.from || liftedFrom > c.to) return `liftedFrom must be within the closure (${c.from} to ${c.to})`;
  return undefined;
}

/** Default reopening day: today when the closure has begun, else its first day (a cancellation). */
export function defaultLiftedFrom(c: ClosureDates, today: string): string {
  return today > c.from ? (today > c.to ? c.to : today) : c.from;
}
