import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, ProblemException } from '@district/service-kit';
import { TransportationClock } from '../common/district-clock';
import { localDateTime } from '../common/domain/dates';
import { TRANSPORTATION_SETTINGS, TransportationSettings } from '../common/settings';
import { checkAll, checkArrival, checkMileage, checkScan } from './domain/ingest-items';
import { IngestResult } from './dto/ingestion.dto';

/** a scan stamped this far in the future is refused (scanner clocks drift a little) */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Bulk ingestion (DOMAIN.md section 2: ridership scans, run arrivals, mileage), sized for a district's daily
 * volume: each request is an array of up to INGEST_MAX_ITEMS items, checked item by item (rejected ones are
 * reported with index and reason), then the accepted ones are written in ONE transaction with one multi-row
 * statement per table, which also maintains the daily and monthly aggregates the KPIs read (ADR 12).
 */
@Injectable()
export class IngestionService {
  private readonly audit = new Logger('StudentRecordAccess');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: TransportationClock,
    @Inject(TRANSPORTATION_SETTINGS) private readonly settings: TransportationSettings,
  ) {}

  async scans(body: unknown, user?: AuthUser, now = new Date()): Promise<IngestResult> {
    const items = this.array(body);
    const fmt = this.clock.formatter;
    const local = new Map<number, { date: string; minutes: number }>();
    const { accepted, rejected } = checkAll(items, checkScan, (s) => `${s.runId}|${s.studentId}|${localDateTime(s.scannedAt, fmt).date}`);
    for (const a of accepted) local.set(a.index, localDateTime(a.value.scannedAt, fmt));
    return this.uow.run(async (tx) => {
      const runIds = [...new Set(accepted.map((a) => a.value.runId))];
      const stopIds = [...new Set(accepted.map((a) => a.value.stopId))];
      const studentIds = [...new Set(accepted.map((a) => a.value.studentId))];
      const [runs, stops, students, cancelled] = accepted.length
        ? await Promise.all([
            tx.manager.query('SELECT id, session FROM runs WHERE id = ANY($1::uuid[])', [runIds]),
            tx.manager.query(`SELECT id, run_id AS "runId", extract(epoch FROM scheduled_time) / 60 AS minutes FROM stops WHERE id = ANY($1::uuid[])`, [stopIds]),
            tx.manager.query('SELECT id FROM students WHERE id = ANY($1::uuid[])', [studentIds]),
            tx.manager.query(`SELECT run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date FROM run_cancellations WHERE run_id = ANY($1::uuid[])`, [runIds]),
          ])
        : [[], [], [], []];
      const runById = new Map<string, { session: string }>(runs.map((r: { id: string; session: string }) => [r.id, r]));
      const stopById = new Map<string, { runId: string; minutes: number }>(stops.map((s: { id: string; runId: string; minutes: string }) => [s.id, { runId: s.runId, minutes: Number(s.minutes) }]));
      const knownStudents = new Set<string>(students.map((s: { id: string }) => s.id));
      const cancelledDays = new Set<string>(cancelled.map((c: { runId: string; date: string }) => `${c.runId}|${c.date}`));
      const cols = { run: [] as string[], date: [] as string[], student: [] as string[], stop: [] as string[], at: [] as string[], board: [] as number[], drop: [] as number[] };
      for (const { index, value: s } of accepted) {
        const run = runById.get(s.runId);
        const stop = stopById.get(s.stopId);
        const { date, minutes } = local.get(index)!;
        let reason: string | null = null;
        if (!run) reason = 'unknown run';
        else if (!stop || stop.runId !== s.runId) reason = 'the stop is not a stop of that run';
        else if (!knownStudents.has(s.studentId)) reason = 'unknown student';
        else if (s.scannedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) reason = 'scannedAt is in the future';
        else if (cancelledDays.has(`${s.runId}|${date}`)) reason = `the run is cancelled on ${date}`;
        if (reason) {
          rejected.push({ index, reason });
          continue;
        }
        cols.run.push(s.runId);
        cols.date.push(date);
        cols.student.push(s.studentId);
        cols.stop.push(s.stopId);
        cols.at.push(s.scannedAt.toISOString());
        cols.board.push(minutes);
        cols.drop.push(run!.session === 'PM' ? stop!.minutes : 0);
      }
      let written = 0;
      if (cols.run.length) {
        const [{ n }] = await tx.manager.query(
          `WITH input AS (
             SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::float8[], $7::float8[])
               AS t(run_id, service_date, student_id, stop_id, scanned_at, board_min, drop_min)),
           ins AS (
             INSERT INTO ridership_scans (run_id, service_date, student_id, stop_id, scanned_at)
             SELECT run_id, service_date, student_id, stop_id, scanned_at FROM input
             ON CONFLICT (run_id, service_date, student_id) DO NOTHING
             RETURNING run_id, service_date, student_id),
           fresh AS (SELECT i.*, r.school_id, r.session, r.vehicle_id, r.bell_time, r.scheduled_arrival, v.capacity
                     FROM input i JOIN ins USING (run_id, service_date, student_id) JOIN runs r ON r.id = i.run_id JOIN vehicles v ON v.id = r.vehicle_id),
           daily AS (
             INSERT INTO run_daily (run_id, service_date, school_id, session, vehicle_id, seats, bell_time, scheduled_arrival, riders, board_minutes, drop_minutes)
             SELECT run_id, service_date, school_id, session, vehicle_id, capacity, bell_time, scheduled_arrival, count(*), sum(board_min), sum(drop_min)
             FROM fresh GROUP BY run_id, service_date, school_id, session, vehicle_id, capacity, bell_time, scheduled_arrival
             ON CONFLICT (run_id, service_date) DO UPDATE SET riders = run_daily.riders + EXCLUDED.riders,
               board_minutes = run_daily.board_minutes + EXCLUDED.board_minutes, drop_minutes = run_daily.drop_minutes + EXCLUDED.drop_minutes
             RETURNING 1),
           months AS (
             INSERT INTO rider_months (month, student_id, school_id)
             SELECT DISTINCT ON (1, 2) date_trunc('month', service_date)::date, student_id, school_id FROM fresh ORDER BY 1, 2, service_date
             ON CONFLICT (month, student_id) DO NOTHING
             RETURNING month, school_id),
           monthly AS (
             INSERT INTO school_monthly (month, school_id, riders) SELECT month, school_id, count(*) FROM months GROUP BY month, school_id
             ON CONFLICT (month, school_id) DO UPDATE SET riders = school_monthly.riders + EXCLUDED.riders
             RETURNING 1)
           SELECT (SELECT count(*) FROM ins)::int AS n`,
          [cols.run, cols.date, cols.student, cols.stop, cols.at, cols.board, cols.drop],
        );
        written = n;
      }
      if (user) this.audit.log({ audit: 'ridership-scans-write', user: user.sub, scans: written });
      return { received: items.length, accepted: written, duplicates: cols.run.length - written, rejected: rejected.sort((a, b) => a.index - b.index) };
    });
  }

  async arrivals(body: unknown, now = new Date()): Promise<IngestResult> {
    const items = this.array(body);
    const { accepted, rejected } = checkAll(items, checkArrival, (a) => `${a.runId}|${a.date}`);
    const today = this.clock.today(now);
    return this.uow.run(async (tx) => {
      const runIds = [...new Set(accepted.map((a) => a.value.runId))];
      const [runs, cancelled] = accepted.length
        ? await Promise.all([
            tx.manager.query('SELECT id FROM runs WHERE id = ANY($1::uuid[])', [runIds]),
            tx.manager.query(`SELECT run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date FROM run_cancellations WHERE run_id = ANY($1::uuid[])`, [runIds]),
          ])
        : [[], []];
      const known = new Set<string>(runs.map((r: { id: string }) => r.id));
      const cancelledDays = new Set<string>(cancelled.map((c: { runId: string; date: string }) => `${c.runId}|${c.date}`));
      const ok = accepted.filter(({ index, value: a }) => {
        const reason = !known.has(a.runId) ? 'unknown run' : a.date > today ? 'the date is after today' : cancelledDays.has(`${a.runId}|${a.date}`) ? `the run is cancelled on ${a.date}` : null;
        if (reason) rejected.push({ index, reason });
        return !reason;
      });
      if (ok.length) {
        await tx.manager.query(
          `INSERT INTO run_daily (run_id, service_date, school_id, session, vehicle_id, seats, bell_time, scheduled_arrival, actual_arrival)
           SELECT t.run_id, t.service_date, r.school_id, r.session, r.vehicle_id, v.capacity, r.bell_time, r.scheduled_arrival, t.actual
           FROM unnest($1::uuid[], $2::date[], $3::time[]) AS t(run_id, service_date, actual) JOIN runs r ON r.id = t.run_id JOIN vehicles v ON v.id = r.vehicle_id
           ON CONFLICT (run_id, service_date) DO UPDATE SET actual_arrival = EXCLUDED.actual_arrival`,
          [ok.map((a) => a.value.runId), ok.map((a) => a.value.date), ok.map((a) => a.value.actualArrival)],
        );
      }
      return { received: items.length, accepted: ok.length, duplicates: 0, rejected: rejected.sort((a, b) => a.index - b.index) };
    });
  }

  async mileage(body: unknown, now = new Date()): Promise<IngestResult> {
    const items = this.array(body);
    const { accepted, rejected } = checkAll(items, checkMileage, (m) => `${m.vehicleId}|${m.date}`);
    const today = this.clock.today(now);
    return this.uow.run(async (tx) => {
      const ids = [...new Set(accepted.map((a) => a.value.vehicleId))];
      const vehicles: { id: string; inService: string }[] = ids.length
        ? await tx.manager.query(`SELECT id, to_char(in_service_date, 'YYYY-MM-DD') AS "inService" FROM vehicles WHERE id = ANY($1::uuid[])`, [ids])
        : [];
      const since = new Map(vehicles.map((v) => [v.id, v.inService]));
      const ok = accepted.filter(({ index, value: m }) => {
        const inService = since.get(m.vehicleId);
        const reason = !inService ? 'unknown vehicle' : m.date > today ? 'the date is after today' : m.date < inService ? 'the date is before the vehicle entered service' : null;
        if (reason) rejected.push({ index, reason });
        return !reason;
      });
      if (ok.length) {
        // the row trigger keeps fleet_monthly's miles exact, corrections included
        await tx.manager.query(
          `INSERT INTO vehicle_mileage (vehicle_id, service_date, miles) SELECT * FROM unnest($1::uuid[], $2::date[], $3::numeric[])
           ON CONFLICT (vehicle_id, service_date) DO UPDATE SET miles = EXCLUDED.miles WHERE vehicle_mileage.miles IS DISTINCT FROM EXCLUDED.miles`,
          [ok.map((m) => m.value.vehicleId), ok.map((m) => m.value.date), ok.map((m) => m.value.miles)],
        );
      }
      return { received: items.length, accepted: ok.length, duplicates: 0, rejected: rejected.sort((a, b) => a.index - b.index) };
    });
  }

  private array(body: unknown): unknown[] {
    if (!Array.isArray(body)) throw new ProblemException(400, 'the body must be a JSON array of items', { errors: [{ field: 'body', message: 'must be an array' }] });
    if (body.length === 0) throw new ProblemException(400, 'the array is empty', { errors: [{ field: 'body', message: 'must not be empty' }] });
    if (body.length > this.settings.ingestMaxItems) {
      throw new ProblemException(413, `at most ${this.settings.ingestMaxItems} items per request; split the batch`, { errors: [{ field: 'body', message: `more than ${this.settings.ingestMaxItems} items` }] });
    }
    return body;
  }
}
