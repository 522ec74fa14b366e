import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CsvError, parseCsv } from '@district/seed-data';
import { Tx, UnitOfWork } from '@district/messaging';
import { assertSchoolScope, AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { OneToOneService } from '../one-to-one/one-to-one.service';
import { Actor, DeviceLedger } from './device-ledger';
import { HeaderError, ImportAction, planImport, readDeviceRows, Rejected, StoredDevice } from './domain/device-csv';
import {
  AssignmentPage, CreateDeviceDto, DeviceQuery, DeviceResponse, ImportResult, MarkLostDto, ReturnTaskPage, ReturnTaskQuery, StatusHistoryPage,
} from './dto/device.dto';

export const DEVICE_COLUMNS = `d.id, d.serial, d.model, d.device_type AS type, to_char(d.purchase_date, 'YYYY-MM-DD') AS "purchaseDate",
  to_char(d.warranty_end, 'YYYY-MM-DD') AS "warrantyEnd", to_char(d.auto_update_expiration, 'YYYY-MM-DD') AS "autoUpdateExpiration",
  d.school_id AS "schoolId", d.status, to_char(d.status_date, 'YYYY-MM-DD') AS "statusDate", d.loaner_pool AS "loanerPool", d.lost_kind AS "lostKind", d.version`;

/** Devices: adding, importing, returning, losing, finding and retiring them; each change one transaction with its history and events. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: DeviceLedger,
    private readonly oneToOne: OneToOneService,
  ) {}

  /** The device, locked for the rest of the transaction; 404 when unknown, 403 outside the caller's schools. */
  async lockDevice(tx: Tx, id: string, user: AuthUser): Promise<DeviceResponse> {
    const [d]: DeviceResponse[] = await tx.manager.query(`SELECT ${DEVICE_COLUMNS} FROM devices d WHERE d.id = $1 FOR UPDATE`, [id]);
    if (!d) throw new ProblemException(404, 'no such device');
    assertSchoolScope(user, d.schoolId);
    return d;
  }

  async get(id: string, user: AuthUser): Promise<DeviceResponse> {
    const [d]: DeviceResponse[] = await this.ds.query(`SELECT ${DEVICE_COLUMNS} FROM devices d WHERE d.id = $1`, [id]);
    if (!d) throw new ProblemException(404, 'no such device');
    assertSchoolScope(user, d.schoolId);
    return d;
  }

  async create(dto: CreateDeviceDto, user: AuthUser, date: string): Promise<DeviceResponse> {
    assertSchoolScope(user, dto.schoolId);
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      await tx.manager.query(
        `INSERT INTO devices (id, serial, model, device_type, purchase_date, warranty_end, auto_update_expiration, school_id, status, status_date, loaner_pool)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'in-stock', $9, $10)`,
        [id, dto.serial, dto.model, dto.type, dto.purchaseDate, dto.warrantyEnd ?? null, dto.autoUpdateExpiration ?? null, dto.schoolId, date, dto.loanerPool ?? false],
      );
      await this.added(tx, [{ id, schoolId: dto.schoolId, status: 'in-stock' }], { by: user.sub, date }, 'added');
      await this.ledger.serveQueue(tx, [dto.schoolId], { by: user.sub, date });
    });
    return this.get(id, user);
  }

  /** History rows for devices just inserted (from: null). */
  private async added(tx: Tx, devices: { id: string; schoolId: string; status: string }[], actor: Actor, reason: string): Promise<void> {
    if (!devices.length) return;
    await tx.manager.query(
      `INSERT INTO device_status_history (device_id, from_status, to_status, school_id, effective_date, changed_by, reason)
       SELECT id, NULL, status, school_id, $4::date, $5, $6 FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, status, school_id)`,
      [devices.map((d) => d.id), devices.map((d) => d.status), devices.map((d) => d.schoolId), actor.date, actor.by, reason],
    );
  }

  async list(q: DeviceQuery, user: AuthUser): Promise<Page<DeviceResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId);
    const where: string[] = [];
    const params: unknown[] = [];
    if (schools) where.push(`d.school_id = ANY($${params.push(schools)}::uuid[])`);
    if (q.status) where.push(`d.status = $${params.push(q.status)}`);
    if (q.type) where.push(`d.device_type = $${params.push(q.type)}`);
    if (q.serial) where.push(`d.serial = $${params.push(q.serial)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM devices d ${clause}`, params);
    const items = await this.ds.query(
      `SELECT ${DEVICE_COLUMNS} FROM devices d ${clause} ORDER BY d.serial LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`,
      params,
    );
    return { items, total };
  }

  async history(id: string, page: { limit: number; offset: number }, user: AuthUser): Promise<StatusHistoryPage> {
    await this.get(id, user);
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM device_status_history WHERE device_id = $1', [id]);
    const items = await this.ds.query(
      `SELECT from_status AS "from", to_status AS "to", school_id AS "schoolId", to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate",
              changed_at AS "changedAt", changed_by AS "changedBy", reason
       FROM device_status_history WHERE device_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [id, page.limit, page.offset],
    );
    return { items, total };
  }

  async assignments(id: string, page: { limit: number; offset: number }, user: AuthUser): Promise<AssignmentPage> {
    await this.get(id, user);
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM device_assignments WHERE device_id = $1', [id]);
    const items = await this.ds.query(
      `SELECT a.id, a.device_id AS "deviceId", d.serial, a.student_id AS "studentId", a.assignee, a.school_id AS "schoolId", a.kind,
              to_char(a.assigned_on, 'YYYY-MM-DD') AS "assignedOn", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
              to_char(a.ended_on, 'YYYY-MM-DD') AS "endedOn", a.end_reason AS "endReason"
       FROM device_assignments a JOIN devices d ON d.id = a.device_id WHERE a.device_id = $1 ORDER BY a.assigned_at DESC LIMIT $2 OFFSET $3`,
      [id, page.limit, page.offset],
    );
    return { items, total };
  }

  /**
   * The device comes back from whoever holds it (a 1:1 student, a borrower, staff): the assignment ends,
   * open return tasks close, the device goes back in stock (at `schoolId`, default its school) and the
   * school's queue is served.
   */
  async returnDevice(id: string, schoolId: string | undefined, user: AuthUser, date: string): Promise<DeviceResponse> {
    if (schoolId) assertSchoolScope(user, schoolId);
    await this.uow.run(async (tx) => {
      const d = await this.lockDevice(tx, id, user);
      if (d.status !== 'assigned' && d.status !== 'loaner') throw new ProblemException(409, `the device is ${d.status}, not held by anyone`);
      const actor = { by: user.sub, date };
      const open: { id: string }[] = await tx.manager.query('SELECT id FROM device_assignments WHERE device_id = $1 AND ended_on IS NULL', [id]);
      await this.ledger.endAssignments(tx, open.map((a) => a.id), 'returned', actor);
      const to = schoolId ?? d.schoolId;
      await this.ledger.setStatus(tx, [{ deviceId: id, to: 'in-stock', schoolId: to }], 'returned', actor);
      await this.ledger.serveQueue(tx, [to], actor);
    });
    return this.get(id, user);
  }

  /** Lost or stolen: the assignment ends, and a student still in a 1:1 grade there gets another device or joins the queue. */
  async markLost(id: string, dto: MarkLostDto, user: AuthUser, date: string): Promise<DeviceResponse> {
    await this.uow.run(async (tx) => {
      const d = await this.lockDevice(tx, id, user);
      if (d.status === 'lost' || d.status === 'retired') throw new ProblemException(409, `the device is ${d.status} already`);
      const actor = { by: user.sub, date };
      await this.ledger.setStatus(tx, [{ deviceId: id, to: 'lost' }], dto.note ? `${dto.kind}: ${dto.note}` : dto.kind, actor);
      await tx.manager.query('UPDATE devices SET lost_kind = $2 WHERE id = $1', [id, dto.kind]);
      await tx.manager.query(`UPDATE repairs SET closed_on = $2, outcome = 'unrepairable', version = version + 1 WHERE device_id = $1 AND closed_on IS NULL`, [id, date]);
      const open: { id: string }[] = await tx.manager.query('SELECT id FROM device_assignments WHERE device_id = $1 AND ended_on IS NULL', [id]);
      const ended = await this.ledger.endAssignments(tx, open.map((a) => a.id), dto.kind, actor);
      await this.oneToOne.replaceDevices(tx, ended, actor);
    });
    return this.get(id, user);
  }

  /** A lost device turns up: back in stock, and the school's queue is served. */
  async found(id: string, schoolId: string | undefined, user: AuthUser, date: string): Promise<DeviceResponse> {
    if (schoolId) assertSchoolScope(user, schoolId);
    await this.uow.run(async (tx) => {
      const d = await this.lockDevice(tx, id, user);
      if (d.status !== 'lost') throw new ProblemException(409, `the device is ${d.status}, not lost`);
      const actor = { by: user.sub, date };
      const to = schoolId ?? d.schoolId;
      await this.ledger.setStatus(tx, [{ deviceId: id, to: 'in-stock', schoolId: to }], 'found', actor);
      await this.ledger.serveQueue(tx, [to], actor);
    });
    return this.get(id, user);
  }

  async retire(id: string, user: AuthUser, date: string): Promise<DeviceResponse> {
    await this.uow.run(async (tx) => {
      const d = await this.lockDevice(tx, id, user);
      if (d.status !== 'in-stock' && d.status !== 'lost') throw new ProblemException(409, `the device is ${d.status}: return it or close its repair before retiring it`);
      await this.ledger.setStatus(tx, [{ deviceId: id, to: 'retired' }], 'retired', { by: user.sub, date });
    });
    return this.get(id, user);
  }

  // ---------------------------------------------------------------- CSV import

  /**
   * Upserts devices by serial from a CSV file in one transaction, with batched statements. Rejected rows
   * are reported with their line and reason; with onError=abort (the default) any rejection means nothing
   * is applied. New stock serves the schools' queues. School-scoped callers may only touch their schools.
   */
  async import(csv: string, onError: 'abort' | 'skip', user: AuthUser, date: string): Promise<ImportResult> {
    let read: ReturnType<typeof readDeviceRows>;
    try {
      read = readDeviceRows(parseCsv(csv));
    } catch (err) {
      if (err instanceof HeaderError || err instanceof CsvError) throw new ProblemException(422, `the file cannot be read: ${err.message}`);
      throw err;
    }
    const actor = { by: user.sub, date };
    const outcome = await this.uow.run(async (tx) => {
      const codes = [...new Set(read.rows.map((r) => r.schoolCode))];
      const schools: { id: string; code: string }[] = await tx.manager.query('SELECT id, code FROM schools WHERE code = ANY($1::text[])', [codes]);
      const schoolIdByCode = new Map(schools.filter((s) => !user.schools || user.schools.includes(s.id)).map((s) => [s.code, s.id]));
      const existing: StoredDevice[] = await tx.manager.query(
        `SELECT id, serial, model, device_type AS "deviceType", to_char(purchase_date, 'YYYY-MM-DD') AS "purchaseDate",
                to_char(warranty_end, 'YYYY-MM-DD') AS "warrantyEnd", to_char(auto_update_expiration, 'YYYY-MM-DD') AS "autoUpdateExpiration",
                school_id AS "schoolId", status, loaner_pool AS "loanerPool"
         FROM devices WHERE serial = ANY($1::text[]) FOR UPDATE`,
        [read.rows.map((r) => r.serial)],
      );
      const plan = planImport(read.rows, new Map(existing.map((d) => [d.serial, d])), schoolIdByCode);
      for (const r of plan.rejected) {
        const existingSchool = existing.find((d) => d.serial === r.serial)?.schoolId;
        if (r.reason.startsWith('no school') && user.schools && schools.some((s) => s.code === read.rows.find((x) => x.line === r.line)?.schoolCode)) {
          r.reason = 'that school is outside your scope';
        } else if (existingSchool && user.schools && !user.schools.includes(existingSchool)) r.reason = 'the device belongs to a school outside your scope';
      }
      const rejected: Rejected[] = [...read.rejected, ...plan.rejected].sort((a, b) => a.line - b.line);
      if (rejected.length && onError === 'abort') return { inserted: 0, updated: 0, unchanged: 0, assigned: 0, applied: false, rejected };
      const { inserted, updated, unchanged, stockAt } = await this.applyImport(tx, plan.actions, actor);
      const assigned = await this.ledger.serveQueue(tx, stockAt, actor);
      return { inserted, updated, unchanged, assigned, applied: true, rejected };
    });
    if (!outcome.applied) {
      throw new ProblemException(422, `${outcome.rejected.length} row(s) rejected: nothing was imported (send onError=skip to import the valid rows)`, {
        rejected: outcome.rejected,
        errors: outcome.rejected.slice(0, 100).map((r) => ({ field: `line ${r.line}`, message: r.reason })),
      });
    }
    return outcome;
  }

  private async applyImport(tx: Tx, actions: ImportAction[], actor: Actor): Promise<{ inserted: number; updated: number; unchanged: number; stockAt: string[] }> {
    const inserts = actions.filter((a): a is Extract<ImportAction, { kind: 'insert' }> => a.kind === 'insert');
    const updates = actions.filter((a): a is Extract<ImportAction, { kind: 'update' }> => a.kind === 'update');
    const stockAt = new Set<string>();
    for (let i = 0; i < inserts.length; i += 1000) {
      const chunk = inserts.slice(i, i + 1000).map((a) => ({ ...a, id: randomUUID() }));
      await tx.manager.query(
        `INSERT INTO devices (id, serial, model, device_type, purchase_date, warranty_end, auto_update_expiration, school_id, status, status_date, loaner_pool)
         SELECT id, serial, model, t, p, w, aue, s, st, $11::date, lp
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[], $8::uuid[], $9::text[], $10::boolean[])
           AS x(id, serial, model, t, p, w, aue, s, st, lp)`,
        [
          chunk.map((a) => a.id), chunk.map((a) => a.row.serial), chunk.map((a) => a.row.model), chunk.map((a) => a.row.deviceType),
          chunk.map((a) => a.row.purchaseDate), chunk.map((a) => a.row.warrantyEnd), chunk.map((a) => a.row.autoUpdateExpiration),
          chunk.map((a) => a.schoolId), chunk.map((a) => a.status), chunk.map((a) => a.loanerPool), actor.date,
        ],
      );
      await this.added(tx, chunk.map((a) => ({ id: a.id, schoolId: a.schoolId, status: a.status })), actor, 'imported');
      for (const a of chunk) if (a.status === 'in-stock' && !a.loanerPool) stockAt.add(a.schoolId);
    }
    for (let i = 0; i < updates.length; i += 1000) {
      const chunk = updates.slice(i, i + 1000);
      // fields first (no status change), then statuses and schools through the ledger so history is written
      await tx.manager.query(
        `UPDATE devices d SET model = x.model, device_type = x.t, purchase_date = x.p, warranty_end = x.w, auto_update_expiration = x.aue,
           loaner_pool = x.lp, version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[], $6::date[], $7::boolean[]) AS x(id, model, t, p, w, aue, lp)
         WHERE d.id = x.id`,
        [
          chunk.map((a) => a.before.id), chunk.map((a) => a.after.model), chunk.map((a) => a.after.deviceType), chunk.map((a) => a.after.purchaseDate),
          chunk.map((a) => a.after.warrantyEnd), chunk.map((a) => a.after.autoUpdateExpiration), chunk.map((a) => a.after.loanerPool),
        ],
      );
      const moves = chunk.filter((a) => a.after.status !== a.before.status || a.after.schoolId !== a.before.schoolId);
      await this.ledger.setStatus(tx, moves.map((a) => ({ deviceId: a.before.id, to: a.after.status, schoolId: a.after.schoolId })), 'imported', actor);
      for (const a of chunk) if (a.after.status === 'in-stock' && !a.after.loanerPool) stockAt.add(a.after.schoolId);
    }
    return { inserted: inserts.length, updated: updates.length, unchanged: actions.length - inserts.length - updates.length, stockAt: [...stockAt] };
  }

  // ---------------------------------------------------------------- return tasks

  async returnTasks(q: ReturnTaskQuery, user: AuthUser): Promise<ReturnTaskPage> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const params = [schools, q.status];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM return_tasks t WHERE ($1::uuid[] IS NULL OR t.school_id = ANY($1)) AND t.status = $2`, params);
    const items = await this.ds.query(
      `SELECT t.id, t.device_id AS "deviceId", d.serial, t.student_id AS "studentId", s.local_id AS "localId", s.first_name AS "firstName", s.last_name AS "lastName",
              t.school_id AS "schoolId", t.reason, t.status, to_char(t.opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(t.closed_on, 'YYYY-MM-DD') AS "closedOn"
       FROM return_tasks t JOIN devices d ON d.id = t.device_id LEFT JOIN students s ON s.id = t.student_id
       WHERE ($1::uuid[] IS NULL OR t.school_id = ANY($1)) AND t.status = $2 ORDER BY t.opened_on, t.id LIMIT $3 OFFSET $4`,
      [...params, q.limit, q.offset],
    );
    return { items, total };
  }

  /** Completing a return task is the device's return. */
  async completeReturnTask(id: string, schoolId: string | undefined, user: AuthUser, date: string): Promise<DeviceResponse> {
    const [t]: { deviceId: string; schoolId: string; status: string }[] = await this.ds.query(
      'SELECT device_id AS "deviceId", school_id AS "schoolId", status FROM return_tasks WHERE id = $1',
      [id],
    );
    if (!t) throw new ProblemException(404, 'no such return task');
    assertSchoolScope(user, t.schoolId);
    if (t.status !== 'open') throw new ProblemException(409, `the return task is ${t.status}`);
    return this.returnDevice(t.deviceId, schoolId ?? t.schoolId, user, date);
  }
}
