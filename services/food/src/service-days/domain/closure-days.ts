import { datesBetween, isWeekday } from '../../shared/dates';

/**
 * The serving days a closure cancels: the weekdays from `from` to `to` inclusive, less those from
 * `liftedFrom` on when the closure was lifted (the building reopens that day).
 */
export function cancelledServingDays(from: string, to: string, liftedFrom?: string | null): string[] {
  if (to < from) return [];
  return datesBetween(from, to).filter((d) => isWeekday(d) && (!liftedFrom || d < liftedFrom));
}
