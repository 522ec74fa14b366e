import { Readable } from 'node:stream';
import { checkBundle, FileKind } from './bundle-files';
import { BundleSource } from './csv-source';
import { csv, specBundleStreams } from './fixtures/load-bundle';
import { FileMode } from './oneroster-values';
import {
  DemographicsRecord, EnrollmentRecord, FileResult, OrgRecord, RecordsByKind, RowRejection, StudentUserRecord, readBundleRecords, readRecordFile,
} from './records';

async function readAll<K extends FileKind>(kind: K, source: BundleSource, mode: FileMode = 'bulk', batchSize?: number) {
  const records: RecordsByKind[K][] = [];
  const rejections: RowRejection[] = [];
  const batchSizes: number[] = [];
  const result: FileResult = await readRecordFile(kind, source, {
    mode,
    batchSize,
    onBatch: (batch) => {
      records.push(...batch.records);
      rejections.push(...batch.rejections);
      batchSizes.push(batch.records.length + batch.rejections.length);
    },
  });
  return { result, records, rejections, batchSizes };
}

const USERS_HEADER = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades,metadata.address,metadata.latitude,metadata.longitude';
/** A users.csv row in USERS_HEADER order; `over` replaces cells by column name. */
function userRow(id: string, over: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    sourcedId: id, status: 'active', dateLastModified: '2025-08-01', enabledUser: 'true', orgSourcedIds: 'org-s1', role: 'student',
    username: `${id}.name`, givenName: 'Ana', familyName: 'Silva', identifier: `L-${id}`, grades: '04',
    'metadata.address': '"12 Bennington St, Boston"', 'metadata.latitude': '42.3765', 'metadata.longitude': '-71.0362', ...over,
  };
  return USERS_HEADER.split(',').map((c) => cells[c]).join(',');
}

