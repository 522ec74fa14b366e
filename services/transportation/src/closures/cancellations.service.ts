import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BuildingClosure, RunsCancelled, TransportationEvents } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { Page, ProblemException } from '@district/service-kit';
import { addDays, isDate } from '../common/domain/dates';
import { returned } from '../common/returning';
import { CancellationQuery, CancellationView } from './dto/cancellation.dto';

type Row = { runId: string; date: string; schoolId: string; reason: string };

/**
 * Run-days that will not operate: a facilities building closure cancels the runs serving its school for
 * its dates (DOMAIN.md section 7, flow 4), a dispatcher cancels one run-day. Consumers are idempotent
 * (inbox) and version-guarded (a closure's older copy is ignored).
 */
@Injectable()
export class CancellationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** evt.facilities.building.closed.v1: a closure declared, or its dates or reason changed. */
  async applyClosure(tx: Tx, c: BuildingClosure): Promise<void> {
    if (!this.stored(c)) return;
    const [old] = await tx.manager.query('SELECT version FROM closures WHERE closure_id = $1 FOR UPDATE', [c.closureId]);
    if (old && old.version >= c.version) return;
    await tx.manager.query(
      `INSERT INTO closures (closure_id, school_id, kind, from_date, to_date, lifted_from, reason, version, updated_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, now())
       ON CONFLICT (closure_id) DO UPDATE SET school_id = EXCLUDED.school_id, kind = EXCLUDED.kind, from_date = EXCLUDED.from_date, to_date = EXCLUDED.to_date,
         lifted_from = NULL, reason = EXCLUDED.reason, version = EXCLUDED.version, updated_at = now()`,
      [c.closureId, c.schoolId, c.kind, c.from, c.to, c.reason, c.version],
    );
    // days no longer covered (dates moved, or another school) operate again
    const restored = returned<Row>(await tx.manager.query(
      `DELETE FROM run_cancellations WHERE closure_id = $1 AND (school_id IS DISTINCT FROM $2 OR service_date < $3 OR service_date > $4)
       RETURNING run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date, school_id AS "schoolId", reason`,
      [c.closureId, c.schoolId, c.from, c.to],
    ));
    this.publish(tx, 'restored', restored, 'closure', c.closureId);
    if (!c.schoolId) return;
    await tx.manager.query('UPDATE run_cancellations SET reason = $2 WHERE closure_id = $1 AND reason <> $2', [c.closureId, c.reason]);
    const cancelled: Row[] = await tx.manager.query(
      `INSERT INTO run_cancellations (run_id, service_date, school_id, reason, source, closure_id)
       SELECT r.id, d::date, r.school_id, $4, 'closure', $1 FROM runs r CROSS JOIN generate_series($3::date, $5::date, interval '1 day') d
       WHERE r.school_id = $2 AND r.active
       ON CONFLICT (run_id, service_date) DO NOTHING
       RETURNING run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date, school_id AS "schoolId", reason`,
      [c.closureId, c.schoolId, c.from, c.reason, c.to],
    );
    this.publish(tx, 'cancelled', cancelled, 'closure', c.closureId);
  }

  /** evt.facilities.building.reopened.v1: the days from `liftedFrom` on are open again. */
  async liftClosure(tx: Tx, c: BuildingClosure & { liftedFrom: string }): Promise<void> {
    if (!this.stored(c) || !isDate(c.liftedFrom)) return;
    const [old] = await tx.manager.query('SELECT version FROM closures WHERE closure_id = $1 FOR UPDATE', [c.closureId]);
    if (old && old.version >= c.version) return;
    await tx.manager.query(
      `INSERT INTO closures (closure_id, school_id, kind, from_date, to_date, lifted_from, reason, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (closure_id) DO UPDATE SET school_id = EXCLUDED.school_id, kind = EXCLUDED.kind, from_date = EXCLUDED.from_date, to_date = EXCLUDED.to_date,
         lifted_from = EXCLUDED.lifted_from, reason = EXCLUDED.reason, version = EXCLUDED.version, updated_at = now()`,
      [c.closureId, c.schoolId, c.kind, c.from, c.to, c.liftedFrom, c.reason, c.version],
    );
    const restored = returned<Row>(await tx.manager.query(
      `DELETE FROM run_cancellations WHERE closure_id = $1 AND service_date >= $2
       RETURNING run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date, school_id AS "schoolId", reason`,
      [c.closureId, c.liftedFrom],
    ));
    this.publish(tx, 'restored', restored, 'closure', c.closureId);
  }

  /** A run created while a closure of its school is in force is cancelled for the closure's remaining days. */
  async applyClosuresToRun(tx: Tx, runId: string, schoolId: string, today: string): Promise<void> {
    const cancelled: Row[] = await tx.manager.query(
      `INSERT INTO run_cancellations (run_id, service_date, school_id, reason, source, closure_id)
       SELECT $1, d::date, c.school_id, c.reason, 'closure', c.closure_id
       FROM closures c CROSS JOIN LATERAL generate_series(greatest(c.from_date, $3::date), CASE WHEN c.lifted_from IS NULL THEN c.to_date ELSE least(c.to_date, c.lifted_from - 1) END, interval '1 day') d
       WHERE c.school_id = $2
       ON CONFLICT (run_id, service_date) DO NOTHING
       RETURNING run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date, school_id AS "schoolId", reason, closure_id AS "closureId"`,
      [runId, schoolId, today],
    );
    for (const group of groupBy(cancelled as (Row & { closureId: string })[], (r) => r.closureId).values()) this.publish(tx, 'cancelled', group, 'closure', group[0].closureId);
  }

  /** POST /api/runs/:id/cancellations */
  cancel(runId: string, date: string, reason: string): Promise<CancellationView> {
    if (!isDate(date)) throw new ProblemException(422, 'date is not a calendar date', { errors: [{ field: 'date', message: 'not a calendar date' }] });
    return this.uow.run(async (tx) => {
      const [run] = await tx.manager.query('SELECT school_id AS "schoolId" FROM runs WHERE id = $1', [runId]);
      if (!run) throw new ProblemException(404, 'no such run');
      const rows: Row[] = await tx.manager.query(
        `INSERT INTO run_cancellations (run_id, service_date, school_id, reason, source) VALUES ($1, $2, $3, $4, 'manual') ON CONFLICT DO NOTHING
         RETURNING run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date, school_id AS "schoolId", reason`,
        [runId, date, run.schoolId, reason],
      );
      if (!rows.length) throw new ProblemException(409, 'the run is already cancelled that day');
      this.publish(tx, 'cancelled', rows, 'manual', null);
      return { ...rows[0], source: 'manual', closureId: null };
    });
  }

  /** DELETE /api/runs/:id/cancellations/:date (a closure's cancellation ends when facilities lifts the closure) */
  async restore(runId: string, date: string): Promise<void> {
    if (!isDate(date)) throw new ProblemException(400, 'date must be YYYY-MM-DD', { errors: [{ field: 'date', message: 'must be YYYY-MM-DD' }] });
    await this.uow.run(async (tx) => {
      const [row] = await tx.manager.query('SELECT source FROM run_cancellations WHERE run_id = $1 AND service_date = $2 FOR UPDATE', [runId, date]);
      if (!row) throw new ProblemException(404, 'the run is not cancelled that day');
      if (row.source === 'closure') throw new ProblemException(409, 'cancelled by a building closure: it ends when facilities lifts the closure');
      const rows = returned<Row>(await tx.manager.query(
        `DELETE FROM run_cancellations WHERE run_id = $1 AND service_date = $2 RETURNING run_id AS "runId", to_char(service_date, 'YYYY-MM-DD') AS date, school_id AS "schoolId", reason`,
        [runId, date],
      ));
      this.publish(tx, 'restored', rows, 'manual', null);
    });
  }

  async list(q: CancellationQuery): Promise<Page<CancellationView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.schoolId) where.push(`c.school_id = $${params.push(q.schoolId)}`);
    if (q.from) where.push(`c.service_date >= $${params.push(q.from)}`);
    if (q.to) where.push(`c.service_date <= $${params.push(q.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM run_cancellations c ${clause}`, params);
    const items = await this.ds.query(
      `SELECT c.run_id AS "runId", r.code AS "runCode", to_char(c.service_date, 'YYYY-MM-DD') AS date, c.school_id AS "schoolId", c.reason, c.source, c.closure_id AS "closureId"
       FROM run_cancellations c JOIN runs r ON r.id = c.run_id ${clause}
       ORDER BY c.service_date, r.code LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`,
      params,
    );
    return { items, total };
  }

  private stored(c: BuildingClosure): boolean {
    // a malformed closure cannot cancel anything; it is acknowledged (a retry would not fix it)
    return isDate(c.from) && isDate(c.to) && c.from <= c.to && addDays(c.from, 366) >= c.to && Number.isInteger(c.version);
  }

  /** One event per school and kind, with the runs and dates concerned. */
  private publish(tx: Tx, kind: 'cancelled' | 'restored', rows: Row[], source: RunsCancelled['source'], closureId: string | null): void {
    for (const group of groupBy(rows, (r) => r.schoolId).values()) {
      const data: RunsCancelled = {
        schoolId: group[0].schoolId,
        runIds: [...new Set(group.map((r) => r.runId))].sort(),
        dates: [...new Set(group.map((r) => r.date))].sort(),
        reason: group[0].reason,
        source,
        closureId,
      };
      tx.publish(kind === 'cancelled' ? TransportationEvents.RunsCancelled : TransportationEvents.RunsRestored, data);
    }
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
