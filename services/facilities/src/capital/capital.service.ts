import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, scopedSchoolIds } from '@district/service-kit';
import { resolveBuilding } from '../common/buildings-lookup';
import { FacilitiesSettings } from '../common/settings';
import { insertRows } from '@district/persistence';
import { Where } from '../common/sql';
import { onBudget, onSchedule } from './domain/capital-flags';
import { CreateProjectDto, MilestoneDto, ProjectQuery, ProjectResponse, UpdateMilestoneDto, UpdateProjectDto } from './dto/capital.dto';

const COLUMNS = `p.id, p.building_id AS "buildingId", p.school_id AS "schoolId", p.name, p.status, p.budget::float AS budget, p.committed::float AS committed,
  p.spent::float AS spent, p.start_date::text AS "startDate", p.planned_end::text AS "plannedEnd", p.completed_on::text AS "completedOn",
  coalesce((SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'plannedDate', m.planned_date, 'actualDate', m.actual_date) ORDER BY m.planned_date, m.id)
            FROM capital_milestones m WHERE m.project_id = p.id), '[]'::json) AS milestones`;

type ProjectRow = Omit<ProjectResponse, 'onBudget' | 'onSchedule'>;

/** Capital projects: budget, committed and spent, milestones planned and actual; on budget / on schedule flags. */
@Injectable()
export class CapitalService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
  ) {}

  private flags(row: ProjectRow): ProjectResponse {
    return { ...row, onBudget: onBudget(row), onSchedule: onSchedule(row, this.settings.today()) };
  }

  async create(dto: CreateProjectDto, user: AuthUser): Promise<ProjectResponse> {
    if (dto.plannedEnd < dto.startDate) throw new ProblemException(422, 'plannedEnd cannot be before startDate', { errors: [{ field: 'plannedEnd', message: 'before startDate' }] });
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const b = await resolveBuilding(tx.manager, user, dto);
      await tx.manager.query(
        `INSERT INTO capital_projects (id, building_id, school_id, name, status, budget, committed, spent, start_date, planned_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, b.id, b.schoolId, dto.name, dto.status, dto.budget, dto.committed ?? 0, dto.spent ?? 0, dto.startDate, dto.plannedEnd],
      );
      await insertRows(tx.manager, 'capital_milestones', ['id', 'project_id', 'name', 'planned_date', 'actual_date'],
        (dto.milestones ?? []).map((m) => [randomUUID(), id, m.name, m.plannedDate, m.actualDate ?? null]));
    });
    return this.get(id, user);
  }

  async update(id: string, dto: UpdateProjectDto, user: AuthUser): Promise<ProjectResponse> {
    const current = await this.get(id, user);
    if (dto.completedOn && (dto.status ?? current.status) !== 'completed') {
      throw new ProblemException(422, 'completedOn goes with status completed', { errors: [{ field: 'completedOn', message: 'status must be completed' }] });
    }
    await this.uow.run((tx) =>
      tx.manager.query(
        `UPDATE capital_projects SET status = coalesce($2, status), budget = coalesce($3, budget), committed = coalesce($4, committed), spent = coalesce($5, spent),
           planned_end = coalesce($6, planned_end), completed_on = CASE WHEN coalesce($2, status) = 'completed' THEN coalesce($7, completed_on) END, updated_at = now()
         WHERE id = $1`,
        [id, dto.status ?? null, dto.budget ?? null, dto.committed ?? null, dto.spent ?? null, dto.plannedEnd ?? null, dto.completedOn ?? null],
      ),
    );
    return this.get(id, user);
  }

  async addMilestone(id: string, dto: MilestoneDto, user: AuthUser): Promise<ProjectResponse> {
    await this.get(id, user);
    await this.uow.run((tx) =>
      tx.manager.query('INSERT INTO capital_milestones (id, project_id, name, planned_date, actual_date) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), id, dto.name, dto.plannedDate, dto.actualDate ?? null]),
    );
    return this.get(id, user);
  }

  async updateMilestone(id: string, milestoneId: string, dto: UpdateMilestoneDto, user: AuthUser): Promise<ProjectResponse> {
    await this.get(id, user);
    const updated: unknown[] = await this.uow.run((tx) =>
      tx.manager.query(
        `UPDATE capital_milestones SET planned_date = coalesce($3, planned_date), actual_date = coalesce($4, actual_date) WHERE id = $1 AND project_id = $2 RETURNING id`,
        [milestoneId, id, dto.plannedDate ?? null, dto.actualDate ?? null],
      ),
    );
    if (!updated.length) throw new ProblemException(404, 'no such milestone in this project');
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser): Promise<ProjectResponse> {
    const [row]: ProjectRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM capital_projects p WHERE p.id = $1`, [id]);
    if (!row) throw new ProblemException(404, 'no such capital project');
    assertSchoolScope(user, row.schoolId);
    return this.flags(row);
  }

  async list(q: ProjectQuery, user: AuthUser): Promise<Page<ProjectResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('p.school_id = ANY(?::uuid[])', schools);
    if (q.status) w.add('p.status = ?', q.status);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM capital_projects p ${w.clause}`, w.params);
    const rows: ProjectRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM capital_projects p ${w.clause} ORDER BY p.planned_end, p.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items: rows.map((r) => this.flags(r)), total };
  }
}
