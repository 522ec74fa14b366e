import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { haversineMiles, RunSession, StopAssignmentSnapshot, StopUnassignReason, TransportationEvents } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { assertSchoolScope, AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { TransportationClock } from '../common/district-clock';
import { returned } from '../common/returning';
import { monthOf, monthStart } from '../common/domain/dates';
import { TRANSPORTATION_SETTINGS, TransportationSettings } from '../common/settings';
import { Placement, placeStudents, PlacementRun, Unplaced } from './domain/place-students';
import { CurrentAssignment, reviewAssignments } from './domain/review-assignments';
import { AutoAssignResult, StopAssignmentQuery, StopAssignmentView } from './dto/stop-assignment.dto';

type RunRow = PlacementRun & { schoolId: string };
type NeedRow = { id: string; schoolId: string; latitude: number; longitude: number; sessions: RunSession[] };

const DEADLOCK = ['40P01', '40001'];

/**
 * Stop assignment (DOMAIN.md section 2): eligible students to the nearest stop of a run serving their school,
 * within the walk limit, never past the vehicle's seats. Set-based: a school's runs, stops and students are
 * read in a few queries, placed in memory by the pure domain, and written in one multi-row statement.
 * Every change publishes stop.assigned / stop.unassigned through the outbox.
 */
@Injectable()
export class StopAssignmentsService {
  private readonly audit = new Logger('StudentRecordAccess');

  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: TransportationClock,
    @Inject(TRANSPORTATION_SETTINGS) private readonly settings: TransportationSettings,
  ) {}

  // ------------------------------------------------------------------ use cases

  /** POST /api/stop-assignments/auto: every eligible student without a stop, at one school or every school in scope. */
  async auto(user: AuthUser, schoolId: string | undefined, asOf = this.clock.today()): Promise<AutoAssignResult> {
    const scoped = scopedSchoolIds(user, schoolId);
    const result = await this.retryOnDeadlock(() =>
      this.uow.run(async (tx) => {
        const schools: string[] = (await tx.manager.query('SELECT id FROM schools WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])', [scoped ?? null])).map((r: { id: string }) => r.id);
        if (schoolId && !schools.length) throw new ProblemException(404, 'no such school');
        const placed = await this.placeAtSchools(tx, schools, null);
        await this.recordCoverage(tx, schools, asOf);
        return placed;
      }),
    );
    const ids = [...new Set(result.unplaced.map((u) => u.studentId))];
    const people: { id: string; localId: string; firstName: string; lastName: string; schoolId: string }[] = ids.length
      ? await this.ds.query('SELECT id, local_id AS "localId", first_name AS "firstName", last_name AS "lastName", school_id AS "schoolId" FROM students WHERE id = ANY($1::uuid[])', [ids])
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const unplacedByReason: Record<string, number> = {};
    for (const u of result.unplaced) unplacedByReason[u.reason] = (unplacedByReason[u.reason] ?? 0) + 1;
    if (ids.length) this.audit.log({ audit: 'stop-assignment-unplaced-read', user: user.sub, studentIds: ids.length });
    return {
      assigned: result.placed.length,
      unplacedStudents: ids.length,
      unplacedByReason,
      unplaced: result.unplaced.map((u) => {
        const p = byId.get(u.studentId)!;
        return { studentId: u.studentId, localId: p.localId, firstName: p.firstName, lastName: p.lastName, schoolId: p.schoolId, session: u.session, reason: u.reason };
      }),
    };
  }

  /** PUT /api/stop-assignments/:studentId: a dispatcher places a student at a chosen stop (replacing that session's stop). */
  async assign(user: AuthUser, studentId: string, stopId: string): Promise<StopAssignmentSnapshot> {
    return this.uow.run(async (tx) => {
      const [student] = await tx.manager.query(
        `SELECT s.latitude, s.longitude, s.status, s.school_id AS "schoolId", e.status AS eligibility, e.school_id AS "eligibleSchoolId"
         FROM students s LEFT JOIN eligibility e ON e.student_id = s.id WHERE s.id = $1`,
        [studentId],
      );
      if (!student) throw new ProblemException(404, 'no such student');
      assertSchoolScope(user, student.schoolId);
      const [stop] = await tx.manager.query(
        `SELECT st.latitude, st.longitude, r.id AS "runId", r.session, r.school_id AS "schoolId", r.active, v.capacity
         FROM stops st JOIN runs r ON r.id = st.run_id JOIN vehicles v ON v.id = r.vehicle_id WHERE st.id = $1 FOR UPDATE OF r`,
        [stopId],
      );
      const unprocessable = (message: string) => new ProblemException(422, message, { errors: [{ field: 'stopId', message }] });
      if (!stop) throw unprocessable('no such stop');
      if (student.status !== 'enrolled' || student.eligibility !== 'yellow-bus' || student.eligibleSchoolId !== student.schoolId) {
        throw new ProblemException(422, 'the student is not eligible for a yellow bus at their school');
      }
      if (stop.schoolId !== student.schoolId) throw unprocessable("the stop's run does not serve the student's school");
      if (!stop.active) throw unprocessable("the stop's run is not active");
      const d = haversineMiles(student.latitude, student.longitude, stop.latitude, stop.longitude);
      if (d > this.settings.walkToStopMiles) throw unprocessable(`the stop is ${d.toFixed(2)} miles from home, beyond the ${this.settings.walkToStopMiles} mile walk limit`);
      const [current] = await tx.manager.query('SELECT stop_id AS "stopId" FROM stop_assignments WHERE student_id = $1 AND session = $2', [studentId, stop.session]);
      if (current?.stopId === stopId) return (await this.snapshots(tx, [{ studentId, session: stop.session }]))[0];
      const [{ n }] = await tx.manager.query('SELECT count(*)::int AS n FROM stop_assignments WHERE run_id = $1 AND student_id <> $2', [stop.runId, studentId]);
      if (n >= stop.capacity) throw new ProblemException(409, `the run is full (${stop.capacity} seats)`);
      if (current) await this.unassign(tx, [{ studentId, session: stop.session, reason: 'reassigned' }]);
      const [snap] = await this.insertPlacements(tx, [{ studentId, session: stop.session, runId: stop.runId, stopId, distanceMiles: Math.round(d * 1000) / 1000, schoolId: stop.schoolId }]);
      await this.recordCoverage(tx, [stop.schoolId], this.clock.today());
      this.audit.log({ audit: 'stop-assignment-write', user: user.sub, studentIds: [studentId] });
      return snap;
    });
  }

  /** DELETE /api/stop-assignments/:studentId/:session */
  async remove(user: AuthUser, studentId: string, session: RunSession): Promise<void> {
    await this.uow.run(async (tx) => {
      const [row] = await tx.manager.query('SELECT school_id AS "schoolId" FROM stop_assignments WHERE student_id = $1 AND session = $2 FOR UPDATE', [studentId, session]);
      if (!row) throw new ProblemException(404, 'the student has no stop for that session');
      assertSchoolScope(user, row.schoolId);
      await this.unassign(tx, [{ studentId, session, reason: 'manual' }]);
      await this.recordCoverage(tx, [row.schoolId], this.clock.today());
      this.audit.log({ audit: 'stop-assignment-write', user: user.sub, studentIds: [studentId] });
    });
  }

  async list(q: StopAssignmentQuery, user: AuthUser): Promise<Page<StopAssignmentView>> {
    const schools = scopedSchoolIds(user, q.schoolId);
    const where: string[] = [];
    const params: unknown[] = [];
    if (schools) where.push(`a.school_id = ANY($${params.push(schools)}::uuid[])`);
    if (q.runId) where.push(`a.run_id = $${params.push(q.runId)}`);
    if (q.session) where.push(`a.session = $${params.push(q.session)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM stop_assignments a ${clause}`, params);
    const items: StopAssignmentView[] = await this.ds.query(
      `SELECT a.student_id AS "studentId", s.local_id AS "localId", s.first_name AS "firstName", s.last_name AS "lastName", s.grade,
              a.school_id AS "schoolId", a.session, a.run_id AS "runId", r.code AS "runCode", a.stop_id AS "stopId", st.name AS "stopName",
              to_char(st.scheduled_time, 'HH24:MI') AS "scheduledTime", a.distance_miles AS "distanceMiles", a.assigned_at AS "assignedAt"
       FROM stop_assignments a JOIN students s ON s.id = a.student_id JOIN runs r ON r.id = a.run_id JOIN stops st ON st.id = a.stop_id ${clause}
       ORDER BY r.code, st.sequence, s.last_name, s.first_name, a.student_id LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`,
      params,
    );
    if (items.length) this.audit.log({ audit: 'stop-assignment-read', user: user.sub, studentIds: items.map((i) => i.studentId) });
    return { items, total };
  }

  // ------------------------------------------------------------------ building blocks (inside a caller's transaction)

  /**
   * After a student's snapshot or eligibility changed (enrollment's events), or their stop or run did: removes
   * the stops that no longer fit (withdrawn, transferred, not eligible, beyond the walk limit, run inactive)
   * and proposes stops for the sessions they then need, at once, in the caller's transaction.
   */
  async reconcile(tx: Tx, studentIds: string[], asOf = this.clock.today()): Promise<void> {
    if (!studentIds.length) return;
    const rows: {
      studentId: string; latitude: number; longitude: number; status: string; schoolId: string | null; eligibility: string | null; eligibleSchoolId: string | null;
      assignments: (CurrentAssignment & { schoolId: string })[];
    }[] = await tx.manager.query(
      `SELECT s.id AS "studentId", s.latitude, s.longitude, s.status, s.school_id AS "schoolId", e.status AS eligibility, e.school_id AS "eligibleSchoolId",
              coalesce(json_agg(json_build_object('session', a.session, 'schoolId', a.school_id, 'runActive', r.active, 'latitude', st.latitude, 'longitude', st.longitude))
                FILTER (WHERE a.student_id IS NOT NULL), '[]') AS assignments
       FROM students s LEFT JOIN eligibility e ON e.student_id = s.id
       LEFT JOIN stop_assignments a ON a.student_id = s.id LEFT JOIN stops st ON st.id = a.stop_id LEFT JOIN runs r ON r.id = a.run_id
       WHERE s.id = ANY($1::uuid[]) GROUP BY s.id, e.student_id`,
      [studentIds],
    );
    const removals: { studentId: string; session: RunSession; reason: StopUnassignReason }[] = [];
    const touched = new Set<string>();
    const needing = new Map<string, string[]>(); // school → students
    for (const r of rows) {
      const review = reviewAssignments({ ...r, enrolled: r.status === 'enrolled' }, r.assignments, this.settings.walkToStopMiles);
      for (const x of review.remove) removals.push({ studentId: r.studentId, ...x });
      for (const a of r.assignments) touched.add(a.schoolId);
      if (r.schoolId) touched.add(r.schoolId);
      if (review.needs.length && r.schoolId) needing.set(r.schoolId, [...(needing.get(r.schoolId) ?? []), r.studentId]);
    }
    await this.unassign(tx, removals);
    for (const [schoolId, students] of needing) await this.placeAtSchools(tx, [schoolId], students);
    await this.recordCoverage(tx, [...touched], asOf);
  }

  /**
   * Places the eligible students of these schools who lack a stop (all of them, or only `onlyStudents`).
   * Locks the schools' runs first, so concurrent placements cannot overfill a vehicle.
   */
  async placeAtSchools(tx: Tx, schoolIds: string[], onlyStudents: string[] | null): Promise<{ placed: StopAssignmentSnapshot[]; unplaced: Unplaced[] }> {
    if (!schoolIds.length) return { placed: [], unplaced: [] };
    const locked = await tx.manager.query('SELECT id FROM runs WHERE school_id = ANY($1::uuid[]) AND active ORDER BY id FOR UPDATE', [schoolIds]);
    if (!locked.length && onlyStudents) return { placed: [], unplaced: [] }; // nothing to propose; the auto endpoint still reports why
    const runs: RunRow[] = locked.length
      ? await tx.manager.query(
          `SELECT r.id, r.school_id AS "schoolId", r.session, v.capacity, (SELECT count(*)::int FROM stop_assignments a WHERE a.run_id = r.id) AS assigned,
                  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'latitude', s.latitude, 'longitude', s.longitude) ORDER BY s.sequence), '[]') FROM stops s WHERE s.run_id = r.id) AS stops
           FROM runs r JOIN vehicles v ON v.id = r.vehicle_id WHERE r.school_id = ANY($1::uuid[]) AND r.active`,
          [schoolIds],
        )
      : [];
    const needing: NeedRow[] = await tx.manager.query(
      `SELECT * FROM (
         SELECT e.student_id AS id, e.school_id AS "schoolId", s.latitude, s.longitude,
                ARRAY(SELECT x FROM unnest(ARRAY['AM', 'PM']) x WHERE NOT EXISTS (SELECT 1 FROM stop_assignments a WHERE a.student_id = e.student_id AND a.session = x)) AS sessions
         FROM eligibility e JOIN students s ON s.id = e.student_id
         WHERE e.status = 'yellow-bus' AND e.school_id = ANY($1::uuid[]) AND s.status = 'enrolled' AND s.school_id = e.school_id
           AND ($2::uuid[] IS NULL OR e.student_id = ANY($2::uuid[]))) t
       WHERE cardinality(sessions) > 0`,
      [schoolIds, onlyStudents],
    );
    const runsBySchool = groupBy(runs, (r) => r.schoolId);
    const placements: (Placement & { schoolId: string })[] = [];
    const unplaced: Unplaced[] = [];
    for (const [schoolId, students] of groupBy(needing, (s) => s.schoolId)) {
      const result = placeStudents(students, runsBySchool.get(schoolId) ?? [], this.settings.walkToStopMiles);
      for (const p of result.placements) placements.push({ ...p, schoolId });
      unplaced.push(...result.unplaced);
    }
    return { placed: await this.insertPlacements(tx, placements), unplaced };
  }

  /** Removes these (student, session) stops and publishes stop.unassigned for each. */
  async unassign(tx: Tx, rows: { studentId: string; session: RunSession; reason: StopUnassignReason }[]): Promise<void> {
    if (!rows.length) return;
    const removed = returned<{ studentId: string; session: RunSession; runId: string; stopId: string; schoolId: string; reason: StopUnassignReason; version: string }>(await tx.manager.query(
      `DELETE FROM stop_assignments a USING unnest($1::uuid[], $2::text[], $3::text[]) AS t(student_id, session, reason)
       WHERE a.student_id = t.student_id AND a.session = t.session
       RETURNING a.student_id AS "studentId", a.session, a.run_id AS "runId", a.stop_id AS "stopId", a.school_id AS "schoolId", t.reason, nextval('stop_assignment_version') AS version`,
      [rows.map((r) => r.studentId), rows.map((r) => r.session), rows.map((r) => r.reason)],
    ));
    const at = new Date().toISOString();
    for (const r of removed) tx.publish(TransportationEvents.StopUnassigned, { ...r, unassignedAt: at, version: Number(r.version) });
  }

  /** Students assigned to these stops (for a caller about to remove or move them). */
  async studentsAtStops(tx: Tx, stopIds: string[]): Promise<{ studentId: string; session: RunSession }[]> {
    if (!stopIds.length) return [];
    return tx.manager.query('SELECT student_id AS "studentId", session FROM stop_assignments WHERE stop_id = ANY($1::uuid[])', [stopIds]);
  }

  /**
   * Eligible and assigned students of these schools now, as the snapshot of the month of `asOf`: "eligible
   * without a stop" for a past month is its last snapshot (ADR 12).
   */
  async recordCoverage(tx: Tx, schoolIds: string[], asOf: string): Promise<void> {
    if (!schoolIds.length) return;
    await tx.manager.query(
      `INSERT INTO coverage_snapshots (school_id, month, eligible, riders, recorded_at)
       SELECT sc.id, $2::date,
              (SELECT count(*) FROM eligibility e WHERE e.school_id = sc.id AND e.status = 'yellow-bus'),
              (SELECT count(DISTINCT a.student_id) FROM stop_assignments a WHERE a.school_id = sc.id), now()
       FROM schools sc WHERE sc.id = ANY($1::uuid[])
       ON CONFLICT (school_id, month) DO UPDATE SET eligible = EXCLUDED.eligible, riders = EXCLUDED.riders, recorded_at = EXCLUDED.recorded_at`,
      [schoolIds, monthStart(monthOf(asOf))],
    );
  }

  private async insertPlacements(tx: Tx, placements: (Placement & { schoolId: string })[]): Promise<StopAssignmentSnapshot[]> {
    if (!placements.length) return [];
    const rows: (StopAssignmentSnapshot & { version: string })[] = await tx.manager.query(
      `WITH ins AS (
         INSERT INTO stop_assignments (student_id, session, stop_id, run_id, school_id, distance_miles, version)
         SELECT t.student_id, t.session, t.stop_id, t.run_id, t.school_id, t.d, nextval('stop_assignment_version')
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::float8[]) AS t(student_id, session, stop_id, run_id, school_id, d)
         RETURNING *)
       ${SNAPSHOT_SELECT('ins')}`,
      [placements.map((p) => p.studentId), placements.map((p) => p.session), placements.map((p) => p.stopId), placements.map((p) => p.runId), placements.map((p) => p.schoolId), placements.map((p) => p.distanceMiles)],
    );
    return rows.map(({ version, ...assignment }) => {
      tx.publish(TransportationEvents.StopAssigned, { assignment, version: Number(version) });
      return assignment;
    });
  }

  private async snapshots(tx: Tx, keys: { studentId: string; session: RunSession }[]): Promise<StopAssignmentSnapshot[]> {
    const rows: (StopAssignmentSnapshot & { version: string })[] = await tx.manager.query(
      `WITH ins AS (SELECT a.* FROM stop_assignments a JOIN unnest($1::uuid[], $2::text[]) AS k(student_id, session) ON a.student_id = k.student_id AND a.session = k.session)
       ${SNAPSHOT_SELECT('ins')}`,
      [keys.map((k) => k.studentId), keys.map((k) => k.session)],
    );
    return rows.map(({ version: _v, ...a }) => a);
  }

  private async retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (attempt >= 3 || !DEADLOCK.includes((err as { code?: string }).code ?? '')) throw err;
      }
    }
  }
}

const SNAPSHOT_SELECT = (source: string) => `
  SELECT ${source}.student_id AS "studentId", ${source}.school_id AS "schoolId", ${source}.session, ${source}.run_id AS "runId", r.code AS "runCode",
         ${source}.stop_id AS "stopId", st.name AS "stopName", to_char(st.scheduled_time, 'HH24:MI') AS "scheduledTime",
         ${source}.distance_miles AS "distanceMiles", to_char(${source}.assigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "assignedAt", ${source}.version
  FROM ${source} JOIN runs r ON r.id = ${source}.run_id JOIN stops st ON st.id = ${source}.stop_id`;

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
