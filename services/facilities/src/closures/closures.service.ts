import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BuildingClosure, ClosureKind, FacilitiesEvents } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, scopedSchoolIds } from '@district/service-kit';
import { resolveBuilding } from '../common/buildings-lookup';
import { FacilitiesSettings } from '../common/settings';
import { Where } from '../common/sql';
import { datesProblem, defaultLiftedFrom, liftProblem } from './domain/closure-rules';
import { ChangeClosureDto, ClosureQuery, ClosureResponse, DeclareClosureDto, LiftClosureDto } from './dto/closure.dto';

const COLUMNS = `c.id, c.building_id AS "buildingId", c.school_id AS "schoolId", c.kind, c.from_date::text AS "from", c.to_date::text AS "to", c.reason,
  c.status, c.lifted_from::text AS "liftedFrom", c.work_order_id AS "workOrderId", c.version`;

/** Days a closure really keeps its building closed: up to `to`, or up to the day before it was lifted. */
export const CLOSED_ON = (alias: string, dateParam: string) =>
  `(${alias}.from_date <= ${dateParam}::date AND ${alias}.to_date >= ${dateParam}::date AND (${alias}.status = 'scheduled' OR ${alias}.lifted_from > ${dateParam}::date))`;

export interface ClosureSpec {
  buildingId?: string;
  schoolId?: string;
  kind: ClosureKind;
  from: string;
  to: string;
  reason: string;
  workOrderId?: string;
}

const invalid = (field: string, message: string) => new ProblemException(422, message, { errors: [{ field, message }] });

/**
 * Building closures (DOMAIN.md section 7, flow 4): each change is one transaction that writes the closure
 * and its event (BuildingClosed or BuildingReopened, with the closure's increasing version) to the outbox.
 */
@Injectable()
export class ClosuresService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
  ) {}

  declare(dto: DeclareClosureDto, user: AuthUser): Promise<ClosureResponse> {
    return this.uow.run((tx) => this.declareInTx(tx, dto, user));
  }

  /** Declares a closure inside the caller's transaction (also used by an emergency work order). */
  async declareInTx(tx: Tx, spec: ClosureSpec, user: AuthUser | null): Promise<ClosureResponse> {
    const problem = datesProblem(spec);
    if (problem) throw invalid('to', problem);
    // the building's row lock serialises closures of one building, so the overlap check holds
    const building = await resolveBuilding(tx.manager, user, spec, true);
    await this.assertNoOverlap(tx.manager, building.id, spec.from, spec.to, null);
    const id = randomUUID();
    await tx.manager.query(
      `INSERT INTO closures (id, building_id, school_id, kind, from_date, to_date, reason, status, work_order_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8, 1)`,
      [id, building.id, building.schoolId, spec.kind, spec.from, spec.to, spec.reason, spec.workOrderId ?? null],
    );
    const closure = await this.load(tx.manager, id);
    tx.publish(FacilitiesEvents.BuildingClosed, this.event(closure));
    return closure;
  }

  change(id: string, dto: ChangeClosureDto, user: AuthUser): Promise<ClosureResponse> {
    return this.uow.run(async (tx) => {
      const current = await this.load(tx.manager, id, true);
      assertSchoolScope(user, current.schoolId);
      if (current.status === 'lifted') throw new ProblemException(409, 'the closure is lifted; declare a new one');
      const next = { from: dto.from ?? current.from, to: dto.to ?? current.to, reason: dto.reason ?? current.reason, kind: dto.kind ?? current.kind };
      const problem = datesProblem(next);
      if (problem) throw invalid('to', problem);
      if (next.from === current.from && next.to === current.to && next.reason === current.reason && next.kind === current.kind) return current;
      await tx.manager.query('SELECT 1 FROM buildings WHERE id = $1 FOR UPDATE', [current.buildingId]);
      await this.assertNoOverlap(tx.manager, current.buildingId, next.from, next.to, id);
      await tx.manager.query(
        `UPDATE closures SET from_date = $2, to_date = $3, reason = $4, kind = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, next.from, next.to, next.reason, next.kind],
      );
      const closure = await this.load(tx.manager, id);
      tx.publish(FacilitiesEvents.BuildingClosed, this.event(closure));
      return closure;
    });
  }

  lift(id: string, dto: LiftClosureDto, user: AuthUser): Promise<ClosureResponse> {
    return this.uow.run(async (tx) => {
      const current = await this.load(tx.manager, id, true);
      assertSchoolScope(user, current.schoolId);
      if (current.status === 'lifted') throw new ProblemException(409, 'the closure is lifted already');
      const liftedFrom = dto.liftedFrom ?? defaultLiftedFrom(current, this.settings.today());
      const problem = liftProblem({ ...current, status: 'scheduled', liftedFrom: null }, liftedFrom);
      if (problem) throw invalid('liftedFrom', problem);
      await tx.manager.query(`UPDATE closures SET status = 'lifted', lifted_from = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, liftedFrom]);
      const closure = await this.load(tx.manager, id);
      tx.publish(FacilitiesEvents.BuildingReopened, { ...this.event(closure), liftedFrom });
      return closure;
    });
  }

  async get(id: string, user: AuthUser): Promise<ClosureResponse> {
    const closure = await this.load(this.ds.manager, id);
    assertSchoolScope(user, closure.schoolId);
    return closure;
  }

  async list(q: ClosureQuery, user: AuthUser): Promise<Page<ClosureResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('c.school_id = ANY(?::uuid[])', schools);
    if (q.buildingId) w.add('c.building_id = ?', q.buildingId);
    if (q.kind) w.add('c.kind = ?', q.kind);
    if (q.status) w.add('c.status = ?', q.status);
    if (q.activeOn) w.add(CLOSED_ON('c', w.param(q.activeOn)));
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM closures c ${w.clause}`, w.params);
    const items: ClosureResponse[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM closures c ${w.clause} ORDER BY c.from_date DESC, c.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<ClosureResponse> {
    const [row]: ClosureResponse[] = await manager.query(`SELECT ${COLUMNS} FROM closures c WHERE c.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw new ProblemException(404, 'no such closure');
    return row;
  }

  private async assertNoOverlap(manager: EntityManager, buildingId: string, from: string, to: string, except: string | null): Promise<void> {
    const clash: { id: string; from: string; to: string }[] = await manager.query(
      `SELECT id, from_date::text AS "from", to_date::text AS "to" FROM closures
       WHERE building_id = $1 AND ($4::uuid IS NULL OR id <> $4) AND from_date <= $3::date
         AND (CASE WHEN status = 'scheduled' THEN to_date ELSE lifted_from - 1 END) >= $2::date
         AND (status = 'scheduled' OR lifted_from > from_date)
       LIMIT 1`,
      [buildingId, from, to, except],
    );
    if (clash.length) throw new ProblemException(409, `the building already has a closure from ${clash[0].from} to ${clash[0].to} (${clash[0].id}); change that one`);
  }

  private event(c: ClosureResponse): BuildingClosure {
    return { closureId: c.id, buildingId: c.buildingId, schoolId: c.schoolId, kind: c.kind, from: c.from, to: c.to, reason: c.reason, version: c.version };
  }
}
