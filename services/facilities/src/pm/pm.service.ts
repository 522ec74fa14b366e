import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledJobs, UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, scopedSchoolIds } from '@district/service-kit';
import { addDays } from '../common/domain/dates';
import { FacilitiesSettings } from '../common/settings';
import { Where } from '../common/sql';
import { WorkOrdersService } from '../work-orders/work-orders.service';
import { nextDueAfter, occurrenceKey, PmUnit } from './domain/pm-schedule';
import { CreatePmScheduleDto, PmScheduleQuery, PmScheduleResponse, UpdatePmScheduleDto } from './dto/pm.dto';

export const PM_JOB = 'pm-work-order';
const BATCH = 200;

const COLUMNS = `p.id, p.asset_id AS "assetId", p.building_id AS "buildingId", b.school_id AS "schoolId", p.title, p.trade, p.every, p.unit,
  p.anchor_date::text AS "anchorDate", p.next_due::text AS "nextDue", p.active`;

interface DueSchedule {
  id: string;
  assetId: string;
  buildingId: string;
  schoolId: string | null;
  title: string;
  trade: string;
  every: number;
  unit: PmUnit;
  anchorDate: string;
  nextDue: string;
}

/**
 * Preventive-maintenance schedules and the job that turns due occurrences into work orders. Every replica
 * ticks; each (schedule, due date) is claimed through ScheduledJobs.runOnce, so it yields exactly one work
 * order however many replicas run (ADR 0017, 0025).
 */
@Injectable()
export class PmService {
  private readonly log = new Logger('PreventiveMaintenance');

  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly jobs: ScheduledJobs,
    private readonly settings: FacilitiesSettings,
    private readonly workOrders: WorkOrdersService,
  ) {
    jobs.every('pm-generation', settings.pmTickMs, () => this.generateDue());
  }

  /** Generates the work orders of every occurrence due by today + lead days; returns how many this replica generated. */
  async generateDue(now = new Date()): Promise<number> {
    const horizon = addDays(this.settings.today(now), this.settings.pmLeadDays);
    const tried = new Set<string>();
    let generated = 0;
    for (;;) {
      const due: DueSchedule[] = await this.ds.query(
        `SELECT ${COLUMNS} FROM pm_schedules p JOIN buildings b ON b.id = p.building_id
         WHERE p.active AND p.next_due <= $1 ORDER BY p.next_due, p.id LIMIT ${BATCH}`,
        [horizon],
      );
      const fresh = due.filter((s) => !tried.has(occurrenceKey(s.id, s.nextDue)));
      if (fresh.length === 0) break;
      for (const s of fresh) {
        const key = occurrenceKey(s.id, s.nextDue);
        tried.add(key);
        const next = nextDueAfter(s, s.nextDue);
        let created = false;
        const claimed = await this.jobs.runOnce(PM_JOB, key, async (tx) => {
          // the schedule may have moved on (paused, or advanced by a replica that claimed under another key)
          const still: unknown[] = await tx.manager.query('SELECT 1 FROM pm_schedules WHERE id = $1 AND next_due = $2 AND active FOR UPDATE', [s.id, s.nextDue]);
          if (!still.length) return;
          await this.workOrders.insert(tx, {
            buildingId: s.buildingId, schoolId: s.schoolId, assetId: s.assetId, pmScheduleId: s.id, title: s.title, priority: 'scheduled',
            trade: s.trade, dueDate: s.nextDue, requestedAt: now, actor: 'preventive-maintenance',
          });
          await tx.manager.query('UPDATE pm_schedules SET next_due = $2 WHERE id = $1', [s.id, next]);
          created = true;
        });
        if (created) generated++;
        // claimed earlier (by another replica): its work order exists, so the schedule moves past that date
        else if (!claimed) await this.ds.query('UPDATE pm_schedules SET next_due = $3 WHERE id = $1 AND next_due = $2', [s.id, s.nextDue, next]);
      }
    }
    if (generated) this.log.log(`generated ${generated} preventive-maintenance work orders (due by ${horizon})`);
    return generated;
  }

  async create(dto: CreatePmScheduleDto, user: AuthUser): Promise<PmScheduleResponse> {
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const [asset] = await tx.manager.query(
        'SELECT a.building_id AS "buildingId", b.school_id AS "schoolId" FROM assets a JOIN buildings b ON b.id = a.building_id WHERE a.id = $1',
        [dto.assetId],
      );
      if (!asset) throw new ProblemException(422, 'no such asset', { errors: [{ field: 'assetId', message: 'unknown asset' }] });
      assertSchoolScope(user, asset.schoolId);
      await tx.manager.query(
        `INSERT INTO pm_schedules (id, asset_id, building_id, title, trade, every, unit, anchor_date, next_due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [id, dto.assetId, asset.buildingId, dto.title, dto.trade, dto.every, dto.unit, dto.firstDue],
      );
    });
    return this.get(id, user);
  }

  async update(id: string, dto: UpdatePmScheduleDto, user: AuthUser): Promise<PmScheduleResponse> {
    const current = await this.get(id, user);
    await this.uow.run(async (tx) => {
      let nextDue = current.nextDue;
      // a schedule resumed after a pause continues from its next date after today, not with the backlog
      if (dto.active === true && !current.active && nextDue < this.settings.today()) nextDue = nextDueAfter({ ...current, unit: current.unit as PmUnit }, addDays(this.settings.today(), -1));
      await tx.manager.query(
        `UPDATE pm_schedules SET active = coalesce($2, active), title = coalesce($3, title), trade = coalesce($4, trade), next_due = $5 WHERE id = $1`,
        [id, dto.active ?? null, dto.title ?? null, dto.trade ?? null, nextDue],
      );
    });
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser): Promise<PmScheduleResponse> {
    const [row]: PmScheduleResponse[] = await this.ds.query(`SELECT ${COLUMNS} FROM pm_schedules p JOIN buildings b ON b.id = p.building_id WHERE p.id = $1`, [id]);
    if (!row) throw new ProblemException(404, 'no such schedule');
    assertSchoolScope(user, row.schoolId);
    return row;
  }

  async list(q: PmScheduleQuery, user: AuthUser): Promise<Page<PmScheduleResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('b.school_id = ANY(?::uuid[])', schools);
    if (q.buildingId) w.add('p.building_id = ?', q.buildingId);
    if (q.assetId) w.add('p.asset_id = ?', q.assetId);
    if (q.active !== undefined) w.add('p.active = ?', q.active);
    const from = `FROM pm_schedules p JOIN buildings b ON b.id = p.building_id ${w.clause}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, w.params);
    const items: PmScheduleResponse[] = await this.ds.query(`SELECT ${COLUMNS} ${from} ORDER BY p.next_due, p.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`, w.params);
    return { items, total };
  }
}
