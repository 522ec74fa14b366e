import type { FileKind } from './bundle-files';
import type { FileMode } from './oneroster-values';

/**
 * Maps a real export's header row to canonical OneRoster 1.1 column names.
 *
 * The spec's headers are case-sensitive and in a fixed order; real exports are not. A header cell is
 * read, in this order, as:
 * 1. the spec column it spells exactly;
 * 2. the spec column it matches ignoring case, spaces, '_' and '-' (`SourcedId`, `sourced_id`, `Given Name`);
 * 3. a vendor alias from VENDOR_ALIASES below (same normalisation);
 * 4. an extension column `metadata.<name>` (any case; metadata.address/latitude/longitude are
 *    canonicalised because the import reads them: OneRoster carries no addresses);
 * 5. otherwise an unknown column: ignored, with a warning.
 * Column order does not matter. Names read through 2-3 are reported in one warning so the district
 * can see how its export was understood.
 *
 * Duplicated columns (the same canonical column twice, e.g. `givenName` and `first_name`): decided
 * per row, because only the rows can tell whether the copies agree. A row whose copies are identical
 * (after trimming) is fine; a row where they differ is rejected, naming both columns and values.
 * Only columns the import reads are compared (a duplicated `email` never rejects a row). The header
 * gets a warning listing the duplicates.
 *
 * Missing required columns reject the whole file (see REQUIRED_COLUMNS; delta files also need
 * status and dateLastModified).
 */

/** OneRoster 1.1 CSV columns, in spec order. */
export const SPEC_COLUMNS: Readonly<Record<FileKind, readonly string[]>> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  users: [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName',
    'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password',
  ],
  enrollments: ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
  demographics: [
    'sourcedId', 'status', 'dateLastModified', 'birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander', 'white', 'demographicRaceTwoOrMoreRaces', 'hispanicOrLatinoEthnicity', 'countryOfBirthCode',
    'stateOfBirthAbbreviation', 'cityOfBirth', 'publicSchoolResidenceStatus',
  ],
};

/**
 * Columns without which the file cannot be read. orgs and users: the spec's required columns.
 * enrollments: those this import needs (classSourcedId, required by the spec, is not used).
 * demographics: only sourcedId (a file without birthDate is accepted, with a warning).
 */
