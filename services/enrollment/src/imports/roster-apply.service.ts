import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnrollmentEvents, Grade, SchoolSnapshot } from '@district/contracts';
import { EventCollector, MESSAGING_OPTIONS, MessagingOptions, UnitOfWork, writeOutbox } from '@district/messaging';
import { schoolSnapshot, sortGrades } from '../schools/domain/school-rules';
import { applyCountChanges, CountChange } from '../schools/enrollment-counts';
import { changedFields, StudentState, studentSnapshot } from '../students/domain/student-rules';
import { buildImportPlan, OrgRecord, PlanRejection, SchoolUpsert, StudentUpsert, StudentUserRecord } from './domain';
import type { ImportEntityCounts } from './import-job.entities';

/**
 * Applies a validated OneRoster bundle: resolves sourcedIds to our records, plans with the pure domain
 * (buildImportPlan), and writes the plan in ONE transaction (a valid file is never half applied) with
 * set-based statements over chunks of CHUNK records, the same events as the REST API going to the
 * outbox chunk by chunk (memory stays bounded), and enrollment counts kept with applyCountChanges.
 *
 * Matching: a sourcedId seen before (roster_source_ids) is that record. A new sourcedId matches an
 * existing school by code = identifier, and an existing student by localId = identifier (a district
 * that created records through the API or the seed, then imports its SIS roster). Two rows that would
 * write the same record, or a code/localId another record holds, are rejected before planning.
 *
 * Students: new → created and enrolled (version 2, student.enrolled, as POST /students then
 * POST /enrollments). Existing → changed fields first (version + 1; student.updated with the changed
 * published fields when enrolled, as PATCH /students/:id), then the school: another school → transfer
 * (open enrollment closed with 'transfer', a new one opened, version + 1, student.transferred); not
 * enrolled → enrolled (student.enrolled). tobedeleted → the open enrollment closed with
 * 'roster: tobedeleted', status withdrawn (student.withdrawn). Entry date: the earliest beginDate of the
 * student's active enrollments at that school in enrollments.csv, else the import date; never before the
 * student's latest enrollment date on record (a stale beginDate becomes the import date, or that date).
 *
 * Schools: new → created (version 1) with the grades of the students placed there; existing → name,
 * code, address and coordinates the row gives, grades extended by the students placed there (never
 * removed: a roster does not say which grades a school serves), version + 1 when anything changed;
 * school.upserted either way. tobedeleted schools are not deleted (a warning says so).
 */

export interface CollectedBundle {
  orgs: OrgRecord[];
  users: StudentUserRecord[];
  /** userSourcedId → schoolSourcedIds of the user's active student enrollments */
  enrollmentSchools: Map<string, Set<string>>;
  /** beginDateKey(user, school) → the earliest beginDate of those enrollments */
  beginDates: Map<string, string>;
  /** user sourcedId → birthDate */
  birthDates: Map<string, string>;
  files: { orgs?: string; users?: string };
}

export function beginDateKey(userSourcedId: string, schoolSourcedId: string): string {
  return `${userSourcedId}\u0000${schoolSourcedId}`;
}

export interface ApplyOptions {
  jobId: string;
  today: Date;
  cause: { correlationId?: string; causationId?: string | null };
  /** called after each chunk (outside the transaction's data; the caller writes progress elsewhere) */
  onProgress?: (applied: number, toApply: number) => void | Promise<void>;
  /** checked between chunks; true rolls the whole apply back */
  aborted?: () => boolean;
}

export interface ApplyResult {
  schools: ImportEntityCounts;
  students: ImportEntityCounts & { transferred: number };
  /** rejections written (pre-plan conflicts, the plan's, and the apply's own) */
  rejected: number;
  warnings: string[];
}

/** Another writer changed a record between our read and our write; the whole apply is retried. */
export class ConcurrentChangeError extends Error {}
export class ImportAbortedError extends Error {}

