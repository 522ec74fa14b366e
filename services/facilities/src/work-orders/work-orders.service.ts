import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WorkOrderPriority, WorkOrderStatus } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, scopedSchoolIds } from '@district/service-kit';
import { resolveBuilding } from '../common/buildings-lookup';
import { localDate } from '../common/domain/dates';
import { FacilitiesSettings } from '../common/settings';
import { Where } from '../common/sql';
import { ClosuresService } from '../closures/closures.service';
import { OPEN_STATUSES, targetAt, transitionProblem } from './domain/work-order-rules';
import { CreateWorkOrderDto, OverdueQuery, TransitionDto, UpdateWorkOrderDto, WorkOrderDetail, WorkOrderPage, WorkOrderQuery, WorkOrderResponse } from './dto/work-order.dto';

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export const WORK_ORDER_COLUMNS = `w.id, w.number::int AS number, w.building_id AS "buildingId", w.school_id AS "schoolId", w.asset_id AS "assetId",
  w.pm_schedule_id AS "pmScheduleId", w.title, w.description, w.priority, w.status, w.trade, w.assignee, w.assignee_kind AS "assigneeKind",
  w.requested_at AS "requestedAt", w.target_at AS "targetAt", w.due_date::text AS "dueDate", w.completed_at AS "completedAt",
  w.labor_hours::float AS "laborHours", w.labor_cost::float AS "laborCost", w.material_cost::float AS "materialCost", w.contractor_cost::float AS "contractorCost",
  (w.labor_cost + w.material_cost + w.contractor_cost)::float AS "totalCost"`;

/** What a new work order needs; used by REST, the preventive-maintenance job and the seeder. */
export interface NewWorkOrder {
  buildingId: string;
  schoolId: string | null;
  assetId?: string | null;
  pmScheduleId?: string | null;
  title: string;
  description?: string | null;
  priority: WorkOrderPriority;
  trade?: string | null;
  dueDate?: string | null;
  requestedAt: Date;
  actor: string;
}

const invalid = (field: string, message: string, status = 422) => new ProblemException(status, message, { errors: [{ field, message }] });

/**
 * Work orders (DOMAIN.md section 4): request, triage, assignment, status history and costs. Every change
 * is one transaction that also appends to the history; the monthly KPI aggregate follows by trigger.
 */
