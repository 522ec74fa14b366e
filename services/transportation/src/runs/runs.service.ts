import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RunSession } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { assertSchoolScope, AuthUser, Page, ProblemException } from '@district/service-kit';
import { StopAssignmentsService } from '../assignments/stop-assignments.service';
import { CancellationsService } from '../closures/cancellations.service';
import { TransportationClock } from '../common/district-clock';
import { CreateRunDto, ReplaceStopsDto, RunPage, RunQuery, RunView, SchoolRunQuery, StopInput, StopView, UpdateRunDto } from './dto/run.dto';
import { scheduleProblems } from './domain/run-schedule';

const VIEW = `SELECT r.id, r.code, r.route_id AS "routeId", rt.code AS "routeCode", r.school_id AS "schoolId", sc.name AS "schoolName", r.session,
  to_char(r.bell_time, 'HH24:MI') AS "bellTime", to_char(r.scheduled_arrival, 'HH24:MI') AS "scheduledArrival",
  r.vehicle_id AS "vehicleId", v.number AS "vehicleNumber", v.capacity AS seats, r.active,
  (SELECT count(*)::int FROM stop_assignments a WHERE a.run_id = r.id) AS riders, (SELECT count(*)::int FROM stops s WHERE s.run_id = r.id) AS "stopCount"
  FROM runs r JOIN routes rt ON rt.id = r.route_id JOIN schools sc ON sc.id = r.school_id JOIN vehicles v ON v.id = r.vehicle_id`;

const unprocessable = (field: string, message: string) => new ProblemException(422, message, { errors: [{ field, message }] });

