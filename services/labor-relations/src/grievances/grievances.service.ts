import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { assertSchoolScope, AuthUser, Page, ProblemException, scopedSchoolIds, DistrictClock } from '@district/service-kit';
import { CalendarReader, deadlineFn } from '../calendar/calendar.reader';
import { addDays } from '../calendar/domain/dates';
import { toProblemException } from '../common/errors';
import type { GrievanceProcedure } from '../contracts/domain/grievance-procedure';
import { answerStep, appealGrievance, fileGrievance, GrievanceState, Transition, withdrawGrievance } from './domain/grievance-rules';
import { parseWithin } from './domain/within';
import {
  AnswerDto, AppealDto, DeadlineItem, DeadlinePage, DeadlinesQuery, FileGrievanceDto, GrievanceQuery, GrievanceRow, GrievanceView, WithdrawDto,
} from './dto/grievance.dto';
import { insertHistory, loadGrievanceForUpdate, LoadedGrievance, saveGrievances } from './grievance-store';

const ROW = `
  SELECT g.id, g.number, g.unit_id AS "unitId", u.name AS "unitName", g.contract_id AS "contractId", g.article, g.grievant_name AS "grievantName",
         g.school_id AS "schoolId", s.name AS "schoolName", g.filed_on::text AS "filedOn", g.status, g.current_step AS "currentStep",
         c.grievance_procedure -> 'steps' -> (g.current_step - 1) ->> 'name' AS "currentStepName", g.awaiting, g.due_on::text AS "dueOn",
         g.outcome, g.closed_reason AS "closedReason", g.closed_on::text AS "closedOn"`;
const FROM = `FROM grievances g JOIN bargaining_units u ON u.id = g.unit_id JOIN contracts c ON c.id = g.contract_id LEFT JOIN schools s ON s.id = g.school_id`;

const field422 = (field: string, message: string) => new ProblemException(422, message, { errors: [{ field, message }] });

