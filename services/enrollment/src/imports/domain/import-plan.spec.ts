import { addBirthDates, addEnrollmentSchools, buildImportPlan, ExistingRecords, PlanInput } from './import-plan';
import { EnrollmentRecord, OrgRecord, StudentUserRecord } from './records';

const TODAY = new Date('2026-01-15T00:00:00Z');

function school(sourcedId: string, over: Partial<OrgRecord> = {}): OrgRecord {
  return { sourcedId, status: 'active', line: 2, name: `School ${sourcedId}`, identifier: `C-${sourcedId}`, address: '1 School St', latitude: 42.38, longitude: -71.0, ...over };
}

function student(sourcedId: string, over: Partial<StudentUserRecord> = {}): StudentUserRecord {
  return {
    sourcedId, status: 'active', line: 2, enabledUser: true, orgSourcedIds: ['s1'], username: sourcedId, givenName: 'Ana', familyName: 'Silva',
    identifier: `L-${sourcedId}`, grade: '4', address: '12 Bennington St', latitude: 42.37, longitude: -71.03, ...over,
  };
}

function enrollment(userSourcedId: string, schoolSourcedId: string, status: 'active' | 'tobedeleted' = 'active'): EnrollmentRecord {
  return { sourcedId: `e-${userSourcedId}-${schoolSourcedId}`, status, line: 2, userSourcedId, schoolSourcedId };
}

function existing(schools: string[] = [], students: string[] = []): ExistingRecords {
  return { schools: new Set(schools), students: new Set(students) };
}

function plan(input: Partial<PlanInput>, known: ExistingRecords = existing()) {
  const birthDates = new Map<string, string>();
  for (const s of input.students ?? []) birthDates.set(s.sourcedId, '2016-04-12');
  return buildImportPlan({ schools: [], students: [], birthDates, ...input }, known, { today: TODAY });
}

