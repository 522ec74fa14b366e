import { isDate, isTimeOfDay } from '../../common/domain/dates';

/**
 * Checks of one item of a bulk ingestion request, before anything is written. Each returns the typed item or
 * the reason it is rejected, so a request reports every bad item with its index and writes the good ones.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ScanItem {
  studentId: string;
  runId: string;
  /** AM: where the student boarded; PM: the stop the student rides to */
  stopId: string;
  scannedAt: Date;
}
export interface ArrivalItem {
  runId: string;
  date: string;
  /** HH:MM[:SS], local: AM at school, PM at the last stop */
  actualArrival: string;
}
export interface MileageItem {
  vehicleId: string;
  date: string;
  miles: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ISO 8601 with an explicit offset: a scanner's clock is not the district's time zone */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** the longest day a vehicle plausibly drives */
export const MAX_DAILY_MILES = 1000;

function shape(item: unknown, fields: readonly string[]): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'not an object';
  const unknown = Object.keys(item).filter((k) => !fields.includes(k));
  if (unknown.length) return `unknown field ${unknown[0]}`;
  const missing = fields.filter((f) => (item as Record<string, unknown>)[f] === undefined);
  return missing.length ? `${missing[0]} is required` : null;
}

const uuid = (v: unknown, field: string) => (typeof v === 'string' && UUID.test(v) ? null : `${field} must be a UUID`);

export function checkScan(item: unknown): Checked<ScanItem> {
  const bad = shape(item, ['studentId', 'runId', 'stopId', 'scannedAt']);
  if (bad) return { ok: false, reason: bad };
  const i = item as Record<string, unknown>;
  const reason = uuid(i.studentId, 'studentId') ?? uuid(i.runId, 'runId') ?? uuid(i.stopId, 'stopId');
  if (reason) return { ok: false, reason };
  if (typeof i.scannedAt !== 'string' || !INSTANT.test(i.scannedAt) || Number.isNaN(Date.parse(i.scannedAt))) {
    return { ok: false, reason: 'scannedAt must be an ISO 8601 time with an offset, e.g. 2026-11-23T07:12:05-05:00' };
  }
  return { ok: true, value: { studentId: i.studentId as string, runId: i.runId as string, stopId: i.stopId as string, scannedAt: new Date(i.scannedAt) } };
}

export function checkArrival(item: unknown): Checked<ArrivalItem> {
  const bad = shape(item, ['runId', 'date', 'actualArrival']);
  if (bad) return { ok: false, reason: bad };
  const i = item as Record<string, unknown>;
  const reason = uuid(i.runId, 'runId');
  if (reason) return { ok: false, reason };
  if (!isDate(i.date)) return { ok: false, reason: 'date must be a calendar date YYYY-MM-DD' };
  if (!isTimeOfDay(i.actualArrival)) return { ok: false, reason: 'actualArrival must be HH:MM or HH:MM:SS' };
  return { ok: true, value: { runId: i.runId as string, date: i.date, actualArrival: i.actualArrival } };
}

export function checkMileage(item: unknown): Checked<MileageItem> {
  const bad = shape(item, ['vehicleId', 'date', 'miles']);
  if (bad) return { ok: false, reason: bad };
  const i = item as Record<string, unknown>;
  const reason = uuid(i.vehicleId, 'vehicleId');
  if (reason) return { ok: false, reason };
  if (!isDate(i.date)) return { ok: false, reason: 'date must be a calendar date YYYY-MM-DD' };
  if (typeof i.miles !== 'number' || !Number.isFinite(i.miles) || i.miles < 0 || i.miles > MAX_DAILY_MILES) {
    return { ok: false, reason: `miles must be a number from 0 to ${MAX_DAILY_MILES}` };
  }
  return { ok: true, value: { vehicleId: i.vehicleId as string, date: i.date, miles: Math.round(i.miles * 10) / 10 } };
}

/** Runs every item through `check`; also rejects a later item with the same key as an earlier one. */
export function checkAll<T>(
  items: readonly unknown[],
  check: (item: unknown) => Checked<T>,
  key: (value: T) => string,
): { accepted: { index: number; value: T }[]; rejected: { index: number; reason: string }[] } {
  const accepted: { index: number; value: T }[] = [];
  const rejected: { index: number; reason: string }[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const r = check(item);
    if (!r.ok) return rejected.push({ index, reason: r.reason });
    const k = key(r.value);
    const first = seen.get(k);
    if (first !== undefined) return rejected.push({ index, reason: `duplicate of item ${first}` });
    seen.set(k, index);
    accepted.push({ index, value: r.value });
  });
  return { accepted, rejected };
}
