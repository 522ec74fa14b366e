import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { EventEnvelope, StudentSnapshot } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule } from '../src/app.module';
import { specBundleBuffers } from '../src/imports/domain/fixtures/load-bundle';
import { ImportRunner, INTERRUPTED } from '../src/imports/import-runner.service';
import { uploadDir } from '../src/imports/upload-store';

const writer = bearer(['enrollment:write', 'student-records'], { sub: 'registrar' });
const reader = bearer(['enrollment:read', 'student-records']);
const MAX_BYTES = 200_000;
const TODAY = new Date().toISOString().slice(0, 10);

// ---- bundle builders ----

interface SchoolSpec {
  sid: string;
  code: string;
  name: string;
  address?: string;
  lat?: number;
  lon?: number;
  status?: 'active' | 'tobedeleted';
}

interface StudentSpec {
  sid: string;
  orgs: string;
  grade: string;
  localId: string;
  first: string;
  last: string;
  address: string;
  lat: number;
  lon: number;
  birth: string;
  /** beginDate of the enrollment at each of these schools */
  begin?: Record<string, string>;
  status?: 'active' | 'tobedeleted';
}

function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: (string | number | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const MANIFEST = csv(['propertyName', 'value'], [
  ['manifest.version', '1.0'], ['oneroster.version', '1.1'], ['file.orgs', 'bulk'], ['file.users', 'bulk'],
  ['file.enrollments', 'bulk'], ['file.demographics', 'bulk'], ['file.classes', 'absent'],
]);

const USER_HEADER = [
  'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName', 'middleName',
  'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'metadata.address', 'metadata.latitude', 'metadata.longitude',
];

function orgsCsv(schools: SchoolSpec[]): string {
  return csv(
    ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId', 'metadata.address', 'metadata.latitude', 'metadata.longitude'],
    [
      ['district-1', 'active', '2025-08-01T12:00:00Z', 'Test District', 'district', 'TD', '', '', '', ''],
      ...schools.map((s) => [s.sid, s.status ?? 'active', '2025-08-01T12:00:00Z', s.name, 'school', s.code, 'district-1', s.address, s.lat, s.lon]),
    ],
  );
}

function usersCsv(students: StudentSpec[], header = USER_HEADER): string {
  const rows = students.map((s) => {
    const byColumn: Record<string, string | number | undefined> = {
      sourcedId: s.sid, status: s.status ?? 'active', dateLastModified: '2025-08-01T12:00:00Z', enabledUser: 'true', orgSourcedIds: s.orgs, role: 'student',
      username: s.sid, givenName: s.first, familyName: s.last, identifier: s.localId, grades: s.grade,
      'metadata.address': s.address, 'metadata.latitude': s.lat, 'metadata.longitude': s.lon,
    };
    return header.map((h) => byColumn[h]);
  });
  // a teacher: skipped, not rejected
  rows.push(header.map((h) => ({ sourcedId: 'teacher-1', enabledUser: 'true', orgSourcedIds: 'S-A', role: 'teacher', username: 't1', givenName: 'Tia', familyName: 'Teach' })[h]));
  return csv(header, rows);
}

function enrollmentsCsv(students: StudentSpec[]): string {
  const rows: (string | undefined)[][] = [];
  for (const s of students) {
    for (const [school, begin] of Object.entries(s.begin ?? {})) {
      rows.push([`enr-${s.sid}-${school}`, 'active', '2025-08-01T12:00:00Z', 'class-1', school, s.sid, 'student', 'false', begin, '']);
    }
  }
  return csv(['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'], rows);
}

function demographicsCsv(students: StudentSpec[]): string {
  return csv(['sourcedId', 'status', 'dateLastModified', 'birthDate'], students.map((s) => [s.sid, 'active', '', s.birth]));
}

type Bundle = Record<string, Buffer>;

function rosterBundle(schools: SchoolSpec[], students: StudentSpec[], override: Partial<Record<string, string | Buffer>> = {}): Bundle {
  const files: Record<string, string | Buffer> = {
    'manifest.csv': MANIFEST,
    'orgs.csv': orgsCsv(schools),
    'users.csv': usersCsv(students),
    'enrollments.csv': enrollmentsCsv(students),
    'demographics.csv': demographicsCsv(students),
    ...override,
  };
  return Object.fromEntries(Object.entries(files).map(([name, body]) => [name, Buffer.isBuffer(body) ? body : Buffer.from(body!, 'utf8')]));
}

// ---- a tiny zip writer (deflate, local headers + central directory) ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5a21, 12); // date 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42); // local header offset (the rest stays zero)
    locals.push(local, nameBytes, deflated);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Object.keys(files).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function multipart(files: Record<string, Buffer>, type = 'text/csv'): { payload: Buffer; contentType: string } {
  const boundary = `----roster${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, data] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`), data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---- the district the tests import ----

const SCHOOL_A: SchoolSpec = { sid: 'S-A', code: 'RA', name: 'Alcott Elementary', address: '1 Alcott Rd, Boston, MA', lat: 42.35, lon: -71.06 };
const SCHOOL_B: SchoolSpec = { sid: 'S-B', code: 'RB', name: 'Baldwin Elementary', address: '2 Baldwin St, Boston, MA', lat: 42.36, lon: -71.07 };

function student(n: number, over: Partial<StudentSpec> = {}): StudentSpec {
  return {
    sid: `u${n}`, orgs: 'S-A', grade: 'K', localId: `R${1000 + n}`, first: `First${n}`, last: `Last${n}`, address: `${n} Main St, Boston, MA`,
    lat: 42.3 + n / 1000, lon: -71.0 - n / 1000, birth: '2019-03-01', ...over,
  };
}

/** Enrollment on real PostgreSQL and NATS: the OneRoster import job, its HTTP contract, and what it writes and publishes. */
describe('roster import', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let db: { drop(): Promise<void>; url: string };
  let ds: DataSource;

  const students: StudentSpec[] = [
    student(1, { begin: { 'S-A': '2025-09-03' } }),
    student(2, { grade: '01' }),
    student(3, { orgs: 'S-B', grade: '4', birth: '2015-06-01', begin: { 'S-B': '2025-09-03' } }),
    student(4, { orgs: 'S-B', grade: '4', birth: '2015-07-01' }),
    student(5, { orgs: 'district-1,S-A', grade: 'KG' }),
  ];
  const schools = [SCHOOL_A, SCHOOL_B];

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('roster_import');
    // BODY_LIMIT_BYTES (JSON bodies) at its minimum: uploads are streamed to disk and bounded by IMPORT_MAX_BYTES alone
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url, IMPORT_MAX_BYTES: String(MAX_BYTES), BODY_LIMIT_BYTES: '1024' });
    ds = app.get(DataSource);
  });

  afterAll(async () => {
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => ds.query(text, params);

  const postZip = (body: Buffer, headers: Record<string, string> = {}, auth = writer) =>
    app.inject({ method: 'POST', url: '/api/imports/oneroster', payload: body, headers: { 'content-type': 'application/zip', ...(auth ? { authorization: auth } : {}), ...headers } });
  const postFiles = (files: Record<string, Buffer>, auth = writer) => {
    const { payload, contentType } = multipart(files);
    return app.inject({ method: 'POST', url: '/api/imports/oneroster', payload, headers: { 'content-type': contentType, authorization: auth } });
  };
  const getJob = async (id: string, query = '', auth = reader) => {
    const res = await app.inject({ method: 'GET', url: `/api/imports/${id}${query}`, headers: auth ? { authorization: auth } : {} });
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.json() };
  };
  const finished = (id: string) =>
    waitFor(async () => {
      const job = await getJob(id);
      return ['completed', 'failed'].includes(job.body.status) ? job.body : undefined;
    }, { timeoutMs: 30_000, what: `import ${id} to finish` });
  /** Uploads, expects 202 with Location, and waits for the job to end. */
  const runImport = async (send: Promise<{ statusCode: number; headers: Record<string, unknown>; json(): { id: string; status: string } }>) => {
    const res = await send;
    expect(res.statusCode).toBe(202);
    const accepted = res.json();
    expect(accepted).toEqual({ id: expect.any(String), status: 'queued' });
    expect(res.headers.location).toBe(`/api/imports/${accepted.id}`);
    return finished(accepted.id);
  };

  const outbox = async (type: string): Promise<EventEnvelope[]> =>
    (await sql<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE subject = $1 ORDER BY seq`, [`evt.${type}.v1`])).map((r) => r.envelope);
  const outboxTotal = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM outbox'))[0].n);
  const studentBySid = async (sid: string) =>
    (await sql<{ id: string; status: string; school_id: string | null; enrollment_id: string | null; version: number; address: string; grade: string }>(
      `SELECT s.id, s.status, s.school_id, s.enrollment_id, s.version, s.address, s.grade FROM students s
         JOIN roster_source_ids r ON r.local_id = s.id AND r.entity = 'student' WHERE r.sourced_id = $1`,
      [sid],
    ))[0];
  const schoolId = async (code: string) => (await sql<{ id: string }>('SELECT id FROM schools WHERE code = $1', [code]))[0].id;
  const snapshotOf = (e: EventEnvelope) => (e.data as { student: StudentSnapshot }).student;

  /** enrollment_counts must equal a count of the enrolled students, per school and grade. */
  const expectCountsRight = async () => {
    const kept = await sql(`SELECT school_id, grade, enrolled FROM enrollment_counts WHERE enrolled > 0 ORDER BY school_id, grade`);
    const actual = await sql(`SELECT school_id, grade, count(*)::int AS enrolled FROM students WHERE status = 'enrolled' GROUP BY school_id, grade ORDER BY school_id, grade`);
    expect(kept).toEqual(actual);
  };

  it('imports a clean zip: schools, students and enrollments created, counts kept, one event each through the outbox', async () => {
    const body = zip(rosterBundle(schools, students));
    expect(body.length).toBeGreaterThan(1024); // over BODY_LIMIT_BYTES
    const job = await runImport(postZip(body, { 'x-correlation-id': 'roster-import-1' }));
    expect(job).toMatchObject({
      status: 'completed', kind: 'oneroster', createdBy: 'registrar', error: null,
      progress: { phase: 'done', rowsRead: expect.any(Number), rowsTotal: expect.any(Number) },
      counts: {
        schools: { created: 2, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0, skipped: 0 },
        students: { created: 5, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0, skipped: 0, transferred: 0 },
      },
      rejections: { items: [], total: 0 },
    });
    expect(job.counts.files).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'users.csv', rows: 6, records: 5, skipped: 1, skippedBy: { 'role teacher': 1 } })]));
    expect(job.startedAt).toEqual(expect.any(String));
    expect(job.finishedAt).toEqual(expect.any(String));

    const a = await schoolId('RA');
    const b = await schoolId('RB');
    expect(await sql(`SELECT code, name, grades, version FROM schools ORDER BY code`)).toEqual([
      { code: 'RA', name: 'Alcott Elementary', grades: ['K', '1'], version: 1 },
      { code: 'RB', name: 'Baldwin Elementary', grades: ['4'], version: 1 },
    ]);
    const enrollments = await sql<{ local_id: string; school_id: string; grade: string; entry_date: string }>(
      `SELECT s.local_id, e.school_id, e.grade, e.entry_date::text FROM enrollments e JOIN students s ON s.id = e.student_id WHERE e.exit_date IS NULL ORDER BY s.local_id`,
    );
    expect(enrollments).toEqual([
      { local_id: 'R1001', school_id: a, grade: 'K', entry_date: '2025-09-03' },
      { local_id: 'R1002', school_id: a, grade: '1', entry_date: TODAY },
      { local_id: 'R1003', school_id: b, grade: '4', entry_date: '2025-09-03' },
      { local_id: 'R1004', school_id: b, grade: '4', entry_date: TODAY },
      { local_id: 'R1005', school_id: a, grade: 'K', entry_date: TODAY },
    ]);
    expect(await sql(`SELECT count(*)::int AS n FROM students WHERE status = 'enrolled'`)).toEqual([{ n: 5 }]);
    await expectCountsRight();

    const enrolled = await outbox('enrollment.student.enrolled');
    expect(enrolled).toHaveLength(5);
    const u1 = await studentBySid('u1');
    const first = enrolled.find((e) => snapshotOf(e).id === u1.id)!;
    // the REST API's shape: the snapshot, the enrollment, the school, the entry date
    expect(first).toMatchObject({ source: 'enrollment', correlationId: 'roster-import-1' });
    expect(first.data).toEqual({
      student: {
        id: u1.id, localId: 'R1001', firstName: 'First1', lastName: 'Last1', grade: 'K', address: '1 Main St, Boston, MA', latitude: students[0].lat, longitude: students[0].lon,
        flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, siblingIds: [], status: 'enrolled', schoolId: a,
        enrollmentId: u1.enrollment_id, version: 2,
      },
      enrollmentId: u1.enrollment_id, schoolId: a, entryDate: '2025-09-03',
    });
    const upserted = await outbox('enrollment.school.upserted');
    expect(upserted.map((e) => (e.data as { school: { code: string; version: number } }).school).map((s) => [s.code, s.version]).sort()).toEqual([['RA', 1], ['RB', 1]]);
    // and the relay publishes them
    await waitFor(async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n === 0, { what: 'the outbox to drain' });
  });

  it('re-importing the same bundle (as multipart CSV files) changes nothing and publishes nothing', async () => {
    const before = await outboxTotal();
    const versions = await sql('SELECT id, version FROM students ORDER BY id');
    const job = await runImport(postFiles(rosterBundle(schools, students)));
    expect(job.counts).toMatchObject({
      schools: { created: 0, updated: 0, unchanged: 2 },
      students: { created: 0, updated: 0, unchanged: 5, withdrawn: 0, rejected: 0 },
    });
    expect(await outboxTotal()).toBe(before);
    expect(await sql('SELECT id, version FROM students ORDER BY id')).toEqual(versions);
    expect(await sql(`SELECT count(*)::int AS n FROM enrollments`)).toEqual([{ n: 5 }]);
  });

  it('publishes student.updated for a changed address', async () => {
    students[0] = { ...students[0], address: '77 New Rd, Boston, MA', lat: 42.377, lon: -71.077 };
    const before = await studentBySid('u1');
    const job = await runImport(postZip(zip(rosterBundle(schools, students))));
    expect(job.counts.students).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const after = await studentBySid('u1');
    expect(after).toMatchObject({ address: '77 New Rd, Boston, MA', version: before.version + 1, school_id: before.school_id });
    const updates = (await outbox('enrollment.student.updated')).filter((e) => snapshotOf(e).id === after.id);
    expect(updates).toHaveLength(1);
    expect((updates[0].data as { changed: string[] }).changed.sort()).toEqual(['address', 'latitude', 'longitude']);
    expect(snapshotOf(updates[0])).toMatchObject({ address: '77 New Rd, Boston, MA', version: before.version + 1, status: 'enrolled' });
  });

  it('transfers a student whose school changed, extending the new school\'s grades', async () => {
    students[2] = { ...students[2], orgs: 'S-A', begin: { 'S-A': '2026-01-05' } };
    const a = await schoolId('RA');
    const b = await schoolId('RB');
    const before = await studentBySid('u3');
    const job = await runImport(postZip(zip(rosterBundle(schools, students))));
    expect(job.counts.students).toMatchObject({ updated: 1, transferred: 1, unchanged: 4 });
    expect(job.counts.schools).toMatchObject({ updated: 1, unchanged: 1 });

    const after = await studentBySid('u3');
    expect(after).toMatchObject({ status: 'enrolled', school_id: a, version: before.version + 1 });
    expect(await sql(`SELECT school_id, entry_date::text, exit_date::text, exit_reason FROM enrollments WHERE student_id = $1 ORDER BY entry_date`, [after.id])).toEqual([
      { school_id: b, entry_date: '2025-09-03', exit_date: '2026-01-05', exit_reason: 'transfer' },
      { school_id: a, entry_date: '2026-01-05', exit_date: null, exit_reason: null },
    ]);
    const [moved] = (await outbox('enrollment.student.transferred')).filter((e) => snapshotOf(e).id === after.id);
    expect(moved.data).toMatchObject({ fromSchoolId: b, toSchoolId: a, enrollmentId: after.enrollment_id, entryDate: '2026-01-05', student: { schoolId: a, version: after.version } });
    const schoolEvents = (await outbox('enrollment.school.upserted')).map((e) => (e.data as { school: { code: string; grades: string[]; version: number } }).school);
    expect(schoolEvents.filter((s) => s.code === 'RA').pop()).toMatchObject({ grades: ['K', '1', '4'], version: 2 });
    await expectCountsRight();
  });

  it('withdraws a student marked tobedeleted', async () => {
    students[3] = { ...students[3], status: 'tobedeleted' };
    const before = await studentBySid('u4');
    const job = await runImport(postZip(zip(rosterBundle(schools, students))));
    expect(job.counts.students).toMatchObject({ withdrawn: 1, updated: 0, unchanged: 4 });
    const after = await studentBySid('u4');
    expect(after).toMatchObject({ status: 'withdrawn', school_id: null, enrollment_id: null, version: before.version + 1 });
    expect(await sql(`SELECT exit_date::text, exit_reason FROM enrollments WHERE id = $1`, [before.enrollment_id])).toEqual([{ exit_date: TODAY, exit_reason: 'roster: tobedeleted' }]);
    const [out] = (await outbox('enrollment.student.withdrawn')).filter((e) => snapshotOf(e).id === after.id);
    expect(out.data).toMatchObject({ schoolId: before.school_id, exitDate: TODAY, exitReason: 'roster: tobedeleted', student: { status: 'withdrawn', schoolId: null, version: after.version } });
    await expectCountsRight();

    // again: nothing left to withdraw
    const again = await runImport(postZip(zip(rosterBundle(schools, students))));
    expect(again.counts.students).toMatchObject({ withdrawn: 0, unchanged: 5 });
  });

  it('lists rejected rows with file, line and reason, and applies the other rows', async () => {
    const withBad = [
      ...students,
      student(6, { grade: '13' }), // users.csv: not a grade
      student(7, { grade: '2' }), // fine
      student(8, { grade: '3', birth: 'May 1 2017' }), // demographics.csv: not a date, so users.csv: no birth date
    ];
    const job = await runImport(postFiles(rosterBundle(schools, withBad)));
    expect(job.counts.students).toMatchObject({ created: 1, rejected: 2 });
    expect(job.rejections.total).toBe(3);
    expect(job.rejections.items).toEqual([
      { file: 'demographics.csv', line: 9, sourcedId: 'u8', reason: 'birthDate "May 1 2017" must be a real date, YYYY-MM-DD' },
      { file: 'users.csv', line: 7, sourcedId: 'u6', reason: expect.stringContaining('grades "13"') },
      { file: 'users.csv', line: 9, sourcedId: 'u8', reason: 'a new student needs a birthDate in demographics.csv' },
    ]);
    const page = await getJob(job.id, '?limit=1&offset=1');
    expect(page.body.rejections).toEqual({ items: [expect.objectContaining({ file: 'users.csv', line: 7 })], total: 3 });
    expect(await studentBySid('u7')).toMatchObject({ status: 'enrolled', grade: '2' });
    expect(await studentBySid('u6')).toBeUndefined();
    await expectCountsRight();
  });

  it('fails the whole job on a broken header, applying nothing', async () => {
    const before = { students: await sql('SELECT count(*) FROM students'), schools: await sql('SELECT count(*) FROM schools'), outbox: await outboxTotal() };
    const header = USER_HEADER.map((h) => (h === 'givenName' ? 'nickname' : h));
    const bundle = rosterBundle([...schools, { sid: 'S-C', code: 'RC', name: 'Carver', address: '3 Carver St', lat: 42.3, lon: -71.1 }], [...students, student(9, { orgs: 'S-C' })], {
      'users.csv': usersCsv([...students, student(9, { orgs: 'S-C' })], header),
    });
    const job = await runImport(postZip(zip(bundle)));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^users\.csv: header \(line 1\) is missing required column givenName/);
    expect(job.counts).toBeNull();
    expect(job.rejections.total).toBe(0);
    expect({ students: await sql('SELECT count(*) FROM students'), schools: await sql('SELECT count(*) FROM schools'), outbox: await outboxTotal() }).toEqual(before);
  });

  it('fails the whole job on a file that is not UTF-8, applying nothing', async () => {
    const before = { students: await sql('SELECT id, version FROM students ORDER BY id'), outbox: await outboxTotal() };
    const changed = students.map((s, i) => (i === 0 ? { ...s, address: '9 Other St, Boston, MA' } : s));
    const latin1 = Buffer.from(usersCsv([...changed, student(10, { first: 'José' })]), 'latin1');
    const job = await runImport(postFiles(rosterBundle(schools, changed, { 'users.csv': latin1 })));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^users\.csv: not valid UTF-8: byte 0xE9 at line 7/);
    expect({ students: await sql('SELECT id, version FROM students ORDER BY id'), outbox: await outboxTotal() }).toEqual(before);
  });

  it('answers 400, 401, 403, 404, 413 and 415 as problem+json', async () => {
    const bad = await getJob('not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect((await getJob(randomUUID())).status).toBe(404);
    expect((await getJob(randomUUID(), '', '')).status).toBe(401);
    expect((await getJob(randomUUID(), '', bearer(['enrollment:read']))).status).toBe(403); // no student-records
    expect((await getJob(randomUUID(), '', bearer(['enrollment:read', 'student-records'], { schools: [randomUUID()] }))).status).toBe(403); // school-scoped

    const small = zip(rosterBundle(schools, students));
    expect((await postZip(small, {}, '')).statusCode).toBe(401);
    expect((await postZip(small, {}, reader)).statusCode).toBe(403); // needs enrollment:write
    expect((await postZip(small, {}, bearer(['enrollment:write']))).statusCode).toBe(403); // needs student-records

    // over IMPORT_MAX_BYTES: a raw zip (refused on its Content-Length) and a multipart file (cut while streaming)
    const big = randomBytes(MAX_BYTES + 1);
    const raw = await postZip(big);
    expect(raw.statusCode).toBe(413);
    expect(raw.headers['content-type']).toContain('application/problem+json');
    expect(raw.json().detail).toContain('IMPORT_MAX_BYTES');
    const streamed = await postFiles({ 'users.csv': Buffer.alloc(MAX_BYTES + 10, 'a') });
    expect(streamed.statusCode).toBe(413);
    // a zip bomb: small on the wire, too big once inflated
    const bomb = await postZip(zip({ 'manifest.csv': Buffer.from(MANIFEST), 'users.csv': Buffer.alloc(MAX_BYTES * 10 + 1, 'a') }));
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().detail).toContain('expands');

    expect((await postZip(Buffer.from('this is not a zip'))).statusCode).toBe(400);
    expect((await postFiles({ 'notes.txt': Buffer.from('hi') })).statusCode).toBe(400);
    const json = await app.inject({ method: 'POST', url: '/api/imports/oneroster', payload: { a: 1 }, headers: { authorization: writer } });
    expect(json.statusCode).toBe(415);
    // nothing is left behind by refused uploads
    expect(await sql(`SELECT count(*)::int AS n FROM import_jobs WHERE status IN ('queued', 'reading', 'applying')`)).toEqual([{ n: 0 }]);
  });

  it('serialises two imports of the same new records: the second finds what the first created', async () => {
    const newSchool: SchoolSpec = { sid: 'S-D', code: 'RD', name: 'Dever', address: '4 Dever St', lat: 42.31, lon: -71.02 };
    const newStudents = Array.from({ length: 10 }, (_, i) => student(20 + i, { orgs: 'S-D', grade: '3', birth: '2017-01-01' }));
    const files = rosterBundle([newSchool], newStudents);
    const runner = app.get(ImportRunner);
    const stored = (id: string) => {
      const dir = uploadDir(id);
      mkdirSync(dir, { recursive: true });
      return {
        kind: 'files' as const, dir, bytes: 0,
        files: Object.entries(files).map(([name, data], i) => {
          const path = join(dir, `${i}.csv`);
          writeFileSync(path, data);
          return { name, path, bytes: data.length };
        }),
      };
    };
    const [one, two] = [randomUUID(), randomUUID()];
    const outcomes = await Promise.all([runner.runNow(stored(one), 'test', one), runner.runNow(stored(two), 'test', two)]);
    expect(outcomes.map((o) => o.status)).toEqual(['completed', 'completed']);
    expect(outcomes.map((o) => o.counts!.students.created).sort()).toEqual([0, 10]);
    expect(outcomes.map((o) => o.counts!.students.unchanged).sort()).toEqual([0, 10]);
    expect(await sql(`SELECT count(*)::int AS n FROM students WHERE local_id LIKE 'R102_'`)).toEqual([{ n: 10 }]);
    await expectCountsRight();
  });

  it('matches records created through the API by code and localId, and rejects rows that would write another row\'s record', async () => {
    const api = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: { authorization: writer } }).then((r) => r.json());
    const z = await api('/api/schools', { code: 'RZ', name: 'Zeta', address: '9 Zeta St, Boston, MA', latitude: 42.34, longitude: -71.05, grades: ['K'] });
    const rest = await api('/api/students', {
      localId: 'REST-1', firstName: 'Rey', lastName: 'Rest', birthDate: '2019-02-02', grade: 'K', address: '5 Rest St, Boston, MA', latitude: 42.33, longitude: -71.04,
    });
    expect(rest).toMatchObject({ status: 'not-enrolled', version: 1 });
    const zeta: SchoolSpec = { sid: 'S-Z', code: 'RZ', name: 'Zeta School', address: '9 Zeta St, Boston, MA', lat: 42.34, lon: -71.05 };
    const clash: SchoolSpec = { sid: 'S-CLASH', code: 'RA', name: 'Not Alcott', address: '1 Elsewhere', lat: 42.3, lon: -71.3 };
    const roster = [
      ...students,
      { ...student(11, { orgs: 'S-Z', grade: '1' }), localId: 'REST-1', first: 'Rey', last: 'Rest', address: '5 Rest St, Boston, MA', lat: 42.33, lon: -71.04, birth: '2019-02-02' },
      student(12, { orgs: 'S-CLASH' }),
      student(13, { localId: 'R1001' }), // u1's local id
    ];
    const job = await runImport(postFiles(rosterBundle([...schools, zeta, clash], roster)));
    expect(job.status).toBe('completed');
    expect(job.rejections.items).toEqual([
      { file: 'orgs.csv', line: 6, sourcedId: 'S-CLASH', reason: 'it is the same school as S-A (line 3)' },
      { file: 'users.csv', line: 8, sourcedId: 'u12', reason: 'no school to place the student at: S-CLASH was rejected (orgs.csv line 6)' },
      { file: 'users.csv', line: 9, sourcedId: 'u13', reason: 'it is the same student as u1 (line 2)' },
    ]);
    // the API's school: renamed, serving grade 1 too; the API's student: enrolled there
    expect(await sql(`SELECT name, grades, version FROM schools WHERE id = $1`, [z.id])).toEqual([{ name: 'Zeta School', grades: ['K', '1'], version: 2 }]);
    const matched = await studentBySid('u11');
    expect(matched).toMatchObject({ id: rest.id, status: 'enrolled', school_id: z.id, grade: '1' });
    const [enrolled] = (await outbox('enrollment.student.enrolled')).filter((e) => snapshotOf(e).id === rest.id);
    expect(enrolled.data).toMatchObject({ schoolId: z.id, entryDate: TODAY, student: { localId: 'REST-1', grade: '1', version: 3 } });
    await expectCountsRight();
  });

  it('imports the OneRoster spec sample bundle sent as multipart CSV files', async () => {
    const job = await runImport(postFiles(specBundleBuffers()));
    expect(job).toMatchObject({
      status: 'completed',
      counts: { schools: { created: 2 }, students: { created: 2, skipped: 1, rejected: 0 } },
      rejections: { total: 0 },
    });
    expect(job.warnings).toEqual(expect.arrayContaining([expect.stringContaining('classes.csv (a OneRoster file this import does not use)')]));
    expect(await studentBySid('usr-2')).toMatchObject({ status: 'enrolled', school_id: await schoolId('1040'), grade: '9' });
    await expectCountsRight();
  });

  it('marks a job left unfinished by a stopped process as failed: interrupted', async () => {
    const id = randomUUID();
    await sql(`INSERT INTO import_jobs (id, kind, status, created_by, heartbeat_at) VALUES ($1, 'oneroster', 'applying', 'x', now() - interval '1 hour')`, [id]);
    const live = randomUUID();
    await sql(`INSERT INTO import_jobs (id, kind, status, created_by) VALUES ($1, 'oneroster', 'reading', 'another replica')`, [live]);
    expect(await app.get(ImportRunner).failInterrupted()).toEqual([id]);
    expect((await getJob(id)).body).toMatchObject({ status: 'failed', error: INTERRUPTED, finishedAt: expect.any(String) });
    expect((await getJob(live)).body.status).toBe('reading'); // its process still beats
    await sql(`DELETE FROM import_jobs WHERE id = $1`, [live]);
  });
});
