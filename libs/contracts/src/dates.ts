/** Calendar dates in the district's time zone. Pure (Intl only). */

/** Whether `value` is an IANA time zone this runtime knows, e.g. `America/New_York`. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) at `at` in `timeZone`: the district's "today", whatever the server's zone. */
export function dateInTimeZone(timeZone: string, at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
