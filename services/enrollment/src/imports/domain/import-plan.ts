import { Grade, gradeIndex } from '@district/contracts';
import { birthDateProblem } from '../../students/domain/student-rules';
import type { DemographicsRecord, EnrollmentRecord, OrgRecord, StudentUserRecord } from './records';

/**
 * What a OneRoster import will apply, decided from the validated records alone (pure, Maps only).
 * The caller says which sourcedIds already exist; nothing here reads or writes a database.
 *
 * Schools (orgs of type school):
 * - active → upsert by sourcedId. A new school needs an identifier usable as the school code
 *   (1-32 letters, digits, _ or -), metadata.address and coordinates, and at least one grade: its
 *   grades are those of the students this import places there (orgs.csv has no grades served), so
 *   a new school with no student in the import is rejected. An existing school keeps what a row
 *   leaves blank; a code that is given must still be valid. Name ≤ 200, address ≤ 300 characters.
 * - tobedeleted → delete when it exists (counted as withdrawn), else skipped.
 * Students (users of role student):
 * - tobedeleted → withdraw when the student exists, else skipped.
 * - active → upsert by sourcedId, at a school taken from the row's orgSourcedIds: only the ones that
 *   are known schools count (accepted in this import, or existing and not being deleted; district
 *   and other orgs drop out). One → that school. Several → the one among them where enrollments.csv
 *   has an active student enrollment for this user; none or several of those → ambiguous, rejected.
 *   None → rejected, saying whether the school is unknown, rejected or being deleted. Enrollments
 *   never add a school that orgSourcedIds does not name.
 * - every active student needs a grade (an upsert sets it). A new student also needs an identifier
 *   usable as localId (1-32 letters, digits, _ or -), a birthDate from demographics.csv, and
 *   metadata.address with coordinates. An existing student keeps what the files leave blank.
 * - a birthDate, when there is one, must pass the student rules (real, past, age 2-21 on `today`);
 *   names ≤ 100 and address ≤ 300 characters, as the REST API requires.
 * - enabledUser is not used: it is about a login account, not about being enrolled.
 * "updated" counts upserts of existing records; whether any field actually changed is for the
 * caller to tell (it holds the current values).
 */

export interface ExistingRecords {
  schools: { has(sourcedId: string): boolean };
  students: { has(sourcedId: string): boolean };
}

/** userSourcedId → schoolSourcedIds of that user's active student enrollments. */
export type EnrollmentSchools = ReadonlyMap<string, ReadonlySet<string>>;

export interface PlanInput {
  schools: Iterable<OrgRecord>;
  students: Iterable<StudentUserRecord>;
  enrollmentSchools?: EnrollmentSchools;
  /** user sourcedId → birthDate, from demographics.csv */
  birthDates?: ReadonlyMap<string, string>;
  /** file names as they appear in the bundle, for rejections (default orgs.csv, users.csv) */
  files?: { orgs?: string; users?: string };
  /**
   * orgs the caller rejected before planning (sourcedId → line), e.g. for a school code already taken;
   * a student placed only there is told the school was rejected rather than unknown
   */
  rejectedSchools?: ReadonlyMap<string, number>;
}

export interface SchoolUpsert {
  sourcedId: string;
  isNew: boolean;
  name: string;
  /** from identifier */
  code?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  /** grades of the students this import places at the school, in order */
  studentGrades: Grade[];
}

