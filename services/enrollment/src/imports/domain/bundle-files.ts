import { isBlankRow } from './csv-rows';
import { BundleError, BundleSource, FileRejectedError, readCsvRows } from './csv-source';
import type { FileMode } from './oneroster-values';

/**
 * What a OneRoster 1.1 CSV bundle holds and which of its files this import reads.
 *
 * checkBundle reads only manifest.csv; the data files are checked as they are streamed (records.ts),
 * because an encoding or quoting error can sit on the last line of a 50 MB file. Rules:
 * - manifest.csv is required, with header propertyName,value (any case). manifest.version must be 1.0
 *   and oneroster.version 1.1 (1.1.x); either one missing is only a warning.
 * - `file.<name>` is bulk, delta or absent (any case). A file this import reads (orgs, users,
 *   enrollments, demographics) declared bulk/delta must be present; one declared absent but present
 *   is ignored; one present but not declared is read as bulk, with a warning. Other OneRoster files
 *   (classes, courses, ...) are ignored, and a missing one the manifest declares is only a warning.
 * - The bundle must contain orgs.csv or users.csv, or there is nothing to import.
 * - File names match case-insensitively and ignore folders inside the zip (`export/Users.csv`); two
 *   entries with the same name are an error. Zip metadata (__MACOSX, ._*, .DS_Store) is ignored.
 */

export type FileKind = 'orgs' | 'users' | 'enrollments' | 'demographics';

/** The files this import reads, in the order it reads them. */
export const FILE_KINDS: readonly FileKind[] = ['orgs', 'users', 'enrollments', 'demographics'];

export const MANIFEST_FILE = 'manifest.csv';

export function fileNameOf(kind: FileKind): string {
  return `${kind}.csv`;
}

/** Every file name OneRoster 1.1 CSV defines besides the manifest. */
const ONEROSTER_FILES = [
  'academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources',
  'demographics', 'enrollments', 'lineItems', 'orgs', 'resources', 'results', 'users',
];

export type ManifestMode = FileMode | 'absent';

export interface Manifest {
  /** every property as written, keyed by its lower-cased name */
  properties: ReadonlyMap<string, string>;
  /** `file.<name>` values, keyed by the lower-cased file name without .csv ('users', 'academicsessions') */
  files: ReadonlyMap<string, ManifestMode>;
}

export interface ManifestResult {
  manifest?: Manifest;
  errors: BundleError[];
  warnings: string[];
}

export interface BundleFile {
  kind: FileKind;
  /** the name as given (may include a folder, any case) */
  name: string;
  mode: FileMode;
  source: BundleSource;
}

export interface IgnoredFile {
  name: string;
  reason: string;
}

export interface BundleCheck {
  /** false when errors is not empty: the whole bundle is rejected */
  ok: boolean;
  errors: BundleError[];
  warnings: string[];
  manifest?: Manifest;
  /** files to read, in FILE_KINDS order */
  files: BundleFile[];
  /** files that are not read; a caller holding streams should discard them */
  ignored: IgnoredFile[];
}

export type BundleInput = ReadonlyMap<string, BundleSource> | Readonly<Record<string, BundleSource>>;

const MAX_MANIFEST_ROWS = 1000;

/** Checks the bundle's manifest and file list, and says which files to read in which mode. */
export async function checkBundle(input: BundleInput): Promise<BundleCheck> {
  const errors: BundleError[] = [];
  const warnings: string[] = [];
  const ignored: IgnoredFile[] = [];
  const byName = new Map<string, { name: string; source: BundleSource }>(); // key: lower-cased base name

  for (const [name, source] of entriesOf(input)) {
    if (isArchiveMetadata(name)) {
      ignored.push({ name, reason: 'zip metadata, not a roster file' });
      continue;
    }
    const key = baseName(name).toLowerCase();
    const earlier = byName.get(key);
    if (earlier) {
      errors.push({ file: baseName(name), message: `the bundle holds two files with this name (${earlier.name} and ${name}); it is not clear which to read` });
      continue;
    }
    byName.set(key, { name, source });
  }

  const manifestEntry = byName.get(MANIFEST_FILE);
  byName.delete(MANIFEST_FILE);
  if (!manifestEntry) {
    errors.push({ file: MANIFEST_FILE, message: 'manifest.csv is missing; a OneRoster bundle must include it' });
    return { ok: false, errors, warnings, files: [], ignored };
  }
  const { manifest, errors: manifestErrors, warnings: manifestWarnings } = await readManifest(manifestEntry.source, manifestEntry.name);
  errors.push(...manifestErrors);
  warnings.push(...manifestWarnings);
  if (!manifest) return { ok: false, errors, warnings, files: [], ignored };

  const files: BundleFile[] = [];
  for (const kind of FILE_KINDS) {
    const declared = manifest.files.get(kind);
    const entry = byName.get(fileNameOf(kind));
    byName.delete(fileNameOf(kind));
    if (entry) {
      if (declared === 'absent') {
        ignored.push({ name: entry.name, reason: `the manifest says file.${kind}=absent` });
      } else {
        if (declared === undefined) warnings.push(`${fileNameOf(kind)} is present but manifest.csv has no file.${kind}; it is read as bulk`);
        files.push({ kind, name: entry.name, mode: declared ?? 'bulk', source: entry.source });
      }
    } else if (declared === 'bulk' || declared === 'delta') {
      errors.push({ file: fileNameOf(kind), message: `the manifest declares file.${kind}=${declared} but ${fileNameOf(kind)} is not in the bundle` });
    }
  }

  const otherOneRoster = new Map(ONEROSTER_FILES.map((f) => [`${f.toLowerCase()}.csv`, f]));
  for (const [key, entry] of byName) {
    const known = otherOneRoster.get(key);
    ignored.push({ name: entry.name, reason: known ? 'a OneRoster file this import does not use' : 'not a OneRoster file' });
  }
  for (const [file, mode] of manifest.files) {
    const known = otherOneRoster.get(`${file}.csv`);
    if (known && !FILE_KINDS.includes(file as FileKind) && mode !== 'absent' && !byName.has(`${file}.csv`)) {
      warnings.push(`the manifest declares file.${known}=${mode} but ${known}.csv is not in the bundle; this import does not use it`);
    }
  }

  if (errors.length === 0 && !files.some((f) => f.kind === 'orgs' || f.kind === 'users')) {
    errors.push({ file: MANIFEST_FILE, message: 'nothing to import: the bundle has neither orgs.csv nor users.csv' });
  }
  return { ok: errors.length === 0, errors, warnings, manifest, files, ignored };
}

