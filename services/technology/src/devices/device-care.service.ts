import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLES } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { assertSchoolScope, AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { addDays } from '../common/dates';
import { TechnologyEnv } from '../config';
import { OneToOneService } from '../one-to-one/one-to-one.service';
import { DeviceLedger } from './device-ledger';
import { DevicesService } from './devices.service';
import { AssignmentRow, CheckoutLoanerDto, CloseRepairDto, LoanerQuery, OpenRepairDto, RepairQuery, RepairResponse } from './dto/device.dto';

const REPAIR_COLUMNS = `r.id, r.device_id AS "deviceId", d.serial, r.school_id AS "schoolId", r.ticket_id AS "ticketId", r.problem, r.vendor,
  to_char(r.opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(r.closed_on, 'YYYY-MM-DD') AS "closedOn", r.outcome, r.cost_usd::float AS "costUsd"`;

/** Loaners and repairs (DOMAIN.md section 5). */
@Injectable()
export class DeviceCareService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: DeviceLedger,
    private readonly devices: DevicesService,
    private readonly oneToOne: OneToOneService,
    private readonly env: TechnologyEnv,
  ) {}

  // ---------------------------------------------------------------- loaners

  async checkout(dto: CheckoutLoanerDto, user: AuthUser, date: string): Promise<AssignmentRow> {
    if (!!dto.studentId === !!dto.borrower) throw new ProblemException(422, 'give either studentId or borrower', { errors: [{ field: 'studentId', message: 'either studentId or borrower is required' }] });
    if (dto.studentId && !user.roles.includes(ROLES.studentRecords)) throw new ProblemException(403, `lending to a student needs the role ${ROLES.studentRecords}`);
    const dueOn = dto.dueOn ?? addDays(date, this.env.LOANER_DAYS);
    if (dueOn < date) throw new ProblemException(422, 'dueOn is before the checkout', { errors: [{ field: 'dueOn', message: 'must not be before the checkout date' }] });
    const id = await this.uow.run(async (tx) => {
      const d = await this.devices.lockDevice(tx, dto.deviceId, user);
      if (!d.loanerPool) throw new ProblemException(409, 'the device is not in the loaner pool');
      if (d.status !== 'in-stock') throw new ProblemException(409, `the device is ${d.status}`);
      const [a] = await this.ledger.assign(
        tx,
        [{ device: { deviceId: d.id, serial: d.serial, model: d.model, deviceType: d.type, schoolId: d.schoolId }, studentId: dto.studentId ?? null, assignee: dto.borrower ?? null, kind: 'loaner', dueOn, deviceStatus: 'loaner' }],
        'loaner checkout',
        { by: user.sub, date },
      );
      return a.assignmentId;
    });
    return this.loaner(id);
  }

  async returnLoaner(assignmentId: string, user: AuthUser, date: string): Promise<AssignmentRow> {
    const [a]: { deviceId: string; kind: string; endedOn: string | null }[] = await this.ds.query(
      'SELECT device_id AS "deviceId", kind, ended_on AS "endedOn" FROM device_assignments WHERE id = $1',
      [assignmentId],
    );
    if (!a || a.kind !== 'loaner') throw new ProblemException(404, 'no such loan');
    if (a.endedOn) throw new ProblemException(409, 'the loaner is back already');
    await this.devices.returnDevice(a.deviceId, undefined, user, date);
    return this.loaner(assignmentId);
  }

  private async loaner(id: string): Promise<AssignmentRow> {
    const [row] = await this.ds.query(
      `SELECT a.id, a.device_id AS "deviceId", d.serial, a.student_id AS "studentId", a.assignee, a.school_id AS "schoolId", a.kind,
              to_char(a.assigned_on, 'YYYY-MM-DD') AS "assignedOn", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
              to_char(a.ended_on, 'YYYY-MM-DD') AS "endedOn", a.end_reason AS "endReason"
       FROM device_assignments a JOIN devices d ON d.id = a.device_id WHERE a.id = $1`,
      [id],
    );
    return row;
  }

  /** Loaners out now (optionally only those past due), oldest due first. */
  async loaners(q: LoanerQuery, user: AuthUser, today: string): Promise<Page<AssignmentRow>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const where = `a.kind = 'loaner' AND a.ended_on IS NULL AND ($1::uuid[] IS NULL OR a.school_id = ANY($1)) AND ($2::date IS NULL OR a.due_on < $2)`;
    const params = [schools, q.overdue === 'true' ? today : null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM device_assignments a WHERE ${where}`, params);
    const items = await this.ds.query(
      `SELECT a.id, a.device_id AS "deviceId", d.serial, a.student_id AS "studentId", a.assignee, a.school_id AS "schoolId", a.kind,
              to_char(a.assigned_on, 'YYYY-MM-DD') AS "assignedOn", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", NULL AS "endedOn", NULL AS "endReason"
       FROM device_assignments a JOIN devices d ON d.id = a.device_id WHERE ${where} ORDER BY a.due_on, a.id LIMIT $3 OFFSET $4`,
      [...params, q.limit, q.offset],
    );
    return { items, total };
  }

  // ---------------------------------------------------------------- repairs

  /** A device goes for repair; whoever holds it keeps the assignment (and may borrow a loaner meanwhile). */
  async openRepair(dto: OpenRepairDto, user: AuthUser, date: string): Promise<RepairResponse> {
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const d = await this.devices.lockDevice(tx, dto.deviceId, user);
      if (!['in-stock', 'assigned', 'loaner'].includes(d.status)) throw new ProblemException(409, `the device is ${d.status}`);
      if (dto.ticketId) {
        const [t] = await tx.manager.query('SELECT school_id FROM tickets WHERE id = $1', [dto.ticketId]);
        if (!t) throw new ProblemException(422, 'no such ticket', { errors: [{ field: 'ticketId', message: 'no such ticket' }] });
      }
      await tx.manager.query(
        `INSERT INTO repairs (id, device_id, school_id, ticket_id, problem, vendor, opened_on, opened_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, d.id, d.schoolId, dto.ticketId ?? null, dto.problem, dto.vendor ?? null, date, user.sub],
      );
      await this.ledger.setStatus(tx, [{ deviceId: d.id, to: 'in-repair' }], `repair: ${dto.problem}`, { by: user.sub, date });
    });
    return this.repair(id);
  }

  /**
   * Repaired: back to its holder (assigned or loaner), else in stock, serving the queue. Unrepairable: retired;
   * its assignment ends and a 1:1 student gets another device or joins the queue.
   */
  async closeRepair(id: string, dto: CloseRepairDto, user: AuthUser, date: string): Promise<RepairResponse> {
    await this.uow.run(async (tx) => {
      const [r]: { deviceId: string; schoolId: string; closedOn: string | null }[] = await tx.manager.query(
        'SELECT device_id AS "deviceId", school_id AS "schoolId", closed_on AS "closedOn" FROM repairs WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!r) throw new ProblemException(404, 'no such repair');
      assertSchoolScope(user, r.schoolId);
      if (r.closedOn) throw new ProblemException(409, 'the repair is closed already');
      const d = await this.devices.lockDevice(tx, r.deviceId, user);
      const actor = { by: user.sub, date };
      await tx.manager.query('UPDATE repairs SET closed_on = $2, outcome = $3, cost_usd = $4, version = version + 1 WHERE id = $1', [id, date, dto.outcome, dto.costUsd ?? null]);
      const [holder]: { id: string; kind: string }[] = await tx.manager.query('SELECT id, kind FROM device_assignments WHERE device_id = $1 AND ended_on IS NULL', [d.id]);
      if (dto.outcome === 'repaired') {
        const to = holder ? (holder.kind === 'loaner' ? 'loaner' : 'assigned') : 'in-stock';
        await this.ledger.setStatus(tx, [{ deviceId: d.id, to }], 'repaired', actor);
        if (to === 'in-stock') await this.ledger.serveQueue(tx, [d.schoolId], actor);
      } else {
        const ended = holder ? await this.ledger.endAssignments(tx, [holder.id], 'unrepairable', actor) : [];
        await this.ledger.setStatus(tx, [{ deviceId: d.id, to: 'retired' }], 'unrepairable', actor);
        await this.oneToOne.replaceDevices(tx, ended, actor);
      }
    });
    return this.repair(id);
  }

  async repair(id: string, user?: AuthUser): Promise<RepairResponse> {
    const [r] = await this.ds.query(`SELECT ${REPAIR_COLUMNS} FROM repairs r JOIN devices d ON d.id = r.device_id WHERE r.id = $1`, [id]);
    if (!r) throw new ProblemException(404, 'no such repair');
    if (user) assertSchoolScope(user, r.schoolId);
    return r;
  }

  async repairs(q: RepairQuery, user: AuthUser): Promise<Page<RepairResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const where = `($1::uuid[] IS NULL OR r.school_id = ANY($1)) AND ($2::text IS NULL OR (r.closed_on IS NULL) = ($2 = 'open'))`;
    const params = [schools, q.state ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM repairs r WHERE ${where}`, params);
    const items = await this.ds.query(
      `SELECT ${REPAIR_COLUMNS} FROM repairs r JOIN devices d ON d.id = r.device_id WHERE ${where} ORDER BY r.opened_on DESC, r.id LIMIT $3 OFFSET $4`,
      [...params, q.limit, q.offset],
    );
    return { items, total };
  }
}