describe('record streaming', () => {
  it('reads the spec sample bundle from streams into records', async () => {
    const check = await checkBundle(specBundleStreams());
    const got = { orgs: [] as OrgRecord[], users: [] as StudentUserRecord[], enrollments: [] as EnrollmentRecord[], demographics: [] as DemographicsRecord[] };
    const rejected: RowRejection[] = [];
    const result = await readBundleRecords(check, {
      orgs: (b) => { got.orgs.push(...b.records); rejected.push(...b.rejections); },
      users: (b) => { got.users.push(...b.records); rejected.push(...b.rejections); },
      enrollments: (b) => { got.enrollments.push(...b.records); rejected.push(...b.rejections); },
      demographics: (b) => { got.demographics.push(...b.records); rejected.push(...b.rejections); },
    });
    expect(result.errors).toEqual([]);
    expect(rejected).toEqual([]);
    expect(got.orgs).toEqual([
      { sourcedId: 'org-s1', status: 'active', dateLastModified: '2025-08-01T12:00:00Z', line: 3, name: 'Guild Elementary', identifier: '4061', address: '195 Leyden Street, East Boston, MA 02128', latitude: 42.3888, longitude: -71.0041 },
      { sourcedId: 'org-s2', status: 'active', dateLastModified: '2025-08-01T12:00:00Z', line: 4, name: 'East Boston High', identifier: '1040', address: '86 White Street, East Boston, MA 02128', latitude: 42.3804, longitude: -71.0318 },
    ]);
    expect(got.users).toEqual([
      {
        sourcedId: 'usr-1', status: 'active', dateLastModified: '2025-08-01T12:00:00Z', line: 2, enabledUser: true, orgSourcedIds: ['org-s1'], username: 'ana.silva',
        givenName: 'Ana', familyName: 'Silva', identifier: 'S0001', grade: '4', address: '12 Bennington St, East Boston, MA 02128', latitude: 42.3765, longitude: -71.0362,
      },
      expect.objectContaining({ sourcedId: 'usr-2', orgSourcedIds: ['org-d1', 'org-s2'], grade: '9', line: 3 }),
      expect.objectContaining({ sourcedId: 'usr-3', status: 'tobedeleted', enabledUser: false, grade: '5', line: 5 }),
    ]);
    expect(got.enrollments).toEqual([
      { sourcedId: 'enr-1', status: 'active', dateLastModified: '2025-08-01T12:00:00Z', line: 2, schoolSourcedId: 'org-s1', userSourcedId: 'usr-1', beginDate: '2025-09-03', endDate: '2026-06-19' },
      expect.objectContaining({ sourcedId: 'enr-3', schoolSourcedId: 'org-s2', userSourcedId: 'usr-2', endDate: undefined }),
    ]);
    expect(got.demographics.map((d) => [d.sourcedId, d.birthDate])).toEqual([['usr-1', '2015-05-01'], ['usr-2', '2010-01-15']]);
    expect(result.files.map((f) => [f.file, f.rows, f.records, f.rejected, f.skipped, f.skippedBy, f.warnings])).toEqual([
      ['orgs.csv', 3, 2, 0, 1, { 'type district': 1 }, []],
      ['users.csv', 4, 3, 0, 1, { 'role teacher': 1 }, []],
      ['enrollments.csv', 3, 2, 0, 1, { 'role teacher': 1 }, []],
      ['demographics.csv', 2, 2, 0, 0, {}, []],
    ]);
  });

  it('reads a file with a UTF-8 BOM (the BOM is not part of the first column name)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(USERS_HEADER, userRow('u1'))]);
    const { result, records } = await readAll('users', bytes);
    expect(result.ok).toBe(true);
    expect(records.map((r) => r.sourcedId)).toEqual(['u1']);
    expect(result.summary.warnings).toEqual([]);
  });

  it('rejects a file that is not UTF-8 whole, with its line', async () => {
    const bytes = Buffer.concat([csv(USERS_HEADER, userRow('u1')), Buffer.from(`${userRow('u2', { givenName: 'Zo\xeb' })}\n`, 'latin1')]);
    const { result } = await readAll('users', bytes);
    expect(result).toMatchObject({ ok: false, error: { file: 'users.csv', line: 3, message: expect.stringMatching(/^not valid UTF-8: byte 0xEB at line 3/) } });
  });

  it('rejects a file with a broken header whole, naming the missing columns', async () => {
    const { result, records } = await readAll('users', csv('sourcedId,role,username,given,familyName', 'u1,student,ana,Ana,Silva'));
    expect(records).toEqual([]);
    expect(result).toMatchObject({
      ok: false,
      error: { file: 'users.csv', line: 1, message: expect.stringMatching(/^header \(line 1\) is missing required columns enabledUser, orgSourcedIds, givenName; found/) },
    });
  });

  it('rejects an unparseable file whole, with the line of the unclosed quote', async () => {
    const { result } = await readAll('orgs', csv('sourcedId,name,type', 's1,Guild,school', 's2,"East Boston High,school', 's3,Other,school'));
    expect(result).toMatchObject({ ok: false, error: { file: 'orgs.csv', line: 3, message: 'not valid CSV: line 3: a quoted field opened on this line is never closed' } });
  });

  it('rejects an empty file whole', async () => {
    expect((await readAll('orgs', csv(''))).result).toMatchObject({ ok: false, error: { message: 'the file is empty: no header row' } });
  });

  it('accepts vendor column names and case differences, and warns about extra columns', async () => {
    const { result, records } = await readAll('users', csv(
      'SourcedID,Role,First_Name,LastName,User Name,Enabled_User,SchoolSourcedIds,Grade,Student_Number,Homeroom Teacher,Lat,Lng',
      'u1,Student,Ana,Silva,ana,TRUE,org-s1,KG,S1,Ms. Nguyen,42.1,-71.1',
    ));
    expect(result.ok).toBe(true);
    expect(records).toEqual([
      expect.objectContaining({ sourcedId: 'u1', givenName: 'Ana', familyName: 'Silva', username: 'ana', enabledUser: true, orgSourcedIds: ['org-s1'], grade: 'K', identifier: 'S1', latitude: 42.1, longitude: -71.1 }),
    ]);
    expect(result.summary.warnings).toEqual([expect.stringMatching(/^read "SourcedID" as sourcedId, /), 'ignored unknown columns: "Homeroom Teacher" (column 10)']);
  });

  it('accepts a duplicated column whose copies agree, and rejects only the rows where they differ', async () => {
    const { result, records, rejections } = await readAll('users', csv(
      `${USERS_HEADER},FirstName`,
      `${userRow('u1', { givenName: 'Ana' })},Ana`,
      `${userRow('u2', { givenName: 'Ana' })},Anna`,
      `${userRow('u3', { givenName: 'Bo' })}, Bo `,
    ));
    expect(result.ok).toBe(true);
    expect(result.summary.warnings).toEqual([
      'read "FirstName" as givenName',
      'givenName appears in columns 8 ("givenName"), 15 ("FirstName"); a row where they differ is rejected',
    ]);
    expect(records.map((r) => r.sourcedId)).toEqual(['u1', 'u3']);
    expect(rejections).toEqual([{ file: 'users.csv', line: 3, sourcedId: 'u2', reason: 'givenName is given twice with different values (column 8: "Ana", column 15: "Anna")' }]);
  });

  it('reads blank status and dateLastModified as active/none in bulk, and rejects them in delta', async () => {
    const file = () => csv(USERS_HEADER, userRow('u1', { status: '', dateLastModified: '' }));
    const bulk = await readAll('users', file(), 'bulk');
    expect(bulk.records).toEqual([expect.objectContaining({ sourcedId: 'u1', status: 'active', dateLastModified: undefined })]);
    const delta = await readAll('users', file(), 'delta');
    expect(delta.records).toEqual([]);
    expect(delta.rejections).toEqual([
      { file: 'users.csv', line: 2, sourcedId: 'u1', reason: 'status is required in a delta file; dateLastModified is required in a delta file' },
    ]);
  });

  it('rejects bad dates and reports every problem of a row at once', async () => {
    const { rejections } = await readAll('users', csv(USERS_HEADER, userRow('u1', { dateLastModified: '8/1/2025', enabledUser: 'maybe', 'metadata.latitude': '95' })));
    expect(rejections[0].reason).toBe(
      'dateLastModified "8/1/2025" must be an ISO 8601 date or timestamp; enabledUser "maybe" must be true or false; latitude 95 is out of range (-90 to 90)',
    );
    const enrollments = await readAll('enrollments', csv('sourcedId,schoolSourcedId,userSourcedId,role,beginDate,endDate', 'e1,s1,u1,student,2025-09-03,2025-06-01', 'e2,s1,u1,student,2025-13-01,'));
    expect(enrollments.rejections.map((r) => r.reason)).toEqual(['endDate 2025-06-01 is before beginDate 2025-09-03', 'beginDate "2025-13-01" must be a real date, YYYY-MM-DD']);
  });

  it('maps grades, including quoted comma lists', async () => {
    const { records, rejections } = await readAll('users', csv(
      USERS_HEADER,
      userRow('u1', { grades: 'KG' }),
      userRow('u2', { grades: '"09,09"' }),
      userRow('u3', { grades: '"09,10"' }),
      userRow('u4', { grades: 'PR' }),
      userRow('u5', { grades: '' }),
      userRow('u6', { grades: '13' }),
    ));
    expect(records.map((r) => [r.sourcedId, r.grade])).toEqual([['u1', 'K'], ['u2', '9'], ['u4', 'PK'], ['u5', undefined]]);
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([
      [4, 'grades "09,10" names several grades (9, 10); a student has one'],
      [7, expect.stringMatching(/^grades "13": "13" is not a grade the district serves/)],
    ]);
  });

  it('rejects a later row with the same sourcedId, naming the line of the first', async () => {
    const { records, rejections } = await readAll('users', csv(USERS_HEADER, userRow('u1'), userRow('u2'), userRow('u1', { givenName: 'Other' })));
    expect(records.map((r) => r.sourcedId)).toEqual(['u1', 'u2']);
    expect(rejections).toEqual([{ file: 'users.csv', line: 4, sourcedId: 'u1', reason: 'duplicate sourcedId: first used on line 2' }]);
  });

  it('gives physical line numbers when a quoted field spans lines, and skips blank lines', async () => {
    const { records, rejections } = await readAll('users', csv(
      USERS_HEADER,
      userRow('u1', { 'metadata.address': '"12 Bennington St\nApt 2\nBoston"' }),
      '',
      ',,,,',
      userRow('u2', { grades: 'XX' }),
    ));
    expect(records).toEqual([expect.objectContaining({ sourcedId: 'u1', line: 2, address: '12 Bennington St\nApt 2\nBoston' })]);
    expect(rejections).toEqual([expect.objectContaining({ sourcedId: 'u2', line: 7 })]);
  });

  it('skips non-student users and non-school orgs, counting them by role/type', async () => {
    const users = await readAll('users', csv(USERS_HEADER, userRow('t1', { role: 'teacher' }), userRow('p1', { role: 'Parent', givenName: '' }), userRow('u1'), userRow('x', { role: '' })));
    expect(users.records.map((r) => r.sourcedId)).toEqual(['u1']);
    expect(users.result.summary).toMatchObject({ rows: 4, records: 1, skipped: 2, rejected: 1, skippedBy: { 'role teacher': 1, 'role parent': 1 } });
    expect(users.rejections).toEqual([{ file: 'users.csv', line: 5, sourcedId: 'x', reason: 'role is required' }]);
    const orgs = await readAll('orgs', csv('sourcedId,name,type', 'd1,District,district', 'd2,State,state', 's1,Guild,School'));
    expect(orgs.records.map((r) => r.sourcedId)).toEqual(['s1']);
    expect(orgs.result.summary.skippedBy).toEqual({ 'type district': 1, 'type state': 1 });
  });

  it('accepts tobedeleted rows as records, needing only sourcedId and role', async () => {
    const { records, rejections } = await readAll('users', csv(
      USERS_HEADER,
      'u9,tobedeleted,2025-08-02T00:00:00Z,,,student,,,,,,,,',
      'u8,tobedeleted,2025-08-02T00:00:00Z,,,student,,,,,XX,,,',
    ), 'delta');
    expect(records).toEqual([
      { sourcedId: 'u9', status: 'tobedeleted', dateLastModified: '2025-08-02T00:00:00Z', line: 2, enabledUser: false, orgSourcedIds: [], username: '', givenName: '', familyName: '', identifier: undefined, grade: undefined, address: undefined },
    ]);
    expect(rejections.map((r) => r.sourcedId)).toEqual(['u8']); // a value that is given is still checked
  });

  it('rejects a row whose cell count differs from the header', async () => {
    const { rejections } = await readAll('orgs', csv('sourcedId,name,type', 's1,Guild,school,extra', 's2'));
    expect(rejections).toEqual([
      { file: 'orgs.csv', line: 2, sourcedId: 's1', reason: 'the row has 4 fields but the header has 3' },
      { file: 'orgs.csv', line: 3, sourcedId: 's2', reason: 'the row has 1 fields but the header has 3' },
    ]);
  });

  it('reads demographics birth dates', async () => {
    const { records, rejections } = await readAll('demographics', csv('sourcedId,birthDate,sex', 'u1,2015-05-01,female', 'u2,,male', 'u3,05/01/2015,'));
    expect(records.map((r) => [r.sourcedId, r.birthDate])).toEqual([['u1', '2015-05-01'], ['u2', undefined]]);
    expect(rejections.map((r) => r.sourcedId)).toEqual(['u3']);
  });

  it('delivers records and rejections in batches of the given size', async () => {
    const { batchSizes, records, rejections } = await readAll('users', csv(USERS_HEADER, userRow('a'), userRow('b', { grades: 'XX' }), userRow('c'), userRow('d'), userRow('e')), 'bulk', 2);
    expect(batchSizes).toEqual([2, 2, 1]);
    expect(records).toHaveLength(4);
    expect(rejections).toHaveLength(1);
  });

  it('stops delivering batches after a whole-file error, but still checks the other files', async () => {
    const manifest = csv('propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1', 'file.orgs,bulk', 'file.users,bulk', 'file.demographics,bulk');
    const check = await checkBundle({
      'manifest.csv': manifest,
      'orgs.csv': csv('sourcedId,name'),
      'users.csv': csv(USERS_HEADER, userRow('u1')),
      'demographics.csv': Buffer.from('sourcedId,birthDate\nu1,"2015\n'),
    });
    const delivered: string[] = [];
    const result = await readBundleRecords(check, { users: (b) => { delivered.push(...b.records.map((r) => r.sourcedId)); } });
    expect(delivered).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { file: 'orgs.csv', line: 1, message: expect.stringMatching(/missing required column type/) },
      { file: 'demographics.csv', line: 2, message: expect.stringMatching(/never closed/) },
    ]);
    expect(result.files.map((f) => [f.file, f.records])).toEqual([['orgs.csv', 0], ['users.csv', 1], ['demographics.csv', 0]]);
  });

  it('streams 60,000 users in batches without holding them all', async () => {
    const total = 60_000;
    const linesPerChunk = 100;
    let generated = 0;
    let delivered = 0;
    let maxAhead = 0;
    let maxBatch = 0;
    let batches = 0;
    const grades = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
    async function* lines(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${USERS_HEADER}\n`);
      while (generated < total) {
        let chunk = '';
        for (let k = 0; k < linesPerChunk && generated < total; k++, generated++) {
          const i = generated;
          chunk += `usr-${i},,,true,org-s${i % 125},student,user${i},Given${i},Family${i},S${i},${grades[i % grades.length]},"${i} Main St, Boston, MA",42.${String(i).padStart(5, '0')},-71.05\n`;
        }
        yield Buffer.from(chunk);
      }
    }
    const started = performance.now();
    const result = await readRecordFile('users', Readable.from(lines()), {
      mode: 'bulk',
      onBatch: async (batch) => {
        batches++;
        maxBatch = Math.max(maxBatch, batch.records.length + batch.rejections.length);
        delivered += batch.records.length + batch.rejections.length;
        maxAhead = Math.max(maxAhead, generated - delivered); // rows generated but not yet handed over
        await new Promise((resolve) => setImmediate(resolve)); // a consumer that takes its time
      },
    });
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ ok: true, summary: { rows: total, records: total, rejected: 0 } });
    expect(delivered).toBe(total);
    expect(batches).toBe(total / 1000);
    expect(maxBatch).toBe(1000);
    expect(maxAhead).toBeLessThan(5000); // the source is pulled as batches are consumed, never read ahead in full
    console.log(`parsed ${total} users rows in ${seconds.toFixed(2)} s (${Math.round(total / seconds)} rows/s); max rows ahead of the consumer: ${maxAhead}`);
  });
});
