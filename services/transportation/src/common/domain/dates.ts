/**
 * Business dates (YYYY-MM-DD), months (YYYY-MM) and local times of day (HH:MM[:SS]): pure helpers, no clock.
 * The district's "today" is always passed in (from a request or the configured time zone), never the UTC date.
 */

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** A real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/** Minutes since midnight of HH:MM[:SS]. */
export function minutesOfDay(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]) + (m[3] ? Number(m[3]) / 60 : 0);
}

/** HH:MM of a stored `time` value (HH:MM:SS). */
export const hhmm = (time: string): string => time.slice(0, 5);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, inclusive (empty when to < from). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const monthOf = (date: string): string => date.slice(0, 7);
export const monthStart = (month: string): string => `${month}-01`;

/** Last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m === 12 ? ((m = 1), y++) : m++;
  }
  return out;
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The local calendar date and minutes since midnight of an instant in a time zone. `formatter` is a cached
 * Intl.DateTimeFormat for that zone (see localFormatter), so 10,000 scans cost one formatter.
 */
export function localDateTime(instant: Date, formatter: Intl.DateTimeFormat): { date: string; minutes: number } {
  const p: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) p[part.type] = part.value;
  const hour = p.hour === '24' ? 0 : Number(p.hour);
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: hour * 60 + Number(p.minute) + Number(p.second) / 60 };
}

export function localFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** The instant at which the local clock in the formatter's time zone shows `date` at `minutes` past midnight. */
export function instantAt(date: string, minutes: number, formatter: Intl.DateTimeFormat): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wanted = Date.UTC(y, m - 1, d, 0, 0, 0) + Math.round(minutes * 60_000);
  let t = wanted;
  for (let i = 0; i < 3; i++) {
    const local = localDateTime(new Date(t), formatter);
    const [ly, lm, ld] = local.date.split('-').map(Number);
    const shown = Date.UTC(ly, lm - 1, ld) + Math.round(local.minutes * 60_000);
    if (shown === wanted) break;
    t += wanted - shown;
  }
  return new Date(t);
}