const CHUNK = 1000;
const LOOKUP_CHUNK = 10_000;
/** pg_advisory_xact_lock key: one roster apply at a time per database */
const IMPORT_LOCK = 7_244_810;
const WITHDRAW_REASON = 'roster: tobedeleted';

/** A school as stored: the same fields enrollment publishes. */
type SchoolRow = SchoolSnapshot;

type StudentRow = StudentState & { birthDate: string; openEntryDate: string | null };

interface EnrollmentHistory {
  schoolId: string;
  entryDate: string;
  exitDate: string | null;
}

function emptyCounts(): ImportEntityCounts {
  return { created: 0, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0, skipped: 0 };
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

function sameGrades(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

/** Rows of `sql` run once per chunk of `values` (passed as $1); for `= ANY($1)` lookups. */
async function lookup<T>(m: EntityManager, sql: string, values: string[], extra: unknown[] = []): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) out.push(...((await m.query(sql, [values.slice(i, i + LOOKUP_CHUNK), ...extra])) as T[]));
  return out;
}

/** A TypeORM UPDATE ... RETURNING answers [rows, count]. */
async function updated(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [, count] = (await m.query(sql, params)) as [unknown[], number];
  return count;
}

@Injectable()
export class RosterApplyService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
  ) {}

  async apply(bundle: CollectedBundle, opts: ApplyOptions): Promise<ApplyResult> {
    return this.uow.run((tx) => new ApplyRun(tx.manager, bundle, opts, new EventCollector(this.messaging.serviceName, opts.cause)).run());
  }
}

/** One apply, inside its transaction. */
class ApplyRun {
  private readonly today: string;
  private readonly schools = emptyCounts();
  private readonly students = { ...emptyCounts(), transferred: 0 };
  private readonly warnings: string[] = [];
  private rejected = 0;
  private applied = 0;
  private toApply = 0;

  // resolution: sourcedId → our id, for records that exist
  private readonly schoolIdOf = new Map<string, string>();
  private readonly studentIdOf = new Map<string, string>();
  private readonly schoolsById = new Map<string, SchoolRow>();
  private readonly studentsById = new Map<string, StudentRow>();
  private readonly mappedSchools = new Set<string>(); // sourcedIds already in roster_source_ids
  private readonly mappedStudents = new Set<string>();

  constructor(
    private readonly m: EntityManager,
    private readonly bundle: CollectedBundle,
    private readonly opts: ApplyOptions,
    private readonly events: EventCollector,
  ) {
    this.today = ymd(opts.today);
  }

  async run(): Promise<ApplyResult> {
    // the lock may wait for another import's apply: give this transaction's statements room
    await this.m.query(`SET LOCAL statement_timeout = '10min'`);
    await this.m.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);

    const orgsFile = this.bundle.files.orgs ?? 'orgs.csv';
    const usersFile = this.bundle.files.users ?? 'users.csv';
    await this.loadSchools();
    const { accepted: orgs, rejected: rejectedOrgs, rejections: orgConflicts } = this.resolveOrgs(orgsFile);
    await this.loadStudents();
    const { accepted: users, rejections: userConflicts } = this.resolveUsers(usersFile);

    const plan = buildImportPlan(
      {
        schools: orgs,
        students: users,
        enrollmentSchools: this.bundle.enrollmentSchools,
        birthDates: this.bundle.birthDates,
        files: this.bundle.files,
        rejectedSchools: rejectedOrgs,
      },
      { schools: { has: (id) => this.schoolIdOf.has(id) }, students: { has: (id) => this.studentIdOf.has(id) } },
      { today: this.opts.today },
    );
    const rejections = [...orgConflicts, ...userConflicts, ...plan.rejections];
    for (const r of rejections) (r.entity === 'school' ? this.schools : this.students).rejected++;
    this.schools.skipped += plan.counts.schools.skipped;
    this.students.skipped += plan.counts.students.skipped;
    await this.writeRejections(rejections);