describe('import plan', () => {
  it('creates new schools and students, giving a new school the grades of its students', () => {
    const p = plan({ schools: [school('s1')], students: [student('u1', { grade: '5' }), student('u2', { grade: 'K' }), student('u3', { grade: '5' })] });
    expect(p.rejections).toEqual([]);
    expect(p.schools.upserts).toEqual([
      { sourcedId: 's1', isNew: true, name: 'School s1', code: 'C-s1', address: '1 School St', latitude: 42.38, longitude: -71.0, studentGrades: ['K', '5'] },
    ]);
    expect(p.students.upserts[0]).toEqual({
      sourcedId: 'u1', isNew: true, schoolSourcedId: 's1', localId: 'L-u1', firstName: 'Ana', lastName: 'Silva', grade: '5', birthDate: '2016-04-12',
      address: '12 Bennington St', latitude: 42.37, longitude: -71.03,
    });
    expect(p.counts).toEqual({
      schools: { created: 1, updated: 0, withdrawn: 0, rejected: 0, skipped: 0 },
      students: { created: 3, updated: 0, withdrawn: 0, rejected: 0, skipped: 0 },
    });
  });

  it('places a student at the one known school among orgSourcedIds (district orgs drop out), existing schools included', () => {
    const p = plan({ students: [student('u1', { orgSourcedIds: ['district', 's9'] })] }, existing(['s9']));
    expect(p.students.upserts.map((s) => s.schoolSourcedId)).toEqual(['s9']);
  });

  it('with several known schools, takes the one with an active enrollment, else rejects as ambiguous', () => {
    const enrollmentSchools = new Map<string, Set<string>>();
    addEnrollmentSchools(enrollmentSchools, [enrollment('u1', 's2'), enrollment('u2', 's1', 'tobedeleted'), enrollment('u3', 's1'), enrollment('u3', 's2')]);
    const both = ['s1', 's2'];
    const p = plan({
      schools: [school('s1'), school('s2')],
      students: [student('u1', { orgSourcedIds: both }), student('u2', { orgSourcedIds: both }), student('u3', { orgSourcedIds: both })],
      enrollmentSchools,
    });
    expect(p.students.upserts.map((s) => [s.sourcedId, s.schoolSourcedId])).toEqual([['u1', 's2']]);
    expect(p.rejections.filter((r) => r.entity === 'student').map((r) => [r.sourcedId, r.reason])).toEqual([
      ['u2', 'ambiguous school: orgSourcedIds names 2 schools (s1, s2) and enrollments.csv has an active student enrollment at none of them'],
      ['u3', 'ambiguous school: orgSourcedIds names 2 schools (s1, s2) and enrollments.csv has an active student enrollment at 2 of them (s1, s2)'],
    ]);
  });

  it('rejects students whose school is unknown, being deleted, or rejected, saying which', () => {
    const p = plan(
      {
        schools: [school('gone', { status: 'tobedeleted' }), school('bad', { line: 7, identifier: 'has space' })],
        students: [student('u1', { orgSourcedIds: ['nowhere'], line: 3 }), student('u2', { orgSourcedIds: ['gone'], line: 4 }), student('u3', { orgSourcedIds: ['bad'], line: 5 })],
      },
      existing(['gone']),
    );
    expect(p.students.upserts).toEqual([]);
    expect(p.rejections.filter((r) => r.entity === 'student')).toEqual([
      { entity: 'student', file: 'users.csv', line: 3, sourcedId: 'u1', reason: 'no school to place the student at: nowhere is not a known school' },
      { entity: 'student', file: 'users.csv', line: 4, sourcedId: 'u2', reason: 'no school to place the student at: gone is tobedeleted in orgs.csv' },
      { entity: 'student', file: 'users.csv', line: 5, sourcedId: 'u3', reason: 'no school to place the student at: bad was rejected (orgs.csv line 7)' },
    ]);
    expect(p.schools.deletes).toEqual(['gone']);
    expect(p.counts.schools).toMatchObject({ withdrawn: 1, rejected: 1 });
  });

  it('rejects every student without a grade, new or existing', () => {
    const p = plan({ schools: [school('s1')], students: [student('u1', { grade: undefined }), student('u2', { grade: undefined }), student('u3')] }, existing([], ['u2']));
    expect(p.rejections.map((r) => [r.sourcedId, r.reason])).toEqual([['u1', 'no grade: grades is blank'], ['u2', 'no grade: grades is blank']]);
  });

  it('requires a local id, birth date, address and coordinates only of new students', () => {
    const bare = { identifier: undefined, address: undefined, latitude: undefined, longitude: undefined };
    const p = buildImportPlan(
      { schools: [school('s1')], students: [student('new', bare), student('old', bare), student('keep')], birthDates: new Map([['keep', '2016-04-12']]) },
      existing([], ['old']),
      { today: TODAY },
    );
    expect(p.rejections.map((r) => [r.sourcedId, r.reason])).toEqual([
      ['new', 'a new student needs identifier (the local id), a birthDate in demographics.csv, metadata.address, metadata.latitude/longitude'],
    ]);
    expect(p.students.upserts.map((s) => [s.sourcedId, s.isNew, s.birthDate, s.address])).toEqual([
      ['old', false, undefined, undefined],
      ['keep', true, '2016-04-12', '12 Bennington St'],
    ]);
    expect(p.counts.students).toEqual({ created: 1, updated: 1, withdrawn: 0, rejected: 1, skipped: 0 });
  });

  it('checks birth dates with the student rules and system limits on ids and names', () => {
    const p = buildImportPlan(
      { schools: [school('s1')], students: [student('u1'), student('u2', { identifier: 'S 0001', givenName: 'x'.repeat(101) })], birthDates: new Map([['u1', '2000-01-01'], ['u2', '2016-04-12']]) },
      existing(['s1']),
      { today: TODAY },
    );
    expect(p.rejections.map((r) => [r.sourcedId, r.reason])).toEqual([
      ['u1', 'a student must be younger than 22 (demographics.csv)'],
      ['u2', 'identifier "S 0001" cannot be a local id (1-32 letters, digits, _ or -); givenName is longer than 100 characters'],
    ]);
  });

  it('withdraws existing students marked tobedeleted, and skips unknown ones', () => {
    const p = plan({ students: [student('u1', { status: 'tobedeleted' }), student('u2', { status: 'tobedeleted' })] }, existing([], ['u1']));
    expect(p.students.withdrawals).toEqual(['u1']);
    expect(p.counts.students).toEqual({ created: 0, updated: 0, withdrawn: 1, rejected: 0, skipped: 1 });
  });

  it('deletes existing schools marked tobedeleted and skips unknown ones; updates existing schools with what is given', () => {
    const p = plan(
      { schools: [school('s1', { status: 'tobedeleted' }), school('s2', { status: 'tobedeleted' }), school('s3', { identifier: undefined, address: undefined, latitude: undefined, longitude: undefined })] },
      existing(['s1', 's3']),
    );
    expect(p.schools.deletes).toEqual(['s1']);
    expect(p.schools.upserts).toEqual([{ sourcedId: 's3', isNew: false, name: 'School s3', studentGrades: [] }].map((s) => expect.objectContaining(s)));
    expect(p.counts.schools).toEqual({ created: 0, updated: 1, withdrawn: 1, rejected: 0, skipped: 1 });
  });

  it('rejects a new school without a code, address or coordinates (and its students), or without any student to give grades', () => {
    const p = plan({
      schools: [school('s1', { identifier: undefined, address: undefined, latitude: undefined, longitude: undefined, line: 3 }), school('s2', { line: 4 })],
      students: [student('u1', { orgSourcedIds: ['s1'] })],
    });
    expect(p.rejections).toEqual([
      { entity: 'school', file: 'orgs.csv', line: 3, sourcedId: 's1', reason: 'a new school needs identifier (the school code), metadata.address, metadata.latitude/longitude' },
      { entity: 'student', file: 'users.csv', line: 2, sourcedId: 'u1', reason: 'no school to place the student at: s1 was rejected (orgs.csv line 3)' },
      { entity: 'school', file: 'orgs.csv', line: 4, sourcedId: 's2', reason: 'a new school needs the grades it serves, and no student in this import is placed there to give them' },
    ]);
    expect(p.counts.schools.rejected).toBe(2);
  });

  it('names the bundle file names in rejections', () => {
    const p = buildImportPlan({ schools: [], students: [student('u1', { orgSourcedIds: ['x'] })], files: { users: 'export/Users.csv' } }, existing(), { today: TODAY });
    expect(p.rejections[0].file).toBe('export/Users.csv');
  });

  it('collects birth dates from active demographics rows only', () => {
    const index = new Map<string, string>();
    addBirthDates(index, [
      { sourcedId: 'u1', status: 'active', line: 2, birthDate: '2016-04-12' },
      { sourcedId: 'u2', status: 'tobedeleted', line: 3, birthDate: '2016-04-12' },
      { sourcedId: 'u3', status: 'active', line: 4 },
    ]);
    expect([...index]).toEqual([['u1', '2016-04-12']]);
  });

  it('plans 50,000 students with Maps in one pass', () => {
    const schools = Array.from({ length: 125 }, (_, i) => school(`s${i}`));
    const students = Array.from({ length: 50_000 }, (_, i) => student(`u${i}`, { orgSourcedIds: ['district', `s${i % 125}`], grade: '3' }));
    const started = performance.now();
    const p = buildImportPlan({ schools, students, birthDates: new Map(students.map((s) => [s.sourcedId, '2016-04-12'])) }, existing(), { today: TODAY });
    const ms = performance.now() - started;
    expect(p.counts.students.created).toBe(50_000);
    expect(p.counts.schools.created).toBe(125);
    console.log(`planned 50,000 students and 125 schools in ${ms.toFixed(0)} ms`);
  });
});