/** Grievances through the contract's steps (DOMAIN.md section 6): each use case one transaction, its history recorded with it. */
@Injectable()
export class GrievancesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly calendar: CalendarReader,
    private readonly clock: DistrictClock,
  ) {}

  async file(dto: FileGrievanceDto, user: AuthUser): Promise<GrievanceView> {
    if (dto.schoolId) assertSchoolScope(user, dto.schoolId);
    else if (user.schools) throw new ProblemException(403, 'a school-scoped user files grievances at their schools only');
    const id = randomUUID();
    const today = this.clock.today();
    await this.uow.run(async (tx) => {
      const [unit] = await tx.manager.query(`SELECT id FROM bargaining_units WHERE id = $1`, [dto.unitId]);
      if (!unit) throw field422('unitId', 'no such bargaining unit');
      if (dto.schoolId) {
        const [school] = await tx.manager.query(`SELECT id FROM schools WHERE id = $1`, [dto.schoolId]);
        if (!school) throw field422('schoolId', 'no such school');
      }
      const contract = await this.governingContract(tx.manager, dto.unitId, dto.filedOn, dto.contractId);
      const cal = await this.calendar.load(tx.manager);
      let t: Transition;
      try {
        t = fileGrievance({ occurredOn: dto.occurredOn, filedOn: dto.filedOn, today }, contract.procedure, deadlineFn(cal, contract.procedure));
      } catch (err) {
        throw toProblemException(err);
      }
      const [{ n }] = await tx.manager.query(`SELECT nextval('grievance_numbers') AS n`);
      const number = `G-${dto.filedOn.slice(0, 4)}-${String(n).padStart(4, '0')}`;
      const s = t.state;
      await tx.manager.query(
        `INSERT INTO grievances (id, number, unit_id, contract_id, article, grievant_name, grievant_employee_id, school_id, description, occurred_on, filed_on,
           status, current_step, awaiting, due_on, due_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [id, number, dto.unitId, contract.id, dto.article, dto.grievantName, dto.grievantEmployeeId ?? null, dto.schoolId ?? null, dto.description,
          dto.occurredOn, dto.filedOn, s.status, s.currentStep, s.awaiting, s.dueOn, s.dueFrom],
      );
      await saveGrievances(tx.manager, [{ id, before: { ...s, steps: [] }, after: s, history: [] }], null);
      await insertHistory(tx.manager, t.history.map((h) => ({ grievanceId: id, ...h })), user.sub);
    });
    return this.get(id, user);
  }

  /** The contract a grievance is filed under: the one named (of the unit, ratified), else the one in force, else the expired one (status quo). */
  private async governingContract(manager: DataSource['manager'], unitId: string, filedOn: string, contractId?: string): Promise<{ id: string; procedure: GrievanceProcedure }> {
    const rows: { id: string; procedure: GrievanceProcedure }[] = await manager.query(
      `SELECT id, grievance_procedure AS procedure FROM contracts
       WHERE unit_id = $1 AND status IN ('ratified', 'active', 'expired', 'superseded') AND ($3::uuid IS NULL OR id = $3::uuid)
       ORDER BY ($2::date BETWEEN effective_on AND expires_on) DESC, (effective_on <= $2::date) DESC, effective_on DESC LIMIT 1`,
      [unitId, filedOn, contractId ?? null],
    );
    if (!rows.length) {
      throw contractId ? field422('contractId', 'no ratified contract of this unit with that id') : field422('unitId', 'the unit has no ratified contract to grieve under');
    }
    return rows[0];
  }

  async answer(id: string, dto: AnswerDto, user: AuthUser): Promise<GrievanceView> {
    await this.act(id, user, (g, today, deadline) => answerStep(g.state, { ...dto, today }, g.procedure, deadline), dto.response ? new Map([[`${id}:${dto.step}`, dto.response]]) : undefined);
    return this.get(id, user);
  }

  async appeal(id: string, dto: AppealDto, user: AuthUser): Promise<GrievanceView> {
    await this.act(id, user, (g, today, deadline) => appealGrievance(g.state, { appealedOn: dto.appealedOn, today }, g.procedure, deadline));
    return this.get(id, user);
  }

  async withdraw(id: string, dto: WithdrawDto, user: AuthUser): Promise<GrievanceView> {
    await this.act(id, user, (g, today) => {
      const s: GrievanceState = g.state;
      if (dto.on < s.steps[0].filedOn) throw field422('on', 'before the grievance was filed');
      return withdrawGrievance(s, { on: dto.on, today });
    });
    return this.get(id, user);
  }

  private async act(
    id: string,
    user: AuthUser,
    step: (g: LoadedGrievance, today: string, deadline: ReturnType<typeof deadlineFn>) => Transition,
    responses?: Map<string, string>,
  ): Promise<void> {
    const today = this.clock.today();
    await this.uow.run(async (tx) => {
      const g = await loadGrievanceForUpdate(tx.manager, id);
      if (!g) throw new ProblemException(404, 'no such grievance');
      assertSchoolScope(user, g.schoolId);
      const cal = await this.calendar.load(tx.manager);
      let t: Transition;
      try {
        t = step(g, today, deadlineFn(cal, g.procedure));
      } catch (err) {
        throw toProblemException(err);
      }
      await saveGrievances(tx.manager, [{ id, before: g.state, after: t.state, history: t.history }], user.sub, responses);
    });
  }

  async list(q: GrievanceQuery, user: AuthUser): Promise<Page<GrievanceRow>> {
    const schools = scopedSchoolIds(user, q.schoolId);
    const params: unknown[] = [schools ?? null, q.unitId ?? null, q.status ?? null, q.step ?? null];
    const where = `WHERE ($1::uuid[] IS NULL OR g.school_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR g.unit_id = $2::uuid)
      AND ($3::text IS NULL OR g.status = $3::text) AND ($4::int IS NULL OR g.current_step = $4::int)`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM grievances g ${where}`, params);
    const items: GrievanceRow[] = await this.ds.query(`${ROW} ${FROM} ${where} ORDER BY g.filed_on DESC, g.number DESC LIMIT $5 OFFSET $6`, [...params, q.limit, q.offset]);
    return { items, total };
  }

  async get(id: string, user: AuthUser): Promise<GrievanceView> {
    const [g] = await this.ds.query(
      `${ROW}, c.title AS "contractTitle", g.grievant_employee_id AS "grievantEmployeeId", g.description, g.occurred_on::text AS "occurredOn",
         c.grievance_procedure AS procedure,
         coalesce((SELECT json_agg(json_build_object('step', st.step, 'filedOn', st.filed_on, 'answerDueOn', st.answer_due_on, 'answeredOn', st.answered_on,
           'outcome', st.outcome, 'response', st.response, 'employerMissed', st.employer_missed) ORDER BY st.step) FROM grievance_steps st WHERE st.grievance_id = g.id), '[]') AS steps,
         coalesce((SELECT json_agg(json_build_object('on', h.on_date, 'kind', h.kind, 'step', h.step, 'detail', h.detail, 'recordedBy', h.recorded_by, 'recordedAt', h.recorded_at)
           ORDER BY h.id) FROM grievance_history h WHERE h.grievance_id = g.id), '[]') AS history
       ${FROM} WHERE g.id = $1`,
      [id],
    );
    if (!g) throw new ProblemException(404, 'no such grievance');
    assertSchoolScope(user, g.schoolId);
    const { procedure, ...rest } = g as GrievanceView & { procedure: GrievanceProcedure };
    return {
      ...rest,
      steps: rest.steps.map((s) => ({ ...s, name: procedure.steps[s.step - 1]?.name ?? `Step ${s.step}`, answeredBy: procedure.steps[s.step - 1]?.answeredBy ?? '' })),
    };
  }

  /** What falls due from `date` (default today) through `within` days after it: grievance answers and appeals, and contract expiries. */
  async deadlines(q: DeadlinesQuery, user: AuthUser): Promise<DeadlinePage> {
    const days = parseWithin(q.within);
    if (days === null) throw new ProblemException(400, 'within must be a number of days (1d to 366d) or weeks (1w to 52w)', { errors: [{ field: 'within', message: 'e.g. 7d or 2w, at most 366 days' }] });
    const from = q.date ?? this.clock.today();
    const to = addDays(from, days);
    const schools = scopedSchoolIds(user, q.schoolId);
    const params: unknown[] = [from, to, schools ?? null, q.unitId ?? null];
    const union = `
      SELECT CASE g.awaiting WHEN 'answer' THEN 'grievance-answer' ELSE 'grievance-appeal' END AS kind, g.due_on AS due,
             (c.grievance_procedure -> 'steps' -> (CASE g.awaiting WHEN 'answer' THEN g.current_step ELSE g.current_step + 1 END - 1) ->> 'name')
               || CASE g.awaiting WHEN 'answer' THEN ' answer due: ' ELSE ' appeal due: ' END || g.number || ' (' || u.name || ', ' || g.article || ')' AS title,
             g.id AS "grievanceId", g.number, g.current_step AS step, CASE g.awaiting WHEN 'answer' THEN 'employer' ELSE 'union' END AS party,
             g.school_id AS "schoolId", s.name AS "schoolName", g.unit_id AS "unitId", u.name AS "unitName", g.contract_id AS "contractId"
      FROM grievances g JOIN bargaining_units u ON u.id = g.unit_id JOIN contracts c ON c.id = g.contract_id LEFT JOIN schools s ON s.id = g.school_id
      WHERE g.status = 'open' AND g.due_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR g.school_id = ANY($3::uuid[])) AND ($4::uuid IS NULL OR g.unit_id = $4::uuid)
      UNION ALL
      SELECT 'contract-expiry', c.expires_on, c.title || ' expires', NULL, NULL, NULL, NULL, NULL, NULL, c.unit_id, u.name, c.id
      FROM contracts c JOIN bargaining_units u ON u.id = c.unit_id
      WHERE c.status IN ('active', 'ratified') AND c.expires_on BETWEEN $1 AND $2 AND $3::uuid[] IS NULL AND ($4::uuid IS NULL OR c.unit_id = $4::uuid)`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM (${union}) x`, params);
    const items: DeadlineItem[] = await this.ds.query(
      `SELECT kind, due::text AS "dueOn", title, "grievanceId", number, step, party, "schoolId", "schoolName", "unitId", "unitName", "contractId"
       FROM (${union}) x ORDER BY due, kind, number NULLS FIRST LIMIT $5 OFFSET $6`,
      [...params, q.limit, q.offset],
    );
    return { from, to, items, total };
  }
}