    this.toApply = plan.schools.upserts.length + plan.students.upserts.length + plan.students.withdrawals.length;
    await this.applySchools(plan.schools.upserts);
    if (plan.schools.deletes.length) {
      this.schools.skipped += plan.schools.deletes.length;
      const shown = plan.schools.deletes.slice(0, 10).join(', ');
      this.warnings.push(
        `${plan.schools.deletes.length} school(s) are tobedeleted in ${orgsFile} (${shown}${plan.schools.deletes.length > 10 ? ', ...' : ''}): the import does not delete schools, ` +
          'which enrollment history and other departments refer to; their students are withdrawn only when users.csv says so',
      );
    }
    const work: ({ upsert: StudentUpsert } | { withdraw: string })[] = [
      ...plan.students.upserts.map((upsert) => ({ upsert })),
      ...plan.students.withdrawals.map((withdraw) => ({ withdraw })),
    ];
    for (let i = 0; i < work.length; i += CHUNK) {
      if (this.opts.aborted?.()) throw new ImportAbortedError('the service is stopping');
      await this.applyStudents(work.slice(i, i + CHUNK));
    }
    return { schools: this.schools, students: this.students, rejected: this.rejected, warnings: this.warnings };
  }

  // ---- resolution ----

  private async loadSchools(): Promise<void> {
    const rows: SchoolRow[] = await this.m.query('SELECT id, code, name, address, latitude, longitude, grades, capacity, version FROM schools');
    for (const r of rows) this.schoolsById.set(r.id, r);
    const mapped: { sourced_id: string; local_id: string }[] = await this.m.query(`SELECT sourced_id, local_id FROM roster_source_ids WHERE entity = 'school'`);
    for (const r of mapped) {
      if (!this.schoolsById.has(r.local_id)) continue; // a mapping to a school no longer on record: read as new
      this.schoolIdOf.set(r.sourced_id, r.local_id);
      this.mappedSchools.add(r.sourced_id);
    }
  }

  /** Matches orgs to schools (by sourcedId, else by code) and rejects rows that would write a school another row or school holds. */
  private resolveOrgs(file: string): { accepted: OrgRecord[]; rejected: Map<string, number>; rejections: PlanRejection[] } {
    const byCode = new Map([...this.schoolsById.values()].map((s) => [s.code, s]));
    const result = resolveClaims(this.bundle.orgs, {
      entity: 'school',
      file,
      idOf: this.schoolIdOf,
      ownerOf: (identifier) => byCode.get(identifier),
      keyName: 'code',
    });
    return { ...result, rejected: new Map(result.rejections.map((r) => [r.sourcedId!, r.line])) };
  }

  private async loadStudents(): Promise<void> {
    const sourcedIds = this.bundle.users.map((u) => u.sourcedId);
    const mapped = await lookup<{ sourced_id: string; local_id: string }>(
      this.m,
      `SELECT sourced_id, local_id FROM roster_source_ids WHERE entity = 'student' AND sourced_id = ANY($1::text[])`,
      sourcedIds,
    );
    const identifiers = [...new Set(this.bundle.users.map((u) => u.identifier).filter((x): x is string => !!x))];
    const byLocalId = await lookup<{ id: string; local_id: string }>(this.m, 'SELECT id, local_id FROM students WHERE local_id = ANY($1::text[])', identifiers);
    const ids = [...new Set([...mapped.map((r) => r.local_id), ...byLocalId.map((r) => r.id)])];
    const rows = await lookup<StudentRow>(
      this.m,
      `SELECT s.id, s.local_id AS "localId", s.first_name AS "firstName", s.last_name AS "lastName", s.birth_date::text AS "birthDate", s.grade,
              s.address, s.latitude, s.longitude, s.iep_transportation AS "iepTransportation", s.english_learner AS "englishLearner",
              s.mckinney_vento AS "mckinneyVento", s.sibling_ids AS "siblingIds", s.status, s.school_id AS "schoolId",
              s.enrollment_id AS "enrollmentId", s.version, e.entry_date::text AS "openEntryDate"
         FROM students s LEFT JOIN enrollments e ON e.id = s.enrollment_id AND e.exit_date IS NULL
        WHERE s.id = ANY($1::uuid[])`,
      ids,
    );
    for (const r of rows) this.studentsById.set(r.id, r);
    for (const r of mapped) {
      if (!this.studentsById.has(r.local_id)) continue;
      this.studentIdOf.set(r.sourced_id, r.local_id);
      this.mappedStudents.add(r.sourced_id);
    }
  }

  /** Matches users to students (by sourcedId, else by localId) and rejects rows that would write a student another row or student holds. */
  private resolveUsers(file: string): { accepted: StudentUserRecord[]; rejections: PlanRejection[] } {
    const byLocalId = new Map([...this.studentsById.values()].map((s) => [s.localId, s]));
    return resolveClaims(this.bundle.users, {
      entity: 'student',
      file,
      idOf: this.studentIdOf,
      ownerOf: (identifier) => byLocalId.get(identifier),
      keyName: 'local id',
    });
  }

  // ---- schools ----

  private async applySchools(upserts: SchoolUpsert[]): Promise<void> {
    const inserts: SchoolRow[] = [];
    const changes: { next: SchoolRow; oldVersion: number }[] = [];
    const mappings: [string, string][] = [];
    for (const u of upserts) {
      if (u.isNew) {
        const row: SchoolRow = {
          id: randomUUID(), code: u.code!, name: u.name, address: u.address!, latitude: u.latitude!, longitude: u.longitude!,
          grades: sortGrades(u.studentGrades), capacity: {}, version: 1,
        };
        inserts.push(row);
        this.schoolIdOf.set(u.sourcedId, row.id);
        mappings.push([u.sourcedId, row.id]);
        this.events.add(EnrollmentEvents.SchoolUpserted, { school: schoolSnapshot(row) });
        this.schools.created++;
        continue;
      }
      const cur = this.schoolsById.get(this.schoolIdOf.get(u.sourcedId)!)!;
      if (!this.mappedSchools.has(u.sourcedId)) mappings.push([u.sourcedId, cur.id]);
      const next: SchoolRow = {
        ...cur,
        code: u.code ?? cur.code,
        name: u.name || cur.name,
        address: u.address ?? cur.address,
        latitude: u.latitude ?? cur.latitude,
        longitude: u.longitude ?? cur.longitude,
        grades: sortGrades([...new Set([...cur.grades, ...u.studentGrades])]),
      };
      const same = next.code === cur.code && next.name === cur.name && next.address === cur.address && next.latitude === cur.latitude
        && next.longitude === cur.longitude && sameGrades(next.grades, cur.grades);
      if (same) {
        this.schools.unchanged++;
        continue;
      }
      next.version = cur.version + 1;
      changes.push({ next, oldVersion: cur.version });
      this.schoolsById.set(cur.id, next);
      this.events.add(EnrollmentEvents.SchoolUpserted, { school: schoolSnapshot(next) });
      this.schools.updated++;
    }
    for (let i = 0; i < inserts.length; i += CHUNK) {
      const rows = inserts.slice(i, i + CHUNK);
      await this.m.query(
        `INSERT INTO schools (id, code, name, address, latitude, longitude, grades, capacity, version)
         SELECT id, code, name, address, latitude, longitude, string_to_array(grades, ','), '{}'::jsonb, 1
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[]) AS t(id, code, name, address, latitude, longitude, grades)`,
        [rows.map((r) => r.id), rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.address), rows.map((r) => r.latitude),
          rows.map((r) => r.longitude), rows.map((r) => r.grades.join(','))],
      );
    }
    for (let i = 0; i < changes.length; i += CHUNK) {
      const rows = changes.slice(i, i + CHUNK);
      const n = await updated(
        this.m,
        `UPDATE schools s SET code = t.code, name = t.name, address = t.address, latitude = t.latitude, longitude = t.longitude,
                grades = string_to_array(t.grades, ','), version = s.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[])
                AS t(id, old_version, code, name, address, latitude, longitude, grades)
          WHERE s.id = t.id AND s.version = t.old_version RETURNING s.id`,
        [rows.map((r) => r.next.id), rows.map((r) => r.oldVersion), rows.map((r) => r.next.code), rows.map((r) => r.next.name), rows.map((r) => r.next.address),
          rows.map((r) => r.next.latitude), rows.map((r) => r.next.longitude), rows.map((r) => r.next.grades.join(','))],
      );
      if (n !== rows.length) throw new ConcurrentChangeError('a school changed while the import was being applied');
    }
    await this.writeMappings('school', mappings);
    await writeOutbox(this.m, this.events.drain());
    await this.progress(upserts.length);
  }

  // ---- students ----

  private async applyStudents(work: ({ upsert: StudentUpsert } | { withdraw: string })[]): Promise<void> {
    const m = this.m;
    const inserts: StudentState[] = [];
    const changes: { next: StudentState & { birthDate: string }; oldVersion: number }[] = [];
    const closes: { id: string; exitDate: string; reason: string }[] = [];
    const opens: { id: string; studentId: string; schoolId: string; grade: string; entryDate: string }[] = [];
    const mappings: [string, string][] = [];
    const counts: CountChange[] = [];
    const rejections: PlanRejection[] = [];

    // enrollment history, for the students that get a new enrollment
    const needsHistory = work.flatMap((w) => {
      if (!('upsert' in w) || w.upsert.isNew) return [];
      const cur = this.studentsById.get(this.studentIdOf.get(w.upsert.sourcedId)!)!;
      const enrolled = cur.status === 'enrolled' && cur.openEntryDate !== null;
      return enrolled && cur.schoolId === this.schoolIdOf.get(w.upsert.schoolSourcedId) ? [] : [cur.id];
    });
    const history = new Map<string, EnrollmentHistory[]>();
    if (needsHistory.length) {
      const rows: (EnrollmentHistory & { studentId: string })[] = await m.query(
        `SELECT student_id AS "studentId", school_id AS "schoolId", entry_date::text AS "entryDate", exit_date::text AS "exitDate"
           FROM enrollments WHERE student_id = ANY($1::uuid[])`,
        [needsHistory],
      );
      for (const r of rows) {
        const list = history.get(r.studentId);
        if (list) list.push(r);
        else history.set(r.studentId, [r]);
      }
    }

    for (const w of work) {
      if ('withdraw' in w) {
        const cur = this.studentsById.get(this.studentIdOf.get(w.withdraw)!)!;
        if (cur.status !== 'enrolled' || !cur.enrollmentId || cur.openEntryDate === null) {
          this.students.unchanged++; // not enrolled: nothing to withdraw
          continue;
        }
        const exitDate = maxDate(this.today, cur.openEntryDate);
        const next = { ...cur, status: 'withdrawn' as const, schoolId: null, enrollmentId: null, version: cur.version + 1 };
        closes.push({ id: cur.enrollmentId, exitDate, reason: WITHDRAW_REASON });
        changes.push({ next, oldVersion: cur.version });
        counts.push({ schoolId: cur.schoolId!, grade: cur.grade as Grade, delta: -1 });
        this.events.add(EnrollmentEvents.StudentWithdrawn, { student: studentSnapshot(next), schoolId: cur.schoolId!, exitDate, exitReason: WITHDRAW_REASON });
        this.studentsById.set(cur.id, { ...next, openEntryDate: null });
        this.students.withdrawn++;
        continue;
      }

      const u = w.upsert;
      const schoolId = this.schoolIdOf.get(u.schoolSourcedId)!;
      const begin = this.bundle.beginDates.get(beginDateKey(u.sourcedId, u.schoolSourcedId));
      if (u.isNew) {
        const id = randomUUID();
        const enrollmentId = randomUUID();
        const entryDate = begin ?? this.today;
        const row: StudentState & { birthDate: string } = {
          id, localId: u.localId!, firstName: u.firstName, lastName: u.lastName, birthDate: u.birthDate!, grade: u.grade, address: u.address!,
          latitude: u.latitude!, longitude: u.longitude!, iepTransportation: false, englishLearner: false, mckinneyVento: false, siblingIds: [],
          status: 'enrolled', schoolId, enrollmentId, version: 2,
        };
        inserts.push(row);
        opens.push({ id: enrollmentId, studentId: id, schoolId, grade: u.grade, entryDate });
        mappings.push([u.sourcedId, id]);
        counts.push({ schoolId, grade: u.grade, delta: 1 });
        this.events.add(EnrollmentEvents.StudentEnrolled, { student: studentSnapshot(row), enrollmentId, schoolId, entryDate });
        this.students.created++;
        continue;
      }

      const cur = this.studentsById.get(this.studentIdOf.get(u.sourcedId)!)!;
      const enrolled = cur.status === 'enrolled' && cur.enrollmentId !== null && cur.openEntryDate !== null;
      const moves = !enrolled || cur.schoolId !== schoolId;
      let entryDate = '';
      if (moves) {
        const past = history.get(cur.id) ?? [];
        entryDate = begin ?? this.today;
        const floor = past.reduce((f, h) => maxDate(maxDate(f, h.entryDate), h.exitDate ?? ''), '');
        if (entryDate < floor) entryDate = maxDate(this.today, floor);
        if (past.some((h) => h.schoolId === schoolId && h.entryDate === entryDate)) {
          rejections.push({
            entity: 'student', file: this.bundle.files.users ?? 'users.csv', line: this.lineOf(u.sourcedId), sourcedId: u.sourcedId,
            reason: `an enrollment of this student at this school beginning ${entryDate} is on record already; give the new enrollment a later beginDate`,
          });
          this.students.rejected++;
          continue;
        }
      }
      if (!this.mappedStudents.has(u.sourcedId)) mappings.push([u.sourcedId, cur.id]);

      // 1. the fields, as PATCH /api/students/:id would change them
      const fields = {
        ...cur,
        localId: u.localId ?? cur.localId,
        firstName: u.firstName,
        lastName: u.lastName,
        grade: u.grade,
        birthDate: u.birthDate ?? cur.birthDate,
        address: u.address ?? cur.address,
        latitude: u.latitude ?? cur.latitude,
        longitude: u.longitude ?? cur.longitude,
      };
      const changed = changedFields(cur, fields);
      const fieldsChanged = changed.length > 0 || fields.localId !== cur.localId || fields.birthDate !== cur.birthDate;
      if (fieldsChanged) {
        fields.version = cur.version + 1;
        if (changed.length && enrolled) this.events.add(EnrollmentEvents.StudentUpdated, { student: studentSnapshot(fields), changed });
      }
      if (!fieldsChanged && !moves) {
        this.students.unchanged++;
        continue;
      }

      // 2. the school: transfer, or (re-)enrolment
      let next = fields;
      if (moves) {
        const enrollmentId = randomUUID();
        next = { ...fields, status: 'enrolled', schoolId, enrollmentId, version: fields.version + 1 };
        opens.push({ id: enrollmentId, studentId: cur.id, schoolId, grade: u.grade, entryDate });
        if (enrolled) {
          closes.push({ id: cur.enrollmentId!, exitDate: entryDate, reason: 'transfer' });
          this.events.add(EnrollmentEvents.StudentTransferred, {
            student: studentSnapshot(next), fromSchoolId: cur.schoolId!, toSchoolId: schoolId, enrollmentId, entryDate,
          });
          this.students.transferred++;
        } else {
          this.events.add(EnrollmentEvents.StudentEnrolled, { student: studentSnapshot(next), enrollmentId, schoolId, entryDate });
        }
      }
      if (enrolled && (cur.schoolId !== next.schoolId || cur.grade !== next.grade)) counts.push({ schoolId: cur.schoolId!, grade: cur.grade as Grade, delta: -1 });
      if (moves || cur.grade !== next.grade) counts.push({ schoolId, grade: next.grade as Grade, delta: 1 });
      changes.push({ next, oldVersion: cur.version });
      this.studentsById.set(cur.id, { ...next, openEntryDate: moves ? entryDate : cur.openEntryDate });
      this.students.updated++;
    }

    if (inserts.length) {
      await m.query(
        `INSERT INTO students (id, local_id, first_name, last_name, birth_date, grade, address, latitude, longitude, status, school_id, enrollment_id, version)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::float8[], $9::float8[],
                              $10::text[], $11::uuid[], $12::uuid[], $13::int[])`,
        [
          inserts.map((s) => s.id), inserts.map((s) => s.localId), inserts.map((s) => s.firstName), inserts.map((s) => s.lastName),
          inserts.map((s) => s.birthDate), inserts.map((s) => s.grade), inserts.map((s) => s.address), inserts.map((s) => s.latitude),
          inserts.map((s) => s.longitude), inserts.map((s) => s.status), inserts.map((s) => s.schoolId), inserts.map((s) => s.enrollmentId),
          inserts.map((s) => s.version),
        ],
      );
    }
    if (changes.length) {
      const rows = changes.map((c) => c.next);
      const n = await updated(
        m,
        `UPDATE students s SET local_id = t.local_id, first_name = t.first_name, last_name = t.last_name, birth_date = t.birth_date, grade = t.grade,
                address = t.address, latitude = t.latitude, longitude = t.longitude, status = t.status, school_id = t.school_id,
                enrollment_id = t.enrollment_id, version = t.version, updated_at = now()
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::float8[], $10::float8[],
                       $11::text[], $12::uuid[], $13::uuid[], $14::int[])
                AS t(id, old_version, local_id, first_name, last_name, birth_date, grade, address, latitude, longitude, status, school_id, enrollment_id, version)
          WHERE s.id = t.id AND s.version = t.old_version RETURNING s.id`,
        [
          rows.map((s) => s.id), changes.map((c) => c.oldVersion), rows.map((s) => s.localId), rows.map((s) => s.firstName), rows.map((s) => s.lastName),
          rows.map((s) => s.birthDate), rows.map((s) => s.grade), rows.map((s) => s.address), rows.map((s) => s.latitude), rows.map((s) => s.longitude),
          rows.map((s) => s.status), rows.map((s) => s.schoolId), rows.map((s) => s.enrollmentId), rows.map((s) => s.version),
        ],
      );
      if (n !== rows.length) throw new ConcurrentChangeError('a student changed while the import was being applied');
    }
    if (closes.length) {
      const n = await updated(
        m,
        `UPDATE enrollments e SET exit_date = t.exit_date, exit_reason = t.reason
           FROM unnest($1::uuid[], $2::date[], $3::text[]) AS t(id, exit_date, reason)
          WHERE e.id = t.id AND e.exit_date IS NULL RETURNING e.id`,
        [closes.map((c) => c.id), closes.map((c) => c.exitDate), closes.map((c) => c.reason)],
      );
      if (n !== closes.length) throw new ConcurrentChangeError('an enrollment closed while the import was being applied');
    }
    if (opens.length) {
      await m.query(
        `INSERT INTO enrollments (id, student_id, school_id, grade, entry_date)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[])`,
        [opens.map((o) => o.id), opens.map((o) => o.studentId), opens.map((o) => o.schoolId), opens.map((o) => o.grade), opens.map((o) => o.entryDate)],
      );
    }
    await this.writeMappings('student', mappings);
    await applyCountChanges(m, counts);
    await this.writeRejections(rejections);
    await writeOutbox(m, this.events.drain());
    await this.progress(work.length);
  }

  private lineOfUser?: Map<string, number>;

  private lineOf(userSourcedId: string): number {
    this.lineOfUser ??= new Map(this.bundle.users.map((u) => [u.sourcedId, u.line]));
    return this.lineOfUser.get(userSourcedId) ?? 0;
  }

  // ---- shared writes ----

  private async writeMappings(entity: 'school' | 'student', rows: [string, string][]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await this.m.query(
        `INSERT INTO roster_source_ids (entity, sourced_id, local_id) SELECT $1::text, s, l FROM unnest($2::text[], $3::uuid[]) AS t(s, l)
         ON CONFLICT (entity, sourced_id) DO UPDATE SET local_id = EXCLUDED.local_id`,
        [entity, chunk.map((r) => r[0]), chunk.map((r) => r[1])],
      );
    }
  }

  private async writeRejections(rows: PlanRejection[]): Promise<void> {
    await insertRejections(this.m, this.opts.jobId, rows);
    this.rejected += rows.length;
  }

  private async progress(done: number): Promise<void> {
    this.applied += done;
    await this.opts.onProgress?.(this.applied, this.toApply);
  }
}

