import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContractSnapshot, LaborEvents } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { Page, ProblemException, DistrictClock } from '@district/service-kit';
import { addDays } from '../calendar/domain/dates';
import { GrievanceDeadlines } from '../grievances/grievance-deadlines.service';
import { domainCall } from '../common/errors';
import { statusOnRatification } from './domain/contract-status';
import { DEFAULT_PROCEDURE, GrievanceProcedure, procedureErrors } from './domain/grievance-procedure';
import { ContractQuery, ContractView, CreateContractDto, RatifyDto, TentativeAgreementReachedDto, UpdateContractDto } from './dto/contract.dto';

const SELECT = `
  SELECT c.id, c.unit_id AS "unitId", u.name AS "unitName", u.employee_count AS "employeeCount", c.title,
         c.effective_on::text AS "effectiveOn", c.expires_on::text AS "expiresOn", c.status,
         c.tentative_agreement_on::text AS "tentativeAgreementOn", c.ratified_on::text AS "ratifiedOn",
         c.predecessor_id AS "predecessorId", (SELECT s.id FROM contracts s WHERE s.predecessor_id = c.id) AS "successorId",
         c.grievance_procedure AS "grievanceProcedure", c.version
  FROM contracts c JOIN bargaining_units u ON u.id = c.unit_id`;

type ContractRow = ContractView & { employeeCount: number };

export function contractSnapshot(c: ContractRow): ContractSnapshot {
  return {
    id: c.id, unitId: c.unitId, unitName: c.unitName, employeeCount: c.employeeCount, title: c.title, effectiveOn: c.effectiveOn, expiresOn: c.expiresOn,
    status: c.status, ratifiedOn: c.ratifiedOn, predecessorId: c.predecessorId, version: c.version,
  };
}

const view = ({ employeeCount: _e, ...rest }: ContractRow): ContractView => rest;

function checkProcedure(p: GrievanceProcedure): void {
  const errors = procedureErrors(p);
  if (errors.length) throw new ProblemException(422, 'the grievance procedure is not usable', { errors });
}

