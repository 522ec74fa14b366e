import { checkBundle, readManifest } from './bundle-files';
import { csv, specBundleBuffers, specBundleStreams } from './fixtures/load-bundle';

const MANIFEST_LINES = ['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1', 'file.orgs,bulk', 'file.users,bulk', 'file.enrollments,absent', 'file.demographics,absent'];
const ORGS = csv('sourcedId,name,type');
const USERS = csv('sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName');

describe('bundle check', () => {
  it('accepts the spec sample bundle: four files to read, classes.csv ignored', async () => {
    const check = await checkBundle(specBundleBuffers());
    expect(check.errors).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.warnings).toEqual([]);
    expect(check.files.map((f) => [f.kind, f.name, f.mode])).toEqual([
      ['orgs', 'orgs.csv', 'bulk'], ['users', 'users.csv', 'bulk'], ['enrollments', 'enrollments.csv', 'bulk'], ['demographics', 'demographics.csv', 'bulk'],
    ]);
    expect(check.ignored).toEqual([{ name: 'classes.csv', reason: 'a OneRoster file this import does not use' }]);
    expect(check.manifest?.properties.get('source.systemname')).toBe('Example SIS');
  });

  it('reads the manifest from a stream as well', async () => {
    const streams = specBundleStreams();
    const check = await checkBundle(streams);
    expect(check.ok).toBe(true);
    for (const stream of streams.values()) stream.destroy();
  });

  it('rejects a bundle without manifest.csv', async () => {
    const check = await checkBundle({ 'orgs.csv': ORGS, 'users.csv': USERS });
    expect(check).toMatchObject({ ok: false, errors: [{ file: 'manifest.csv', message: expect.stringMatching(/missing/) }], files: [] });
  });

  it('rejects a bundle missing a file the manifest declares', async () => {
    const check = await checkBundle({ 'manifest.csv': csv(...MANIFEST_LINES), 'orgs.csv': ORGS });
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual([{ file: 'users.csv', message: 'the manifest declares file.users=bulk but users.csv is not in the bundle' }]);
  });

  it('ignores a file declared absent, reads an undeclared one as bulk with a warning, and lists unknown files', async () => {
    const check = await checkBundle({
      'manifest.csv': csv('propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1', 'file.orgs,bulk', 'file.users,delta', 'file.enrollments,absent', 'file.classes,bulk'),
      'orgs.csv': ORGS, 'users.csv': USERS, 'enrollments.csv': csv('x'), 'demographics.csv': csv('sourcedId'), 'notes.txt': Buffer.from('hi'),
    });
    expect(check.ok).toBe(true);
    expect(check.files.map((f) => `${f.kind}:${f.mode}`)).toEqual(['orgs:bulk', 'users:delta', 'demographics:bulk']);
    expect(check.ignored).toEqual([
      { name: 'enrollments.csv', reason: 'the manifest says file.enrollments=absent' },
      { name: 'notes.txt', reason: 'not a OneRoster file' },
    ]);
    expect(check.warnings).toEqual([
      'demographics.csv is present but manifest.csv has no file.demographics; it is read as bulk',
      'the manifest declares file.classes=bulk but classes.csv is not in the bundle; this import does not use it',
    ]);
  });

  it('matches names case-insensitively inside folders, skips zip metadata, and refuses two files with one name', async () => {
    const ok = await checkBundle({ 'export/Manifest.CSV': csv(...MANIFEST_LINES), 'export/ORGS.csv': ORGS, 'export/users.csv': USERS, '__MACOSX/export/._users.csv': Buffer.from([0xff]) });
    expect(ok.ok).toBe(true);
    expect(ok.files.map((f) => f.name)).toEqual(['export/ORGS.csv', 'export/users.csv']);
    expect(ok.ignored).toEqual([{ name: '__MACOSX/export/._users.csv', reason: 'zip metadata, not a roster file' }]);

    const twice = await checkBundle({ 'manifest.csv': csv(...MANIFEST_LINES), 'orgs.csv': ORGS, 'users.csv': USERS, 'old/users.csv': USERS });
    expect(twice.errors).toEqual([{ file: 'users.csv', message: expect.stringMatching(/two files with this name \(users.csv and old\/users.csv\)/) }]);
  });

  it('rejects a bundle with neither orgs.csv nor users.csv', async () => {
    const check = await checkBundle({ 'manifest.csv': csv('propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1', 'file.demographics,bulk'), 'demographics.csv': csv('sourcedId') });
    expect(check.errors).toEqual([{ file: 'manifest.csv', message: 'nothing to import: the bundle has neither orgs.csv nor users.csv' }]);
  });

  describe('manifest', () => {
    it('accepts a BOM, any header case and mode case', async () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv('PropertyName,Value', 'manifest.version,1.0', 'oneroster.version,1.1.1', 'file.users,BULK')]);
      const { manifest, errors, warnings } = await readManifest(bytes);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([]);
      expect(manifest?.files.get('users')).toBe('bulk');
    });

    it('rejects other versions and unknown modes; missing versions only warn', async () => {
      const bad = await readManifest(csv('propertyName,value', 'manifest.version,2.0', 'oneroster.version,1.2', 'file.users,full'));
      expect(bad.manifest).toBeUndefined();
      expect(bad.errors.map((e) => e.message)).toEqual([
        'manifest.version is "2.0"; OneRoster 1.1 bundles have manifest.version 1.0',
        'oneroster.version is "1.2"; this import reads OneRoster 1.1',
        'file.users is "full"; it must be bulk, delta or absent',
      ]);
      const bare = await readManifest(csv('propertyName,value', 'file.users,bulk'));
      expect(bare.errors).toEqual([]);
      expect(bare.warnings).toHaveLength(2);
    });

    it('rejects a wrong header, a property given twice with different values, invalid UTF-8 and broken CSV', async () => {
      expect((await readManifest(csv('name,value'))).errors).toEqual([{ file: 'manifest.csv', line: 1, message: 'header must be propertyName,value (found name,value)' }]);
      expect((await readManifest(csv('propertyName,value', 'file.users,bulk', 'file.users,delta'))).errors).toEqual([
        { file: 'manifest.csv', line: 3, message: 'file.users is given twice with different values (bulk, delta)' },
      ]);
      const latin1 = Buffer.concat([csv('propertyName,value'), Buffer.from('source.systemName,\xc9cole\n', 'latin1')]);
      expect((await readManifest(latin1)).errors).toEqual([{ file: 'manifest.csv', line: 2, message: expect.stringMatching(/^not valid UTF-8: byte 0xC9 at line 2/) }]);
      expect((await readManifest(csv('propertyName,value', 'source.systemName,"Example'))).errors).toEqual([
        { file: 'manifest.csv', line: 2, message: 'not valid CSV: line 2: a quoted field opened on this line is never closed' },
      ]);
      expect((await readManifest(Buffer.alloc(0))).errors).toEqual([{ file: 'manifest.csv', message: 'the file is empty: no header row' }]);
    });
  });
});
