import { DEVICE_TYPES, DeviceStatus, DeviceType } from '@district/contracts';
import type { CsvRecord } from '@district/seed-data';
import { isIsoDate } from '../../common/dates';

/** A device row as read from an import file, checked. */
export interface DeviceRow {
  line: number;
  serial: string;
  model: string;
  deviceType: DeviceType;
  purchaseDate: string;
  warrantyEnd: string | null;
  autoUpdateExpiration: string | null;
  schoolCode: string;
  /** only `in-stock` or `retired` may be set by a file; absent: new devices are in stock, existing keep theirs */
  status: 'in-stock' | 'retired' | null;
  loanerPool: boolean | null;
}

export interface Rejected {
  line: number;
  serial?: string;
  reason: string;
}

export const REQUIRED_COLUMNS = ['serial', 'model', 'type', 'purchase_date', 'school_code'] as const;
export const OPTIONAL_COLUMNS = ['warranty_end', 'auto_update_expiration', 'status', 'loaner_pool'] as const;
const KNOWN = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS] as string[];

/** A header problem fails the whole file: no row can be read right. */
export class HeaderError extends Error {}

/** Reads and checks the rows of a device file (first record: header; column names case-insensitive). */
export function readDeviceRows(records: CsvRecord[]): { rows: DeviceRow[]; rejected: Rejected[] } {
  if (records.length === 0) throw new HeaderError('the file is empty');
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new HeaderError(`missing column(s): ${missing.join(', ')}`);
  const unknown = header.filter((h) => !KNOWN.includes(h));
  if (unknown.length) throw new HeaderError(`unknown column(s): ${unknown.join(', ')} (known: ${KNOWN.join(', ')})`);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new HeaderError(`column ${dup} appears twice`);
  const col = (fields: string[], name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? '' : (fields[i] ?? '').trim();
  };

  const rows: DeviceRow[] = [];
  const rejected: Rejected[] = [];
  const seen = new Map<string, number>();
  for (const r of records.slice(1)) {
    const problems: string[] = [];
    if (r.fields.length !== header.length) problems.push(`has ${r.fields.length} fields, the header has ${header.length}`);
    const serial = col(r.fields, 'serial');
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(serial)) problems.push('serial must be 1-64 letters, digits, . _ / or -');
    const model = col(r.fields, 'model');
    if (!model || model.length > 100) problems.push('model is required (at most 100 characters)');
    const type = col(r.fields, 'type').toLowerCase();
    if (!(DEVICE_TYPES as readonly string[]).includes(type)) problems.push(`type must be one of ${DEVICE_TYPES.join(', ')}`);
    const dates: Record<string, string | null> = {};
    for (const name of ['purchase_date', 'warranty_end', 'auto_update_expiration']) {
      const v = col(r.fields, name);
      if (!v) dates[name] = null;
      else if (!isIsoDate(v)) problems.push(`${name} must be a date YYYY-MM-DD`);
      else dates[name] = v;
    }
    if (!col(r.fields, 'purchase_date')) problems.push('purchase_date is required');
    const schoolCode = col(r.fields, 'school_code');
    if (!schoolCode) problems.push('school_code is required');
    const statusText = col(r.fields, 'status').toLowerCase();
    if (statusText && statusText !== 'in-stock' && statusText !== 'retired') problems.push('status may only be in-stock or retired (other statuses follow from assignments, repairs and losses)');
    const loanerText = col(r.fields, 'loaner_pool').toLowerCase();
    if (loanerText && !['true', 'false', 'yes', 'no', '1', '0'].includes(loanerText)) problems.push('loaner_pool must be true or false');
    if (serial && seen.has(serial)) problems.push(`serial ${serial} is also on line ${seen.get(serial)}`);
    if (problems.length) {
      rejected.push({ line: r.line, ...(serial ? { serial } : {}), reason: problems.join('; ') });
      continue;
    }
    seen.set(serial, r.line);
    rows.push({
      line: r.line,
      serial,
      model,
      deviceType: type as DeviceType,
      purchaseDate: dates.purchase_date!,
      warrantyEnd: dates.warranty_end,
      autoUpdateExpiration: dates.auto_update_expiration,
      schoolCode,
      status: (statusText || null) as DeviceRow['status'],
      loanerPool: loanerText ? ['true', 'yes', '1'].includes(loanerText) : null,
    });
  }
  return { rows, rejected };
}

/** A device as stored, for comparison with an import row. */
export interface StoredDevice {
  id: string;
  serial: string;
  model: string;
  deviceType: DeviceType;
  purchaseDate: string;
  warrantyEnd: string | null;
  autoUpdateExpiration: string | null;
  schoolId: string;
  status: DeviceStatus;
  loanerPool: boolean;
}

export type ImportAction =
  | { kind: 'insert'; row: DeviceRow; schoolId: string; status: 'in-stock' | 'retired'; loanerPool: boolean }
  | { kind: 'update'; row: DeviceRow; before: StoredDevice; after: Omit<StoredDevice, 'id' | 'serial'> }
  | { kind: 'unchanged'; row: DeviceRow };

/**
 * Decides, for each checked row, whether it adds a device, changes one (matched by serial) or changes
 * nothing. A device someone holds, or one in repair or lost, keeps its school and status: those change
 * through returns, repairs and recoveries, which keep the assignment history right.
 */
export function planImport(
  rows: DeviceRow[],
  existing: ReadonlyMap<string, StoredDevice>,
  schoolIdByCode: ReadonlyMap<string, string>,
): { actions: ImportAction[]; rejected: Rejected[] } {
  const actions: ImportAction[] = [];
  const rejected: Rejected[] = [];
  for (const row of rows) {
    const schoolId = schoolIdByCode.get(row.schoolCode);
    if (!schoolId) {
      rejected.push({ line: row.line, serial: row.serial, reason: `no school with code ${row.schoolCode}` });
      continue;
    }
    const before = existing.get(row.serial);
    if (!before) {
      actions.push({ kind: 'insert', row, schoolId, status: row.status ?? 'in-stock', loanerPool: row.loanerPool ?? false });
      continue;
    }
    const held = before.status !== 'in-stock' && before.status !== 'retired';
    const status = row.status ?? before.status;
    if (held && (schoolId !== before.schoolId || status !== before.status)) {
      rejected.push({ line: row.line, serial: row.serial, reason: `device is ${before.status}: its school and status change when it is returned, repaired or recovered, not by import` });
      continue;
    }
    const after = {
      model: row.model, deviceType: row.deviceType, purchaseDate: row.purchaseDate, warrantyEnd: row.warrantyEnd,
      autoUpdateExpiration: row.autoUpdateExpiration, schoolId, status, loanerPool: row.loanerPool ?? before.loanerPool,
    };
    const same = (Object.keys(after) as (keyof typeof after)[]).every((k) => after[k] === before[k]);
    actions.push(same ? { kind: 'unchanged', row } : { kind: 'update', row, before, after });
  }
  return { actions, rejected };
}
