import { dateInTimeZone } from '@district/contracts';

/** Business dates are `YYYY-MM-DD` strings (UTC calendar arithmetic, no time of day). */
const DAY_MS = 86_400_000;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekday(date: string): boolean {
  const d = weekday(date);
  return d >= 1 && d <= 5;
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthStart(month: string): string {
  return `${month}-01`;
}

/** Last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Months from..to inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) break;
    out.push(s);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The calendar date of an instant in a time zone (the district's "today"). */
export function dateInZone(instant: Date, timeZone: string): string {
  return dateInTimeZone(timeZone, instant);
}

/** First day (July 1) of the school year holding `date`, and the day after it ends (next July 1). */
export function schoolYearOf(date: string): { start: string; next: string; label: string } {
  const y = Number(date.slice(0, 4));
  const startYear = Number(date.slice(5, 7)) >= 7 ? y : y - 1;
  return { start: `${startYear}-07-01`, next: `${startYear + 1}-07-01`, label: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}` };
}
