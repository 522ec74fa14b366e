import { HeaderMapping, RowView, SPEC_COLUMNS, canonicalColumn, mapHeader, missingColumnsMessage } from './header-mapping';

const columnsOf = (m: HeaderMapping): Record<string, readonly number[]> => Object.fromEntries(m.columns);

describe('header mapping', () => {
  it('maps a spec header one to one, with no warnings', () => {
    for (const kind of ['orgs', 'users', 'enrollments', 'demographics'] as const) {
      const m = mapHeader(kind, SPEC_COLUMNS[kind], 'delta');
      expect(m.missing).toEqual([]);
      expect(m.warnings).toEqual([]);
      expect([...m.columns.keys()]).toEqual(SPEC_COLUMNS[kind]);
    }
  });

  it('accepts case, whitespace, underscore variants and vendor aliases, in any order, and says how it read them', () => {
    const header = [' SourcedId ', 'first_name', 'LastName', 'Role', 'user name', 'enabled_user', 'schoolSourcedIds', 'Grade', 'student_number', 'Lat', 'LNG', 'Metadata.Address'];
    const m = mapHeader('users', header, 'bulk');
    expect(m.missing).toEqual([]);
    expect(columnsOf(m)).toEqual({
      sourcedId: [0], givenName: [1], familyName: [2], role: [3], username: [4], enabledUser: [5], orgSourcedIds: [6], grades: [7],
      identifier: [8], 'metadata.latitude': [9], 'metadata.longitude': [10], 'metadata.address': [11],
    });
    expect(m.warnings).toEqual([expect.stringMatching(/^read " SourcedId " as sourcedId, "first_name" as givenName, .*"LNG" as metadata.longitude$/)]);
  });

  it('keeps metadata.* extension columns and ignores unknown ones with a warning', () => {
    const m = mapHeader('orgs', ['sourcedId', 'name', 'type', 'metadata.latitude', 'metadata.longitude', 'metadata.Principal', 'Region', ''], 'bulk');
    expect(columnsOf(m)).toMatchObject({ 'metadata.latitude': [3], 'metadata.longitude': [4], 'metadata.Principal': [5] });
    expect(m.warnings).toEqual(['ignored unknown columns: "Region" (column 7), (column 8 has no name)']);
  });

  it('aliases are per file: schoolSourcedId is an alias in users, its own column in enrollments', () => {
    expect(canonicalColumn('users', 'schoolSourcedId')).toEqual({ column: 'orgSourcedIds', via: 'alias' });
    expect(canonicalColumn('enrollments', 'schoolSourcedId')).toEqual({ column: 'schoolSourcedId', via: 'exact' });
    expect(canonicalColumn('demographics', 'DOB')).toEqual({ column: 'birthDate', via: 'alias' });
    expect(canonicalColumn('enrollments', 'Lat')).toBeUndefined();
  });

  it('lists the required columns a header lacks (delta files also need status and dateLastModified)', () => {
    const header = ['sourcedId', 'role', 'username', 'enabledUser', 'orgSourcedIds'];
    const m = mapHeader('users', header, 'delta');
    expect(m.missing).toEqual(['givenName', 'familyName', 'status', 'dateLastModified']);
    expect(missingColumnsMessage(m, header, 1)).toBe(
      'header (line 1) is missing required columns givenName, familyName, status, dateLastModified; found "sourcedId", "role", "username", "enabledUser", "orgSourcedIds"',
    );
    expect(mapHeader('users', header, 'bulk').missing).toEqual(['givenName', 'familyName']);
  });

  it('warns about duplicated columns, saying whether rows will be compared', () => {
    const m = mapHeader('users', [...SPEC_COLUMNS.users, 'FirstName', 'email'], 'bulk');
    expect(m.columns.get('givenName')).toEqual([8, 18]);
    expect(m.warnings).toContain('givenName appears in columns 9 ("givenName"), 19 ("FirstName"); a row where they differ is rejected');
    expect(m.warnings).toContain('email appears in columns 13 ("email"), 20 ("email"); this import does not read it');
  });

  it('warns when demographics.csv has no birthDate', () => {
    expect(mapHeader('demographics', ['sourcedId', 'sex'], 'bulk').warnings).toEqual(['no birthDate column: this file gives no birth dates']);
  });

  describe('row view', () => {
    const m = mapHeader('users', ['sourcedId', 'givenName', 'first_name', 'role'], 'bulk');

    it('returns trimmed values and blank for absent columns', () => {
      const row = new RowView(m, [' u1 ', 'Ana', 'Ana ', 'student']);
      expect(row.get('sourcedId')).toBe('u1');
      expect(row.get('givenName')).toBe('Ana');
      expect(row.get('grades')).toBe('');
      expect(row.conflicts()).toEqual([]);
    });

    it('records a conflict when duplicated cells differ, once per column', () => {
      const row = new RowView(m, ['u1', 'Ana', 'Anna', 'student']);
      expect(row.get('givenName')).toBe('Ana');
      row.get('givenName');
      expect(row.conflicts()).toEqual(['givenName is given twice with different values (column 2: "Ana", column 3: "Anna")']);
    });
  });
});