@Injectable()
export class WorkOrdersService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
    private readonly closures: ClosuresService,
  ) {}

  /** Inserts a work order and its first history entry in the caller's transaction; returns its id. */
  async insert(tx: Tx, wo: NewWorkOrder): Promise<string> {
    const id = randomUUID();
    const target = targetAt(wo.priority, wo.requestedAt, wo.dueDate ?? null, this.settings.targets, this.settings.timeZone);
    await tx.manager.query(
      `INSERT INTO work_orders (id, building_id, school_id, asset_id, pm_schedule_id, due_date, title, description, priority, status, trade,
         requested_at, requested_on, target_at, last_change_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12, $13, $11)`,
      [id, wo.buildingId, wo.schoolId, wo.assetId ?? null, wo.pmScheduleId ?? null, wo.dueDate ?? null, wo.title, wo.description ?? null, wo.priority,
        wo.trade ?? null, wo.requestedAt, localDate(wo.requestedAt, this.settings.timeZone), target],
    );
    await tx.manager.query(
      `INSERT INTO work_order_history (work_order_id, at, status, priority, note, actor) VALUES ($1, $2, 'open', $3, $4, $5)`,
      [id, wo.requestedAt, wo.priority, wo.pmScheduleId ? `preventive maintenance due ${wo.dueDate}` : 'requested', wo.actor],
    );
    return id;
  }

  async create(dto: CreateWorkOrderDto, user: AuthUser, now = new Date()): Promise<WorkOrderDetail> {
    const requestedAt = dto.requestedAt ? new Date(dto.requestedAt) : now;
    if (requestedAt.getTime() > now.getTime() + 60_000) throw invalid('requestedAt', 'requestedAt cannot be in the future');
    if (dto.priority === 'scheduled' && !dto.dueDate) throw invalid('dueDate', 'scheduled work needs a due date');
    if (dto.closeBuilding && dto.priority !== 'emergency') throw invalid('closeBuilding', 'only an emergency work order can close a building');
    const id = await this.uow.run(async (tx) => {
      const building = await resolveBuilding(tx.manager, user, dto);
      if (dto.assetId) await this.assertAssetOf(tx.manager, dto.assetId, building.id);
      const id = await this.insert(tx, {
        buildingId: building.id, schoolId: building.schoolId, assetId: dto.assetId, title: dto.title, description: dto.description,
        priority: dto.priority, trade: dto.trade, dueDate: dto.dueDate, requestedAt, actor: user.sub,
      });
      if (dto.closeBuilding) {
        await this.closures.declareInTx(tx, {
          buildingId: building.id, kind: 'emergency', from: dto.closeBuilding.from, to: dto.closeBuilding.to,
          reason: dto.closeBuilding.reason ?? dto.title, workOrderId: id,
        }, user);
      }
      return id;
    });
    return this.get(id, user);
  }

  async transition(id: string, dto: TransitionDto, user: AuthUser, now = new Date()): Promise<WorkOrderDetail> {
    const at = dto.at ? new Date(dto.at) : now;
    if (at.getTime() > now.getTime() + 60_000) throw invalid('at', 'a change cannot be in the future');
    await this.uow.run(async (tx) => {
      const wo = await this.lock(tx.manager, id, user);
      const problem = transitionProblem({ status: wo.status, lastChangeAt: wo.lastChangeAt, assignee: wo.assignee }, { to: dto.status, at, assignee: dto.assignee });
      if (problem) throw new ProblemException(/earlier|needs|assign the/.test(problem) ? 422 : 409, problem);
      const completed = dto.status === 'completed';
      await tx.manager.query(
        `UPDATE work_orders SET status = $2, last_change_at = $3, assignee = coalesce($4, assignee), assignee_kind = coalesce($5, assignee_kind),
           completed_at = CASE WHEN $6 THEN $3::timestamptz END, completed_on = CASE WHEN $6 THEN $7::date END,
           labor_hours = coalesce($8, labor_hours), labor_cost = coalesce($9, labor_cost), material_cost = coalesce($10, material_cost),
           contractor_cost = coalesce($11, contractor_cost), version = version + 1
         WHERE id = $1`,
        [id, dto.status, at, dto.assignee ?? null, dto.assigneeKind ?? null, completed, localDate(at, this.settings.timeZone),
          dto.laborHours ?? null, dto.laborCost ?? null, dto.materialCost ?? null, dto.contractorCost ?? null],
      );
      await tx.manager.query(
        `INSERT INTO work_order_history (work_order_id, at, status, priority, assignee, note, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, at, dto.status, wo.priority, dto.assignee ?? wo.assignee, dto.note ?? null, user.sub],
      );
    });
    return this.get(id, user);
  }

  async update(id: string, dto: UpdateWorkOrderDto, user: AuthUser, now = new Date()): Promise<WorkOrderDetail> {
    await this.uow.run(async (tx) => {
      const wo = await this.lock(tx.manager, id, user);
      if (wo.status === 'cancelled') throw new ProblemException(409, 'the work order is cancelled');
      const priority = dto.priority ?? wo.priority;
      const dueDate = dto.dueDate ?? wo.dueDate;
      const retriage = dto.priority !== undefined || dto.dueDate !== undefined;
      if (retriage && wo.status === 'completed') throw new ProblemException(409, 'a completed work order cannot be re-triaged');
      if (priority === 'scheduled' && !dueDate) throw invalid('dueDate', 'scheduled work needs a due date');
      const target = retriage ? targetAt(priority, wo.requestedAt, dueDate, this.settings.targets, this.settings.timeZone) : wo.targetAt;
      await tx.manager.query(
        `UPDATE work_orders SET priority = $2, due_date = $3, target_at = $4, trade = coalesce($5, trade), title = coalesce($6, title),
           description = coalesce($7, description), labor_hours = coalesce($8, labor_hours), labor_cost = coalesce($9, labor_cost),
           material_cost = coalesce($10, material_cost), contractor_cost = coalesce($11, contractor_cost), version = version + 1
         WHERE id = $1`,
        [id, priority, dueDate, target, dto.trade ?? null, dto.title ?? null, dto.description ?? null, dto.laborHours ?? null, dto.laborCost ?? null,
          dto.materialCost ?? null, dto.contractorCost ?? null],
      );
      const changes = [
        retriage && priority !== wo.priority ? `priority ${wo.priority} → ${priority}` : null,
        dto.dueDate && dto.dueDate !== wo.dueDate ? `due ${dto.dueDate}` : null,
        [dto.laborHours, dto.laborCost, dto.materialCost, dto.contractorCost].some((x) => x !== undefined) ? 'costs recorded' : null,
        dto.note ?? null,
      ].filter(Boolean);
      await tx.manager.query(
        `INSERT INTO work_order_history (work_order_id, at, status, priority, assignee, note, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, now, wo.status, priority, wo.assignee, changes.join('; ') || 'updated', user.sub],
      );
    });
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser, now = new Date()): Promise<WorkOrderDetail> {
    const [row]: (WorkOrderResponse & { closureId: string | null })[] = await this.ds.query(
      `SELECT ${WORK_ORDER_COLUMNS}, w.status IN ${OPEN_SQL} AND w.target_at < $2 AS overdue,
              (SELECT c.id FROM closures c WHERE c.work_order_id = w.id LIMIT 1) AS "closureId"
       FROM work_orders w WHERE w.id = $1`,
      [id, now],
    );
    if (!row) throw new ProblemException(404, 'no such work order');
    assertSchoolScope(user, row.schoolId);
    const history = await this.ds.query(
      `SELECT at, status, priority, assignee, note, actor FROM work_order_history WHERE work_order_id = $1 ORDER BY id`,
      [id],
    );
    return { ...row, history };
  }

  async list(q: WorkOrderQuery, user: AuthUser, now = new Date()): Promise<WorkOrderPage> {
    const w = new Where();
    const nowParam = w.param(now);
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('w.school_id = ANY(?::uuid[])', schools);
    if (q.buildingId) w.add('w.building_id = ?', q.buildingId);
    if (q.status?.length) w.add('w.status = ANY(?::text[])', q.status);
    if (q.priority?.length) w.add('w.priority = ANY(?::text[])', q.priority);
    if (q.minAgeDays !== undefined) w.add(`w.requested_at <= ${nowParam}::timestamptz - make_interval(days => ?::int)`, q.minAgeDays);
    if (q.maxAgeDays !== undefined) w.add(`w.requested_at >= ${nowParam}::timestamptz - make_interval(days => ?::int)`, q.maxAgeDays);
    if (q.overdue !== undefined) w.add(`${q.overdue ? '' : 'NOT '}(w.status IN ${OPEN_SQL} AND w.target_at < ${nowParam})`);
    if (q.preventive !== undefined) w.add(`w.pm_schedule_id IS ${q.preventive ? 'NOT ' : ''}NULL`);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total, ${nowParam}::timestamptz AS now FROM work_orders w ${w.clause}`, w.params);
    const items: WorkOrderResponse[] = await this.ds.query(
      `SELECT ${WORK_ORDER_COLUMNS}, w.status IN ${OPEN_SQL} AND w.target_at < ${nowParam} AS overdue
       FROM work_orders w ${w.clause} ORDER BY w.requested_at DESC, w.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }

  /** Open work orders past their target, most overdue first (reads the index of open work orders). */
  async overdue(q: OverdueQuery, user: AuthUser, now = new Date()): Promise<Page<WorkOrderResponse>> {
    const w = new Where();
    w.add(`w.status IN ${OPEN_SQL}`);
    w.add('w.target_at < ?', now);
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('w.school_id = ANY(?::uuid[])', schools);
    if (q.priority?.length) w.add('w.priority = ANY(?::text[])', q.priority);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM work_orders w ${w.clause}`, w.params);
    const items: WorkOrderResponse[] = await this.ds.query(
      `SELECT ${WORK_ORDER_COLUMNS}, true AS overdue FROM work_orders w ${w.clause}
       ORDER BY w.target_at, w.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }

  private async lock(manager: EntityManager, id: string, user: AuthUser) {
    const [row] = await manager.query(
      `SELECT status, priority, assignee, school_id AS "schoolId", requested_at AS "requestedAt", target_at AS "targetAt", due_date::text AS "dueDate",
              last_change_at AS "lastChangeAt"
       FROM work_orders WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new ProblemException(404, 'no such work order');
    assertSchoolScope(user, row.schoolId);
    return row as { status: WorkOrderStatus; priority: WorkOrderPriority; assignee: string | null; schoolId: string | null; requestedAt: Date; targetAt: Date; dueDate: string | null; lastChangeAt: Date };
  }

  private async assertAssetOf(manager: EntityManager, assetId: string, buildingId: string): Promise<void> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM assets WHERE id = $1 AND building_id = $2', [assetId, buildingId]);
    if (!rows.length) throw invalid('assetId', 'no such asset in this building');
  }
}
