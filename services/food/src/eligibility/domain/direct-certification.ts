import { CsvError, parseCsv } from '@district/seed-data';
import { isIsoDate } from '../../shared/dates';

/** Programs whose match certifies a child for free meals without an application (DOMAIN.md section 3). */
export const DC_PROGRAMS = ['SNAP', 'TANF', 'FDPIR', 'FOSTER', 'HOMELESS', 'MIGRANT', 'RUNAWAY', 'HEAD_START'] as const;
export type DcProgram = (typeof DC_PROGRAMS)[number];

export interface DcRow {
  line: number;
  /** enrollment's student id, or the district's local id (one of them) */
  studentId: string | null;
  localId: string | null;
  program: DcProgram;
  certifiedOn: string;
}

export interface DcRejection {
  line: number;
  errors: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const norm = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Reads a direct certification match file: a header with `student_id` or `local_id`, `program` and
 * `certified_on` (YYYY-MM-DD); other columns are ignored. Bad rows are reported with their file line,
 * never guessed at; a malformed file (quoting, missing columns) is refused whole.
 */
export function parseDirectCertificationCsv(text: string): { rows: DcRow[]; rejected: DcRejection[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new DcFileError(err.message);
    throw err;
  }
  if (!records.length) throw new DcFileError('the file is empty');
  const header = records[0].fields.map(norm);
  const at = (name: string) => header.indexOf(name);
  const [iStudent, iLocal, iProgram, iDate] = ['student_id', 'local_id', 'program', 'certified_on'].map(at);
  const missing = [iProgram < 0 ? 'program' : '', iDate < 0 ? 'certified_on' : '', iStudent < 0 && iLocal < 0 ? 'student_id or local_id' : ''].filter(Boolean);
  if (missing.length) throw new DcFileError(`missing column(s): ${missing.join(', ')}`);
  const rows: DcRow[] = [];
  const rejected: DcRejection[] = [];
  for (const r of records.slice(1)) {
    const f = (i: number) => (i >= 0 ? (r.fields[i] ?? '').trim() : '');
    const errors: string[] = [];
    if (r.fields.length !== header.length) errors.push(`has ${r.fields.length} fields, the header has ${header.length}`);
    const studentId = f(iStudent) || null;
    const localId = f(iLocal) || null;
    if (!studentId && !localId) errors.push('student_id or local_id is required');
    if (studentId && !UUID.test(studentId)) errors.push('student_id must be a UUID');
    const program = f(iProgram).toUpperCase().replace(/[\s-]+/g, '_');
    if (!DC_PROGRAMS.includes(program as DcProgram)) errors.push(`program must be one of ${DC_PROGRAMS.join(', ')}`);
    const certifiedOn = f(iDate);
    if (!isIsoDate(certifiedOn)) errors.push('certified_on must be a YYYY-MM-DD date');
    if (errors.length) rejected.push({ line: r.line, errors });
    else rows.push({ line: r.line, studentId: studentId?.toLowerCase() ?? null, localId, program: program as DcProgram, certifiedOn });
  }
  return { rows, rejected };
}

export class DcFileError extends Error {}