export interface StudentUpsert {
  sourcedId: string;
  isNew: boolean;
  schoolSourcedId: string;
  /** from identifier */
  localId?: string;
  firstName: string;
  lastName: string;
  grade: Grade;
  birthDate?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

export interface PlanRejection {
  entity: 'school' | 'student';
  file: string;
  line: number;
  sourcedId: string;
  reason: string;
}

export interface EntityCounts {
  created: number;
  updated: number;
  withdrawn: number;
  rejected: number;
  skipped: number;
}

export interface ImportPlan {
  schools: { upserts: SchoolUpsert[]; deletes: string[] };
  students: { upserts: StudentUpsert[]; withdrawals: string[] };
  rejections: PlanRejection[];
  counts: { schools: EntityCounts; students: EntityCounts };
}

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Adds a batch of enrollments to the index the plan reads (only active student enrollments count). */
export function addEnrollmentSchools(index: Map<string, Set<string>>, records: Iterable<EnrollmentRecord>): void {
  for (const e of records) {
    if (e.status !== 'active') continue;
    const schools = index.get(e.userSourcedId);
    if (schools) schools.add(e.schoolSourcedId);
    else index.set(e.userSourcedId, new Set([e.schoolSourcedId]));
  }
}

/** Adds a batch of demographics to the birth dates the plan reads (active rows with a birthDate). */
export function addBirthDates(index: Map<string, string>, records: Iterable<DemographicsRecord>): void {
  for (const d of records) if (d.status === 'active' && d.birthDate) index.set(d.sourcedId, d.birthDate);
}

export function buildImportPlan(input: PlanInput, existing: ExistingRecords, options: { today?: Date } = {}): ImportPlan {
  const today = options.today ?? new Date();
  const orgsFile = input.files?.orgs ?? 'orgs.csv';
  const usersFile = input.files?.users ?? 'users.csv';
  const enrollmentSchools: EnrollmentSchools = input.enrollmentSchools ?? new Map();
  const birthDates: ReadonlyMap<string, string> = input.birthDates ?? new Map();
  const counts = { schools: emptyCounts(), students: emptyCounts() };
  const rejections: PlanRejection[] = [];

  // Schools first: students are placed only at schools known after this step.
  const accepted = new Map<string, SchoolUpsert & { line: number }>();
  const rejectedSchool = new Map<string, number>(input.rejectedSchools ?? []); // sourcedId → line, for students' reasons
  const deleting = new Set<string>();
  const deletes: string[] = [];
  for (const org of input.schools) {
    const isNew = !existing.schools.has(org.sourcedId);
    if (org.status === 'tobedeleted') {
      deleting.add(org.sourcedId);
      if (isNew) counts.schools.skipped++;
      else {
        deletes.push(org.sourcedId);
        counts.schools.withdrawn++;
      }
      continue;
    }
    const problems = schoolProblems(org, isNew);
    if (problems.length > 0) {
      rejectedSchool.set(org.sourcedId, org.line);
      rejections.push({ entity: 'school', file: orgsFile, line: org.line, sourcedId: org.sourcedId, reason: problems.join('; ') });
      counts.schools.rejected++;
      continue;
    }
    accepted.set(org.sourcedId, {
      sourcedId: org.sourcedId, isNew, name: org.name, code: org.identifier, address: org.address,
      latitude: org.latitude, longitude: org.longitude, studentGrades: [], line: org.line,
    });
  }
  const isKnownSchool = (id: string): boolean => accepted.has(id) || (existing.schools.has(id) && !deleting.has(id));

  const upserts: StudentUpsert[] = [];
  const withdrawals: string[] = [];
  const gradesAt = new Map<string, Set<Grade>>();
  for (const s of input.students) {
    const isNew = !existing.students.has(s.sourcedId);
    if (s.status === 'tobedeleted') {
      if (isNew) counts.students.skipped++;
      else {
        withdrawals.push(s.sourcedId);
        counts.students.withdrawn++;
      }
      continue;
    }
    const problems: string[] = [];
    const school = placeStudent(s, isKnownSchool, enrollmentSchools, deleting, rejectedSchool, orgsFile);
    if ('problem' in school) problems.push(school.problem);
    const birthDate = birthDates.get(s.sourcedId);
    problems.push(...studentProblems(s, isNew, birthDate, today));
    if (problems.length > 0 || !('schoolSourcedId' in school) || !s.grade) {
      rejections.push({ entity: 'student', file: usersFile, line: s.line, sourcedId: s.sourcedId, reason: problems.join('; ') });
      counts.students.rejected++;
      continue;
    }
    upserts.push({
      sourcedId: s.sourcedId, isNew, schoolSourcedId: school.schoolSourcedId, localId: s.identifier, firstName: s.givenName,
      lastName: s.familyName, grade: s.grade, birthDate, address: s.address, latitude: s.latitude, longitude: s.longitude,
    });
    counts.students[isNew ? 'created' : 'updated']++;
    const grades = gradesAt.get(school.schoolSourcedId);
    if (grades) grades.add(s.grade);
    else gradesAt.set(school.schoolSourcedId, new Set([s.grade]));
  }

  // A new school's grades come from its students; without any it cannot be created.
  const schoolUpserts: SchoolUpsert[] = [];
  for (const { line, ...school } of accepted.values()) {
    school.studentGrades = [...(gradesAt.get(school.sourcedId) ?? [])].sort((a, b) => gradeIndex(a) - gradeIndex(b));
    if (school.isNew && school.studentGrades.length === 0) {
      rejections.push({
        entity: 'school', file: orgsFile, line, sourcedId: school.sourcedId,
        reason: 'a new school needs the grades it serves, and no student in this import is placed there to give them',
      });
      counts.schools.rejected++;
      continue;
    }
    schoolUpserts.push(school);
    counts.schools[school.isNew ? 'created' : 'updated']++;
  }

  return {
    schools: { upserts: schoolUpserts, deletes },
    students: { upserts, withdrawals },
    rejections,
    counts,
  };
}

function emptyCounts(): EntityCounts {
  return { created: 0, updated: 0, withdrawn: 0, rejected: 0, skipped: 0 };
}

function schoolProblems(org: OrgRecord, isNew: boolean): string[] {
  const problems: string[] = [];
  if (org.name.length > 200) problems.push('name is longer than 200 characters');
  if (org.identifier !== undefined && !CODE.test(org.identifier)) {
    problems.push(`identifier ${JSON.stringify(org.identifier)} cannot be a school code (1-32 letters, digits, _ or -)`);
  }
  if (org.address !== undefined && org.address.length > 300) problems.push('metadata.address is longer than 300 characters');
  if (isNew) {
    const lacking = [
      org.identifier === undefined && 'identifier (the school code)',
      org.address === undefined && 'metadata.address',
      org.latitude === undefined && 'metadata.latitude/longitude',
    ].filter((x): x is string => !!x);
    if (lacking.length > 0) problems.push(`a new school needs ${lacking.join(', ')}`);
  }
  return problems;
}

function studentProblems(s: StudentUserRecord, isNew: boolean, birthDate: string | undefined, today: Date): string[] {
  const problems: string[] = [];
  if (!s.grade) problems.push('no grade: grades is blank');
  if (s.identifier !== undefined && !CODE.test(s.identifier)) {
    problems.push(`identifier ${JSON.stringify(s.identifier)} cannot be a local id (1-32 letters, digits, _ or -)`);
  }
  if (s.givenName.length > 100) problems.push('givenName is longer than 100 characters');
  if (s.familyName.length > 100) problems.push('familyName is longer than 100 characters');
  if (s.address !== undefined && s.address.length > 300) problems.push('metadata.address is longer than 300 characters');
  if (birthDate !== undefined) {
    const problem = birthDateProblem(birthDate, today);
    if (problem) problems.push(`${problem} (demographics.csv)`);
  }
  if (isNew) {
    const lacking = [
      s.identifier === undefined && 'identifier (the local id)',
      birthDate === undefined && 'a birthDate in demographics.csv',
      s.address === undefined && 'metadata.address',
      s.latitude === undefined && 'metadata.latitude/longitude',
    ].filter((x): x is string => !!x);
    if (lacking.length > 0) problems.push(`a new student needs ${lacking.join(', ')}`);
  }
  return problems;
}

function placeStudent(
  s: StudentUserRecord,
  isKnownSchool: (id: string) => boolean,
  enrollmentSchools: EnrollmentSchools,
  deleting: ReadonlySet<string>,
  rejectedSchool: ReadonlyMap<string, number>,
  orgsFile: string,
): { schoolSourcedId: string } | { problem: string } {
  const candidates = s.orgSourcedIds.filter(isKnownSchool);
  if (candidates.length === 1) return { schoolSourcedId: candidates[0] };
  if (candidates.length === 0) {
    const why = s.orgSourcedIds.map((id) =>
      deleting.has(id) ? `${id} is tobedeleted in ${orgsFile}`
      : rejectedSchool.has(id) ? `${id} was rejected (${orgsFile} line ${rejectedSchool.get(id)})`
      : `${id} is not a known school`,
    );
    return { problem: `no school to place the student at: ${why.join(', ')}` };
  }
  const enrolled = enrollmentSchools.get(s.sourcedId);
  const matching = enrolled ? candidates.filter((id) => enrolled.has(id)) : [];
  if (matching.length === 1) return { schoolSourcedId: matching[0] };
  return {
    problem: `ambiguous school: orgSourcedIds names ${candidates.length} schools (${candidates.join(', ')}) and enrollments.csv has an active student enrollment at ${
      matching.length === 0 ? 'none of them' : `${matching.length} of them (${matching.join(', ')})`
    }`,
  };
}