/** Runs (one school, AM or PM, a vehicle, a timetable) and their ordered stops (DOMAIN.md section 2). */
@Injectable()
export class RunsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly assignments: StopAssignmentsService,
    private readonly cancellations: CancellationsService,
    private readonly clock: TransportationClock,
  ) {}

  create(dto: CreateRunDto): Promise<RunView> {
    const stops = dto.stops ?? [];
    if (stops.some((s) => s.id)) throw unprocessable('stops', 'a new run has no existing stops: leave out their ids');
    this.checkSchedule({ session: dto.session, bellTime: dto.bellTime, scheduledArrival: dto.scheduledArrival, stops });
    return this.uow.run(async (tx) => {
      await this.checkRefs(tx.manager, { routeId: dto.routeId, schoolId: dto.schoolId, vehicleId: dto.vehicleId });
      const [{ id }] = await tx.manager.query(
        `INSERT INTO runs (code, route_id, school_id, session, bell_time, scheduled_arrival, vehicle_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [dto.code, dto.routeId, dto.schoolId, dto.session, dto.bellTime, dto.scheduledArrival, dto.vehicleId],
      );
      await this.insertStops(tx, id, stops.map((s, i) => ({ ...s, sequence: i + 1 })));
      // a closure declared before the run existed applies to it too
      await this.cancellations.applyClosuresToRun(tx, id, dto.schoolId, this.clock.today());
      return this.view(tx.manager, id, true);
    });
  }

  update(id: string, dto: UpdateRunDto): Promise<RunView> {
    return this.uow.run(async (tx) => {
      const [run] = await tx.manager.query(
        `SELECT r.session, to_char(r.bell_time, 'HH24:MI') AS "bellTime", to_char(r.scheduled_arrival, 'HH24:MI') AS "scheduledArrival", r.active, r.vehicle_id AS "vehicleId"
         FROM runs r WHERE r.id = $1 FOR UPDATE`,
        [id],
      );
      if (!run) throw new ProblemException(404, 'no such run');
      const stops = await tx.manager.query(`SELECT to_char(scheduled_time, 'HH24:MI') AS "scheduledTime" FROM stops WHERE run_id = $1 ORDER BY sequence`, [id]);
      this.checkSchedule({ session: run.session, bellTime: dto.bellTime ?? run.bellTime, scheduledArrival: dto.scheduledArrival ?? run.scheduledArrival, stops });
      await this.checkRefs(tx.manager, { routeId: dto.routeId, vehicleId: dto.vehicleId });
      if (dto.vehicleId && dto.vehicleId !== run.vehicleId) {
        const [{ capacity, riders }] = await tx.manager.query(
          'SELECT v.capacity, (SELECT count(*)::int FROM stop_assignments WHERE run_id = $1) AS riders FROM vehicles v WHERE v.id = $2',
          [id, dto.vehicleId],
        );
        if (riders > capacity) throw new ProblemException(409, `the run has ${riders} students assigned and that vehicle seats ${capacity}`);
      }
      await tx.manager.query(
        `UPDATE runs SET code = coalesce($2, code), route_id = coalesce($3, route_id), bell_time = coalesce($4, bell_time), scheduled_arrival = coalesce($5, scheduled_arrival),
           vehicle_id = coalesce($6, vehicle_id), active = coalesce($7, active), updated_at = now() WHERE id = $1`,
        [id, dto.code ?? null, dto.routeId ?? null, dto.bellTime ?? null, dto.scheduledArrival ?? null, dto.vehicleId ?? null, dto.active ?? null],
      );
      if (dto.active === false && run.active) {
        // its students lose this run: each is moved to another run of the school where one fits
        const students = await tx.manager.query('SELECT DISTINCT student_id AS "studentId" FROM stop_assignments WHERE run_id = $1', [id]);
        await this.assignments.reconcile(tx, students.map((s: { studentId: string }) => s.studentId));
      }
      return this.view(tx.manager, id, true);
    });
  }

  /** Replaces the ordered stop list: kept stops keep their students; removed ones' students are re-placed. */
  replaceStops(id: string, dto: ReplaceStopsDto): Promise<RunView> {
    return this.uow.run(async (tx) => {
      const [run] = await tx.manager.query(
        `SELECT session, to_char(bell_time, 'HH24:MI') AS "bellTime", to_char(scheduled_arrival, 'HH24:MI') AS "scheduledArrival" FROM runs WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!run) throw new ProblemException(404, 'no such run');
      this.checkSchedule({ ...run, stops: dto.stops });
      const existing = new Set<string>((await tx.manager.query('SELECT id FROM stops WHERE run_id = $1', [id])).map((s: { id: string }) => s.id));
      const seen = new Set<string>();
      dto.stops.forEach((s, i) => {
        if (!s.id) return;
        if (!existing.has(s.id)) throw unprocessable(`stops.${i}.id`, 'not a stop of this run');
        if (seen.has(s.id)) throw unprocessable(`stops.${i}.id`, 'listed twice');
        seen.add(s.id);
      });
      const removed = [...existing].filter((s) => !seen.has(s));
      const riders = await tx.manager.query('SELECT DISTINCT student_id AS "studentId" FROM stop_assignments WHERE run_id = $1', [id]);
      const atRemoved = await this.assignments.studentsAtStops(tx, removed);
      await this.assignments.unassign(tx, atRemoved.map((a) => ({ ...a, reason: 'stop-removed' as const })));
      if (removed.length) await tx.manager.query('DELETE FROM stops WHERE id = ANY($1::uuid[])', [removed]);
      const kept = dto.stops.map((s, i) => ({ ...s, sequence: i + 1 })).filter((s) => s.id);
      if (kept.length) {
        await tx.manager.query(
          `UPDATE stops s SET sequence = t.seq, name = t.name, latitude = t.lat, longitude = t.lon, scheduled_time = t.at
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::float8[], $5::float8[], $6::time[]) AS t(id, seq, name, lat, lon, at) WHERE s.id = t.id`,
          [kept.map((s) => s.id), kept.map((s) => s.sequence), kept.map((s) => s.name), kept.map((s) => s.latitude), kept.map((s) => s.longitude), kept.map((s) => s.scheduledTime)],
        );
      }
      await this.insertStops(tx, id, dto.stops.map((s, i) => ({ ...s, sequence: i + 1 })).filter((s) => !s.id));
      // students of moved stops may now be beyond the walk limit; those of removed stops need a new one
      await this.assignments.reconcile(tx, riders.map((r: { studentId: string }) => r.studentId));
      return this.view(tx.manager, id, true);
    });
  }

  async remove(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [run] = await tx.manager.query(
        'SELECT (SELECT count(*) FROM run_daily WHERE run_id = $1)::int AS days, (SELECT count(*) FROM incidents WHERE run_id = $1)::int AS incidents FROM runs WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!run) throw new ProblemException(404, 'no such run');
      if (run.days || run.incidents) throw new ProblemException(409, 'the run has recorded operations: deactivate it instead (PATCH active false)');
      const riders: { studentId: string; session: RunSession }[] = await tx.manager.query('SELECT student_id AS "studentId", session FROM stop_assignments WHERE run_id = $1', [id]);
      await this.assignments.unassign(tx, riders.map((r) => ({ ...r, reason: 'run-inactive' as const })));
      await tx.manager.query('DELETE FROM runs WHERE id = $1', [id]);
      await this.assignments.reconcile(tx, riders.map((r) => r.studentId));
    });
  }

  async get(id: string): Promise<RunView> {
    return this.view(this.ds.manager, id, true);
  }

  async list(q: RunQuery): Promise<RunPage> {
    return this.page(q, q.schoolId);
  }

  /** GET /api/schools/:id/runs */
  async forSchool(schoolId: string, q: SchoolRunQuery, user: AuthUser): Promise<Page<RunView>> {
    assertSchoolScope(user, schoolId);
    const [school] = await this.ds.query('SELECT id FROM schools WHERE id = $1', [schoolId]);
    if (!school) throw new ProblemException(404, 'no such school');
    return this.page(q, schoolId);
  }

  private async page(q: RunQuery | SchoolRunQuery, schoolId?: string): Promise<RunPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (schoolId) where.push(`r.school_id = $${params.push(schoolId)}`);
    if ('routeId' in q && q.routeId) where.push(`r.route_id = $${params.push(q.routeId)}`);
    if (q.session) where.push(`r.session = $${params.push(q.session)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM runs r ${clause}`, params);
    const items = await this.ds.query(`${VIEW} ${clause} ORDER BY r.session, r.code LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`, params);
    return { items, total };
  }

  private async view(manager: EntityManager, id: string, withStops: boolean): Promise<RunView> {
    const [run] = await manager.query(`${VIEW} WHERE r.id = $1`, [id]);
    if (!run) throw new ProblemException(404, 'no such run');
    if (withStops) {
      run.stops = (await manager.query(
        `SELECT s.id, s.sequence, s.name, s.latitude, s.longitude, to_char(s.scheduled_time, 'HH24:MI') AS "scheduledTime",
                (SELECT count(*)::int FROM stop_assignments a WHERE a.stop_id = s.id) AS riders
         FROM stops s WHERE s.run_id = $1 ORDER BY s.sequence`,
        [id],
      )) as StopView[];
    }
    return run;
  }

  private async insertStops(tx: Tx, runId: string, stops: (StopInput & { sequence: number })[]): Promise<void> {
    if (!stops.length) return;
    await tx.manager.query(
      `INSERT INTO stops (run_id, sequence, name, latitude, longitude, scheduled_time)
       SELECT $1, t.seq, t.name, t.lat, t.lon, t.at FROM unnest($2::int[], $3::text[], $4::float8[], $5::float8[], $6::time[]) AS t(seq, name, lat, lon, at)`,
      [runId, stops.map((s) => s.sequence), stops.map((s) => s.name), stops.map((s) => s.latitude), stops.map((s) => s.longitude), stops.map((s) => s.scheduledTime)],
    );
  }

  private checkSchedule(s: Parameters<typeof scheduleProblems>[0]): void {
    const errors = scheduleProblems(s);
    if (errors.length) throw new ProblemException(422, errors.map((e) => e.message).join('; '), { errors });
  }

  private async checkRefs(manager: EntityManager, refs: { routeId?: string; schoolId?: string; vehicleId?: string }): Promise<void> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*) FROM routes WHERE id = $1)::int AS route, (SELECT count(*) FROM schools WHERE id = $2)::int AS school,
              (SELECT status FROM vehicles WHERE id = $3) AS vehicle`,
      [refs.routeId ?? null, refs.schoolId ?? null, refs.vehicleId ?? null],
    );
    if (refs.routeId && !row.route) throw unprocessable('routeId', 'no such route');
    if (refs.schoolId && !row.school) throw unprocessable('schoolId', 'no such school (schools come from enrollment)');
    if (refs.vehicleId && !row.vehicle) throw unprocessable('vehicleId', 'no such vehicle');
    if (refs.vehicleId && row.vehicle === 'retired') throw unprocessable('vehicleId', 'the vehicle is retired');
  }
}
