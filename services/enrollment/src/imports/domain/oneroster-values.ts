import type { Grade } from '@district/contracts';

/**
 * Parsers for single OneRoster CSV values. Each takes the trimmed cell text ('' = blank) and returns
 * the value or a reason the row is rejected; none of them throws.
 */

export type FileMode = 'bulk' | 'delta';
export type RecordStatus = 'active' | 'tobedeleted';
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Blank means active in a bulk file (bulk exports usually leave it empty); a delta file must say. */
export function parseStatus(raw: string, mode: FileMode): Parsed<RecordStatus> {
  if (raw === '') return mode === 'bulk' ? ok('active') : fail('status is required in a delta file');
  const value = raw.toLowerCase();
  if (value === 'active' || value === 'tobedeleted') return ok(value);
  return fail(`status ${JSON.stringify(raw)} must be active or tobedeleted`);
}

const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date or a full ISO 8601 timestamp, kept as written; blank is accepted only in bulk files. */
export function parseDateLastModified(raw: string, mode: FileMode): Parsed<string | undefined> {
  if (raw === '') return mode === 'bulk' ? ok(undefined) : fail('dateLastModified is required in a delta file');
  const m = ISO_TIMESTAMP.exec(raw);
  if (!m || !isRealDate(m[1]) || Number.isNaN(Date.parse(raw))) {
    return fail(`dateLastModified ${JSON.stringify(raw)} must be an ISO 8601 date or timestamp`);
  }
  return ok(raw);
}

/** An optional calendar date, strictly YYYY-MM-DD and real (no 2016-02-30). */
export function parseDate(raw: string, column: string): Parsed<string | undefined> {
  if (raw === '') return ok(undefined);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || !isRealDate(raw)) return fail(`${column} ${JSON.stringify(raw)} must be a real date, YYYY-MM-DD`);
  return ok(raw);
}

function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

/** OneRoster says true/false; exports also write TRUE, 1/0 or yes/no, which are just as clear. */
export function parseBoolean(raw: string, column: string): Parsed<boolean> {
  const value = BOOLEANS[raw.toLowerCase()];
  if (value === undefined) return fail(raw === '' ? `${column} is required` : `${column} ${JSON.stringify(raw)} must be true or false`);
  return ok(value);
}

/** OneRoster/CEDS grade codes (upper-cased) to the district's grades. TK (transitional K) is placed in K. */
export const GRADE_CODES: Readonly<Record<string, Grade>> = (() => {
  const codes: Record<string, Grade> = { IT: 'PK', PR: 'PK', PK: 'PK', TK: 'K', KG: 'K', K: 'K' };
  for (let n = 1; n <= 12; n++) {
    const grade = String(n) as Grade;
    codes[grade] = grade;
    codes[grade.padStart(2, '0')] = grade; // CEDS writes 01..09
  }
  return codes;
})();

/**
 * The student's grade from `grades`, which is a list ("09" or "09,10"). Every code must be known, and
 * all must name the same grade: a student in two different grades is ambiguous. Blank = no grade.
 */
export function parseGrade(raw: string): Parsed<Grade | undefined> {
  const codes = splitList(raw);
  if (codes.length === 0) return ok(undefined);
  const unknown = codes.filter((c) => GRADE_CODES[c.toUpperCase()] === undefined);
  if (unknown.length > 0) {
    return fail(`grades ${JSON.stringify(raw)}: ${unknown.map((c) => JSON.stringify(c)).join(', ')} is not a grade the district serves (PK, K, 1-12; codes IT, PR, PK, TK, KG, 01-12 are accepted)`);
  }
  const grades = [...new Set(codes.map((c) => GRADE_CODES[c.toUpperCase()]))];
  if (grades.length > 1) return fail(`grades ${JSON.stringify(raw)} names several grades (${grades.join(', ')}); a student has one`);
  return ok(grades[0]);
}

/** A comma list ("a,b" inside quotes in the CSV) from a trimmed cell: blanks and repeats dropped, order kept. */
export function splitList(raw: string): string[] {
  if (raw === '') return [];
  if (!raw.includes(',')) return [raw]; // the usual case; raw is already trimmed
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Coordinates come in pairs: both blank = none, one without the other is rejected. Plain decimals only
 * (no "42,37", "1e2" or "NaN"), in range, and not 0,0: that is a geocoder's "unknown", not a home.
 */
export function parseCoordinates(latitudeRaw: string, longitudeRaw: string): Parsed<{ latitude: number; longitude: number } | undefined> {
  if (latitudeRaw === '' && longitudeRaw === '') return ok(undefined);
  if (latitudeRaw === '' || longitudeRaw === '') return fail('latitude and longitude must both be given or both be blank');
  const problems: string[] = [];
  const latitude = parseDecimal(latitudeRaw, 'latitude', 90, problems);
  const longitude = parseDecimal(longitudeRaw, 'longitude', 180, problems);
  if (problems.length > 0) return fail(problems.join('; '));
  if (latitude === 0 && longitude === 0) return fail('latitude/longitude 0,0 is a placeholder, not a location');
  return ok({ latitude, longitude });
}

function parseDecimal(raw: string, column: string, limit: number, problems: string[]): number {
  if (!DECIMAL.test(raw)) {
    problems.push(`${column} ${JSON.stringify(raw)} is not a decimal number${raw.includes(',') ? ' (use a dot as the decimal separator)' : ''}`);
    return NaN;
  }
  const value = Number(raw);
  if (value < -limit || value > limit) problems.push(`${column} ${raw} is out of range (-${limit} to ${limit})`);
  return value;
}
