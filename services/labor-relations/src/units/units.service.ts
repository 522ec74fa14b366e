import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, ProblemException } from '@district/service-kit';
import { CreateUnitDto, UnitView, UpdateUnitDto } from './dto/unit.dto';

const ref = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'title', ${alias}.title, 'status', ${alias}.status,
     'effectiveOn', ${alias}.effective_on, 'expiresOn', ${alias}.expires_on) END`;

const SELECT = `
  SELECT u.id, u.name, u.union_name AS "unionName", u.local, u.employee_count AS "employeeCount",
         ${ref('cur')} AS "currentContract", ${ref('pend')} AS "pendingContract"
  FROM bargaining_units u
  LEFT JOIN LATERAL (SELECT * FROM contracts c WHERE c.unit_id = u.id AND c.status IN ('ratified', 'active', 'expired', 'superseded')
                     ORDER BY (c.status <> 'superseded') DESC, c.effective_on DESC LIMIT 1) cur ON true
  LEFT JOIN LATERAL (SELECT * FROM contracts c WHERE c.unit_id = u.id AND c.status IN ('in-negotiation', 'tentative-agreement')
                     ORDER BY c.effective_on DESC LIMIT 1) pend ON true`;

/** Bargaining units (union, local, employee count). */
@Injectable()
export class UnitsService {
  constructor(private readonly ds: DataSource) {}

  async create(dto: CreateUnitDto): Promise<UnitView> {
    const id = randomUUID();
    await this.ds.query(`INSERT INTO bargaining_units (id, name, union_name, local, employee_count) VALUES ($1, $2, $3, $4, $5)`,
      [id, dto.name, dto.unionName, dto.local ?? null, dto.employeeCount]);
    return this.get(id);
  }

  async update(id: string, dto: UpdateUnitDto): Promise<UnitView> {
    const [, n] = await this.ds.query(
      `UPDATE bargaining_units SET name = coalesce($2, name), union_name = coalesce($3, union_name), local = CASE WHEN $6 THEN $4 ELSE local END,
         employee_count = coalesce($5, employee_count), updated_at = now() WHERE id = $1`,
      [id, dto.name ?? null, dto.unionName ?? null, dto.local ?? null, dto.employeeCount ?? null, 'local' in dto],
    );
    if (!n) throw new ProblemException(404, 'no such bargaining unit');
    return this.get(id);
  }

  async list(q: { limit: number; offset: number }): Promise<Page<UnitView>> {
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM bargaining_units`);
    const items: UnitView[] = await this.ds.query(`${SELECT} ORDER BY u.name LIMIT $1 OFFSET $2`, [q.limit, q.offset]);
    return { items, total };
  }

  async get(id: string): Promise<UnitView> {
    const [u]: UnitView[] = await this.ds.query(`${SELECT} WHERE u.id = $1`, [id]);
    if (!u) throw new ProblemException(404, 'no such bargaining unit');
    return u;
  }
}