/** Reads manifest.csv (`propertyName,value`) and checks its versions and file modes. */
export async function readManifest(source: BundleSource, file = MANIFEST_FILE): Promise<ManifestResult> {
  const errors: BundleError[] = [];
  const warnings: string[] = [];
  const properties = new Map<string, string>();
  let columns: { property: number; value: number } | undefined;
  let rowCount = 0;
  try {
    for await (const rows of readCsvRows(source, file)) {
      for (const row of rows) {
        if (isBlankRow(row.fields)) continue;
        if (!columns) {
          const names = row.fields.map((f) => f.trim().toLowerCase());
          columns = { property: names.indexOf('propertyname'), value: names.indexOf('value') };
          if (columns.property < 0 || columns.value < 0) {
            throw new FileRejectedError(file, `header must be propertyName,value (found ${row.fields.join(',')})`, row.line);
          }
          continue;
        }
        if (++rowCount > MAX_MANIFEST_ROWS) throw new FileRejectedError(file, `more than ${MAX_MANIFEST_ROWS} rows; this is not a manifest`, row.line);
        const name = (row.fields[columns.property] ?? '').trim();
        const value = (row.fields[columns.value] ?? '').trim();
        if (name === '') continue;
        const key = name.toLowerCase();
        const earlier = properties.get(key);
        if (earlier !== undefined && earlier !== value) {
          errors.push({ file, line: row.line, message: `${name} is given twice with different values (${earlier}, ${value})` });
        }
        properties.set(key, value);
      }
    }
    if (!columns) throw new FileRejectedError(file, 'the file is empty: no header row');
  } catch (e) {
    if (e instanceof FileRejectedError) return { errors: [e.toBundleError()], warnings };
    throw e;
  }

  const manifestVersion = properties.get('manifest.version');
  if (manifestVersion === undefined) warnings.push('manifest.csv has no manifest.version; read as 1.0');
  else if (manifestVersion !== '1.0') errors.push({ file, message: `manifest.version is ${JSON.stringify(manifestVersion)}; OneRoster 1.1 bundles have manifest.version 1.0` });
  const oneRosterVersion = properties.get('oneroster.version');
  if (oneRosterVersion === undefined) warnings.push('manifest.csv has no oneroster.version; read as OneRoster 1.1');
  else if (!/^1\.1(\.\d+)?$/.test(oneRosterVersion)) errors.push({ file, message: `oneroster.version is ${JSON.stringify(oneRosterVersion)}; this import reads OneRoster 1.1` });

  const files = new Map<string, ManifestMode>();
  for (const [key, raw] of properties) {
    if (!key.startsWith('file.')) continue;
    const mode = raw.toLowerCase();
    if (mode === 'bulk' || mode === 'delta' || mode === 'absent') files.set(key.slice('file.'.length), mode);
    else errors.push({ file, message: `${key} is ${JSON.stringify(raw)}; it must be bulk, delta or absent` });
  }
  return { manifest: errors.length === 0 ? { properties, files } : undefined, errors, warnings };
}

function entriesOf(input: BundleInput): [string, BundleSource][] {
  return input instanceof Map ? [...(input as ReadonlyMap<string, BundleSource>)] : Object.entries(input as Readonly<Record<string, BundleSource>>);
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

function isArchiveMetadata(name: string): boolean {
  const base = baseName(name);
  return base === '' || base === '.DS_Store' || base.startsWith('._') || /(^|[\\/])__MACOSX[\\/]/.test(name);
}