/** Contracts and their lifecycle: negotiated, tentatively agreed, ratified (published), in force, expired (published by the daily job). */
@Injectable()
export class ContractsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: DistrictClock,
    private readonly deadlines: GrievanceDeadlines,
  ) {}

  async loadRow(manager: EntityManager, id: string, lock = false): Promise<ContractRow> {
    const [c]: ContractRow[] = await manager.query(`${SELECT} WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
    if (!c) throw new ProblemException(404, 'no such contract');
    return c;
  }

  /** 409 when another ratified contract of the unit overlaps the term (the one being succeeded excepted). */
  private async assertNoOverlap(tx: Tx, c: { id: string; unitId: string; effectiveOn: string; expiresOn: string; predecessorId: string | null }): Promise<void> {
    const clash: { title: string }[] = await tx.manager.query(
      `SELECT title FROM contracts WHERE unit_id = $1 AND id <> $2 AND ($3::uuid IS NULL OR id <> $3::uuid) AND status IN ('ratified', 'active')
         AND daterange(effective_on, expires_on, '[]') && daterange($4::date, $5::date, '[]')`,
      [c.unitId, c.id, c.predecessorId, c.effectiveOn, c.expiresOn],
    );
    if (clash.length) throw new ProblemException(409, `the unit has another contract in force for these dates: ${clash[0].title}`);
  }

  async create(dto: CreateContractDto): Promise<ContractView> {
    if (dto.expiresOn <= dto.effectiveOn) throw new ProblemException(422, 'expiresOn must be after effectiveOn', { errors: [{ field: 'expiresOn', message: 'must be after effectiveOn' }] });
    const today = this.clock.today();
    if (dto.ratifiedOn && dto.ratifiedOn > today) throw new ProblemException(422, 'ratifiedOn cannot be in the future', { errors: [{ field: 'ratifiedOn', message: 'cannot be in the future' }] });
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const [unit] = await tx.manager.query(`SELECT id FROM bargaining_units WHERE id = $1 FOR UPDATE`, [dto.unitId]);
      if (!unit) throw new ProblemException(422, 'no such bargaining unit', { errors: [{ field: 'unitId', message: 'no such bargaining unit' }] });
      let procedure: GrievanceProcedure = dto.grievanceProcedure ?? DEFAULT_PROCEDURE;
      if (dto.predecessorId) {
        const pred = await this.loadRow(tx.manager, dto.predecessorId, true).catch(() => {
          throw new ProblemException(422, 'no such predecessor contract', { errors: [{ field: 'predecessorId', message: 'no such contract' }] });
        });
        if (pred.unitId !== dto.unitId) throw new ProblemException(422, 'the predecessor belongs to another unit', { errors: [{ field: 'predecessorId', message: 'another unit' }] });
        if (pred.successorId) throw new ProblemException(409, 'that contract already has a successor');
        procedure = dto.grievanceProcedure ?? pred.grievanceProcedure;
      }
      checkProcedure(procedure);
      const status = dto.ratifiedOn ? statusOnRatification(dto, today) : 'in-negotiation';
      if (dto.ratifiedOn) await this.assertNoOverlap(tx, { id, unitId: dto.unitId, effectiveOn: dto.effectiveOn, expiresOn: dto.expiresOn, predecessorId: dto.predecessorId ?? null });
      await tx.manager.query(
        `INSERT INTO contracts (id, unit_id, title, effective_on, expires_on, status, ratified_on, predecessor_id, grievance_procedure)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, dto.unitId, dto.title, dto.effectiveOn, dto.expiresOn, status, dto.ratifiedOn ?? null, dto.predecessorId ?? null, JSON.stringify(procedure)],
      );
      if (dto.ratifiedOn) await this.publishRatified(tx, id);
    });
    return this.get(id);
  }

  async list(q: ContractQuery): Promise<Page<ContractView>> {
    const where = `WHERE ($1::uuid IS NULL OR c.unit_id = $1::uuid) AND ($2::text IS NULL OR c.status = $2::text)`;
    const params = [q.unitId ?? null, q.status ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM contracts c ${where}`, params);
    const rows: ContractRow[] = await this.ds.query(`${SELECT} ${where} ORDER BY u.name, c.effective_on DESC LIMIT $3 OFFSET $4`, [...params, q.limit, q.offset]);
    return { items: rows.map(view), total };
  }

  async get(id: string): Promise<ContractView> {
    return view(await this.loadRow(this.ds.manager, id));
  }

  async update(id: string, dto: UpdateContractDto): Promise<ContractView> {
    await this.uow.run(async (tx) => {
      const c = await this.loadRow(tx.manager, id, true);
      const datesChange = dto.effectiveOn !== undefined || dto.expiresOn !== undefined;
      if (datesChange && !['in-negotiation', 'tentative-agreement'].includes(c.status)) {
        throw new ProblemException(409, `the term of a ${c.status} contract cannot change; negotiate a successor`);
      }
      const next = { ...c, ...dto };
      if (next.expiresOn <= next.effectiveOn) throw new ProblemException(422, 'expiresOn must be after effectiveOn', { errors: [{ field: 'expiresOn', message: 'must be after effectiveOn' }] });
      if (dto.grievanceProcedure) checkProcedure(dto.grievanceProcedure);
      await tx.manager.query(
        `UPDATE contracts SET title = $2, effective_on = $3, expires_on = $4, grievance_procedure = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, next.title, next.effectiveOn, next.expiresOn, JSON.stringify(next.grievanceProcedure)],
      );
      if (dto.grievanceProcedure) await domainCall(() => this.deadlines.recomputeOpen(tx, this.clock.today(), id));
    });
    return this.get(id);
  }

  async reachTentativeAgreement(id: string, dto: TentativeAgreementReachedDto): Promise<ContractView> {
    if (dto.agreedOn > this.clock.today()) throw new ProblemException(422, 'agreedOn cannot be in the future', { errors: [{ field: 'agreedOn', message: 'cannot be in the future' }] });
    await this.uow.run(async (tx) => {
      const c = await this.loadRow(tx.manager, id, true);
      if (c.status !== 'in-negotiation') throw new ProblemException(409, `the contract is ${c.status}, not in negotiation`);
      await tx.manager.query(
        `UPDATE contracts SET status = 'tentative-agreement', tentative_agreement_on = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, dto.agreedOn],
      );
    });
    return this.get(id);
  }

  /** Ratification: the contract is in force from its effective date (or now); the predecessor is superseded; evt.labor.contract.ratified.v1. */
  async ratify(id: string, dto: RatifyDto): Promise<ContractView> {
    const today = this.clock.today();
    if (dto.ratifiedOn > today) throw new ProblemException(422, 'ratifiedOn cannot be in the future', { errors: [{ field: 'ratifiedOn', message: 'cannot be in the future' }] });
    await this.uow.run(async (tx) => {
      const c = await this.loadRow(tx.manager, id, true);
      if (c.status !== 'tentative-agreement') throw new ProblemException(409, `the contract is ${c.status}; only a tentative agreement can be ratified`);
      if (c.tentativeAgreementOn && dto.ratifiedOn < c.tentativeAgreementOn) {
        throw new ProblemException(422, `ratification cannot precede the tentative agreement (${c.tentativeAgreementOn})`, { errors: [{ field: 'ratifiedOn', message: 'before the tentative agreement' }] });
      }
      if (c.expiresOn < dto.ratifiedOn) throw new ProblemException(422, 'the contract would have expired before ratification', { errors: [{ field: 'ratifiedOn', message: 'after the expiry date' }] });
      await this.assertNoOverlap(tx, c);
      await tx.manager.query(`UPDATE contracts SET status = $2, ratified_on = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, statusOnRatification(c, today), dto.ratifiedOn]);
      await this.publishRatified(tx, id);
    });
    return this.get(id);
  }

  private async publishRatified(tx: Tx, id: string): Promise<void> {
    const c = await this.loadRow(tx.manager, id);
    let superseded: string | null = null;
    if (c.predecessorId) {
      const [, n] = await tx.manager.query(
        `UPDATE contracts SET status = 'superseded', version = version + 1, updated_at = now() WHERE id = $1 AND status IN ('active', 'ratified', 'expired')`,
        [c.predecessorId],
      );
      if (n) superseded = c.predecessorId;
    }
    tx.publish(LaborEvents.ContractRatified, { contract: contractSnapshot(c), supersededContractId: superseded });
  }

  /** Ratified contracts whose effective date has come become active (no event: ratification was published). */
  async activateDue(today: string): Promise<number> {
    const [, n] = await this.ds.query(
      `UPDATE contracts SET status = 'active', version = version + 1, updated_at = now() WHERE status = 'ratified' AND effective_on <= $1`,
      [today],
    );
    return n;
  }

  /** Contracts in force whose expiry date has passed, as (id, expiresOn) occurrences for the expiry job. */
  async dueToExpire(today: string): Promise<{ id: string; expiresOn: string }[]> {
    return this.ds.query(
      `SELECT id, expires_on::text AS "expiresOn" FROM contracts WHERE status IN ('active', 'ratified') AND expires_on < $1 ORDER BY expires_on, id`,
      [today],
    );
  }

  /** Marks one contract expired (status quo) and publishes evt.labor.contract.expired.v1, in the caller's claimed transaction. */
  async expire(tx: Tx, id: string, expiresOn: string): Promise<boolean> {
    const c = await this.loadRow(tx.manager, id, true);
    if (!['active', 'ratified'].includes(c.status) || c.expiresOn !== expiresOn) return false;
    await tx.manager.query(`UPDATE contracts SET status = 'expired', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    const after = await this.loadRow(tx.manager, id);
    tx.publish(LaborEvents.ContractExpired, { contract: contractSnapshot(after), statusQuoFrom: addDays(expiresOn, 1) });
    return true;
  }
}
