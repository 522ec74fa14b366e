/** Calendar months as `YYYY-MM` strings: the KPI periods. Pure. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

/** `2026-11` → `2026-10`; `2026-01` → `2025-12`. */
export function addMonths(month: string, n: number): string {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive, in order (empty when `to` is before `from`). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** First day of the month and first day of the next, as YYYY-MM-DD. */
export function monthBounds(month: string): { start: string; next: string } {
  return { start: `${month}-01`, next: `${addMonths(month, 1)}-01` };
}
