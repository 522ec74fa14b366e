export const MAX_WITHIN_DAYS = 366;

/** `7d` → 7 (days, 1..366); also `2w` → 14. Null for anything else. */
export function parseWithin(value: string): number | null {
  const m = /^([1-9]\d{0,2})([dw])$/.exec(value.trim());
  if (!m) return null;
  const days = Number(m[1]) * (m[2] === 'w' ? 7 : 1);
  return days <= MAX_WITHIN_DAYS ? days : null;
}