/** Multi-row insert of rejected rows, in chunks. */
export async function insertRejections(
  m: Pick<EntityManager, 'query'>,
  jobId: string,
  rows: readonly { file: string; line: number; sourcedId?: string; reason: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO import_rejections (job_id, file, line, sourced_id, reason)
       SELECT $1::uuid, f, l, s, r FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS t(f, l, s, r)`,
      [jobId, chunk.map((r) => r.file), chunk.map((r) => r.line), chunk.map((r) => r.sourcedId ?? null), chunk.map((r) => r.reason)],
    );
  }
}

interface Claimable {
  sourcedId: string;
  status: string;
  identifier?: string;
  line: number;
}

/**
 * Matches roster rows to our records, by sourcedId (`idOf`, extended here with the matches made) else by
 * identifier (`ownerOf`), and rejects a row that would write a record another row already writes, that
 * reuses another active row's identifier, or whose identifier belongs to a different record on file.
 */
function resolveClaims<R extends Claimable>(
  rows: readonly R[],
  opts: { entity: PlanRejection['entity']; file: string; idOf: Map<string, string>; ownerOf: (identifier: string) => { id: string; name?: string } | undefined; keyName: string },
): { accepted: R[]; rejections: PlanRejection[] } {
  const noun = opts.entity;
  const claimedRecord = new Map<string, R>();
  const claimedKey = new Map<string, R>();
  const accepted: R[] = [];
  const rejections: PlanRejection[] = [];
  for (const row of rows) {
    const active = row.status === 'active';
    const owner = row.identifier ? opts.ownerOf(row.identifier) : undefined;
    const target = opts.idOf.get(row.sourcedId) ?? owner?.id;
    const sameRecord = target ? claimedRecord.get(target) : undefined;
    const sameKey = active && row.identifier ? claimedKey.get(row.identifier) : undefined;
    const problem = sameRecord
      ? `it is the same ${noun} as ${sameRecord.sourcedId} (line ${sameRecord.line})`
      : sameKey
        ? `identifier ${JSON.stringify(row.identifier)} is also used by ${sameKey.sourcedId} (line ${sameKey.line})`
        : active && owner && owner.id !== target
          ? `identifier ${JSON.stringify(row.identifier)} is the ${opts.keyName} of another ${noun} on record${owner.name ? ` (${owner.name})` : ''}`
          : undefined;
    if (problem) {
      rejections.push({ entity: opts.entity, file: opts.file, line: row.line, sourcedId: row.sourcedId, reason: problem });
      continue;
    }
    if (target) {
      opts.idOf.set(row.sourcedId, target);
      claimedRecord.set(target, row);
    }
    if (active && row.identifier) claimedKey.set(row.identifier, row);
    accepted.push(row);
  }
  return { accepted, rejections };
}