export const REQUIRED_COLUMNS: Readonly<Record<FileKind, readonly string[]>> = {
  orgs: ['sourcedId', 'name', 'type'],
  users: ['sourcedId', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName'],
  enrollments: ['sourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
  demographics: ['sourcedId'],
};

const DELTA_REQUIRED = ['status', 'dateLastModified'];

export const METADATA_ADDRESS = 'metadata.address';
export const METADATA_LATITUDE = 'metadata.latitude';
export const METADATA_LONGITUDE = 'metadata.longitude';
const LOCATION_ALIASES: Record<string, string> = {
  address: METADATA_ADDRESS, homeaddress: METADATA_ADDRESS, streetaddress: METADATA_ADDRESS,
  latitude: METADATA_LATITUDE, lat: METADATA_LATITUDE,
  longitude: METADATA_LONGITUDE, lng: METADATA_LONGITUDE, lon: METADATA_LONGITUDE, long: METADATA_LONGITUDE,
};

/**
 * Vendor column names seen in SIS exports, keyed by normalised name (lower case, no spaces, '_' or '-').
 *
 * | file         | alias                                              | read as                                 |
 * |--------------|----------------------------------------------------|-----------------------------------------|
 * | orgs         | orgName, schoolName                                | name                                    |
 * | orgs         | orgType                                            | type                                    |
 * | orgs         | schoolCode, schoolNumber, code                     | identifier                              |
 * | users        | orgSourcedId, schoolSourcedIds, schoolSourcedId    | orgSourcedIds                           |
 * | users        | firstName, first                                   | givenName                               |
 * | users        | lastName, last, surname                            | familyName                              |
 * | users        | grade, gradeLevel                                  | grades                                  |
 * | users        | localId, studentNumber, studentId                  | identifier                              |
 * | users        | login                                              | username                                |
 * | users, orgs  | address, homeAddress, streetAddress                | metadata.address                        |
 * | users, orgs  | latitude, lat / longitude, lng, lon, long          | metadata.latitude / metadata.longitude  |
 * | users, orgs  | the same after `metadata.` (metadata.lat, ...)     | as above                                |
 * | enrollments  | orgSourcedId                                       | schoolSourcedId                         |
 * | enrollments  | studentSourcedId                                   | userSourcedId                           |
 * | demographics | userSourcedId, studentSourcedId                    | sourcedId                               |
 * | demographics | dob, dateOfBirth, birthday                         | birthDate                               |
 */
export const VENDOR_ALIASES: Readonly<Record<FileKind, Readonly<Record<string, string>>>> = {
  orgs: {
    orgname: 'name', schoolname: 'name', orgtype: 'type',
    schoolcode: 'identifier', schoolnumber: 'identifier', code: 'identifier',
    ...LOCATION_ALIASES,
  },
  users: {
    orgsourcedid: 'orgSourcedIds', schoolsourcedids: 'orgSourcedIds', schoolsourcedid: 'orgSourcedIds',
    firstname: 'givenName', first: 'givenName',
    lastname: 'familyName', last: 'familyName', surname: 'familyName',
    grade: 'grades', gradelevel: 'grades',
    localid: 'identifier', studentnumber: 'identifier', studentid: 'identifier',
    login: 'username',
    ...LOCATION_ALIASES,
  },
  enrollments: { orgsourcedid: 'schoolSourcedId', studentsourcedid: 'userSourcedId' },
  demographics: { usersourcedid: 'sourcedId', studentsourcedid: 'sourcedId', dob: 'birthDate', dateofbirth: 'birthDate', birthday: 'birthDate' },
};

/** The columns the import reads; only these are compared when duplicated. */
export const USED_COLUMNS: Readonly<Record<FileKind, readonly string[]>> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', METADATA_ADDRESS, METADATA_LATITUDE, METADATA_LONGITUDE],
  users: [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName',
    'identifier', 'grades', METADATA_ADDRESS, METADATA_LATITUDE, METADATA_LONGITUDE,
  ],
  enrollments: ['sourcedId', 'status', 'dateLastModified', 'schoolSourcedId', 'userSourcedId', 'role', 'beginDate', 'endDate'],
  demographics: ['sourcedId', 'status', 'dateLastModified', 'birthDate'],
};

export interface HeaderMapping {
  kind: FileKind;
  /** number of cells in the header row; a data row with another count is rejected */
  width: number;
  /** canonical column → 0-based cell positions (more than one when duplicated) */
  columns: ReadonlyMap<string, readonly number[]>;
  /** required canonical columns the header lacks; any → the file is rejected */
  missing: string[];
  warnings: string[];
}

/** Lower case, without spaces, '_' or '-': the form compared for case/whitespace variants and aliases. */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

export type ColumnMatch = { column: string; via: 'exact' | 'variant' | 'alias' | 'metadata' };

/** The canonical column a header cell names, or undefined for an unknown column. */
export function canonicalColumn(kind: FileKind, cell: string): ColumnMatch | undefined {
  const spec = SPEC_COLUMNS[kind];
  if (spec.includes(cell)) return { column: cell, via: 'exact' };
  const normalized = normalizeColumnName(cell);
  if (normalized === '') return undefined;
  const variant = spec.find((c) => c.toLowerCase() === normalized);
  if (variant) return { column: variant, via: 'variant' };
  const alias = VENDOR_ALIASES[kind][normalized];
  if (alias) return { column: alias, via: 'alias' };
  if (normalized.startsWith('metadata.') && normalized.length > 'metadata.'.length) {
    const located = kind === 'orgs' || kind === 'users' ? LOCATION_ALIASES[normalized.slice('metadata.'.length)] : undefined;
    if (located) return { column: located, via: located === normalized ? 'metadata' : 'alias' };
    return { column: `metadata.${cell.trim().slice('metadata.'.length)}`, via: 'metadata' };
  }
  return undefined;
}

export function mapHeader(kind: FileKind, header: readonly string[], mode: FileMode): HeaderMapping {
  const columns = new Map<string, number[]>();
  const renamed: string[] = [];
  const unknown: string[] = [];
  header.forEach((cell, at) => {
    const match = canonicalColumn(kind, cell);
    if (!match) {
      unknown.push(cell.trim() === '' ? `(column ${at + 1} has no name)` : `${JSON.stringify(cell.trim())} (column ${at + 1})`);
      return;
    }
    if (match.via === 'variant' || match.via === 'alias') renamed.push(`${JSON.stringify(cell)} as ${match.column}`);
    const positions = columns.get(match.column);
    if (positions) positions.push(at);
    else columns.set(match.column, [at]);
  });

  const required = mode === 'delta' ? [...REQUIRED_COLUMNS[kind], ...DELTA_REQUIRED] : REQUIRED_COLUMNS[kind];
  const missing = required.filter((c) => !columns.has(c));
  const warnings: string[] = [];
  if (renamed.length > 0) warnings.push(`read ${renamed.join(', ')}`);
  if (unknown.length > 0) warnings.push(`ignored unknown columns: ${unknown.join(', ')}`);
  for (const [column, positions] of columns) {
    if (positions.length < 2) continue;
    const where = positions.map((p) => `${p + 1} (${JSON.stringify(header[p])})`).join(', ');
    warnings.push(
      USED_COLUMNS[kind].includes(column)
        ? `${column} appears in columns ${where}; a row where they differ is rejected`
        : `${column} appears in columns ${where}; this import does not read it`,
    );
  }
  if (kind === 'demographics' && !columns.has('birthDate')) warnings.push('no birthDate column: this file gives no birth dates');
  return { kind, width: header.length, columns, missing, warnings };
}

/** The message that rejects a file whose header lacks required columns. */
export function missingColumnsMessage(mapping: HeaderMapping, header: readonly string[], line: number): string {
  return `header (line ${line}) is missing required column${mapping.missing.length > 1 ? 's' : ''} ${mapping.missing.join(', ')}; found ${header.map((h) => JSON.stringify(h)).join(', ')}`;
}

/**
 * One data row read through a header mapping. `get` returns the trimmed cell ('' when the column is
 * absent) and, for a duplicated column, records a conflict when the copies differ.
 */
export class RowView {
  private readonly conflictByColumn = new Map<string, string>();

  constructor(
    private readonly mapping: HeaderMapping,
    private readonly fields: readonly string[],
  ) {}

  get(column: string): string {
    const positions = this.mapping.columns.get(column);
    if (!positions) return '';
    const value = (this.fields[positions[0]] ?? '').trim();
    for (let k = 1; k < positions.length; k++) {
      const other = (this.fields[positions[k]] ?? '').trim();
      if (other !== value && !this.conflictByColumn.has(column)) {
        this.conflictByColumn.set(
          column,
          `${column} is given twice with different values (column ${positions[0] + 1}: ${JSON.stringify(value)}, column ${positions[k] + 1}: ${JSON.stringify(other)})`,
        );
      }
    }
    return value;
  }

  has(column: string): boolean {
    return this.mapping.columns.has(column);
  }

  /** Conflicts found by the `get` calls so far. */
  conflicts(): string[] {
    return [...this.conflictByColumn.values()];
  }
}
