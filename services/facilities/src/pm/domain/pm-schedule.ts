import { addDays, addMonths } from '../../common/domain/dates';

export type PmUnit = 'days' | 'months';

export interface PmRecurrence {
  /** the first due date; later ones are counted from it, so month-end dates do not drift */
  anchorDate: string;
  every: number;
  unit: PmUnit;
}

/** The k-th due date (k = 0 is the anchor). */
export function occurrence(r: PmRecurrence, k: number): string {
  return r.unit === 'days' ? addDays(r.anchorDate, k * r.every) : addMonths(r.anchorDate, k * r.every);
}

/** The first due date strictly after `date`. */
export function nextDueAfter(r: PmRecurrence, date: string): string {
  // jump close to the answer, then step
  let k = 0;
  if (r.unit === 'days') {
    const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${r.anchorDate}T00:00:00Z`)) / 86_400_000);
    k = Math.max(0, Math.floor(days / r.every) - 1);
  } else {
    const months = (Number(date.slice(0, 4)) - Number(r.anchorDate.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(r.anchorDate.slice(5, 7));
    k = Math.max(0, Math.floor(months / r.every) - 1);
  }
  while (occurrence(r, k) <= date) k++;
  return occurrence(r, k);
}

/**
 * Whether the occurrence due on `dueDate` should have its work order now: from `leadDays` before the
 * due date (crews plan the week ahead), and every missed occurrence too (each due date once).
 */
export function isDueForGeneration(dueDate: string, today: string, leadDays: number): boolean {
  return dueDate <= addDays(today, leadDays);
}

/** The job key that makes one occurrence generate one work order, however many replicas tick. */
export function occurrenceKey(scheduleId: string, dueDate: string): string {
  return `${scheduleId}:${dueDate}`;
}
