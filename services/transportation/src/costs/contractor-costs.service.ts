import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { Page, ProblemException } from '@district/service-kit';
import { CostQuery, CostView, CreateCostDto, UpdateCostDto } from './dto/cost.dto';

const VIEW = `SELECT id, to_char(month, 'YYYY-MM') AS month, contractor, amount::float8 AS amount, notes FROM contractor_costs`;

/** Monthly transportation costs by contractor (and the district fleet's own, as "district"): cost per rider and per mile. */
@Injectable()
export class ContractorCostsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  create(dto: CreateCostDto): Promise<CostView> {
    return this.uow.run(async (tx) => {
      const [{ id }] = await tx.manager.query('INSERT INTO contractor_costs (month, contractor, amount, notes) VALUES ($1, $2, $3, $4) RETURNING id', [
        `${dto.month}-01`, dto.contractor, dto.amount, dto.notes ?? null,
      ]);
      return (await tx.manager.query(`${VIEW} WHERE id = $1`, [id]))[0];
    });
  }

  update(id: string, dto: UpdateCostDto): Promise<CostView> {
    return this.uow.run(async (tx) => {
      const [, n] = await tx.manager.query('UPDATE contractor_costs SET amount = coalesce($2, amount), notes = coalesce($3, notes), updated_at = now() WHERE id = $1', [
        id, dto.amount ?? null, dto.notes ?? null,
      ]);
      if (!n) throw new ProblemException(404, 'no such cost record');
      return (await tx.manager.query(`${VIEW} WHERE id = $1`, [id]))[0];
    });
  }

  async remove(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [, n] = await tx.manager.query('DELETE FROM contractor_costs WHERE id = $1', [id]);
      if (!n) throw new ProblemException(404, 'no such cost record');
    });
  }

  async list(q: CostQuery): Promise<Page<CostView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.from) where.push(`month >= $${params.push(`${q.from}-01`)}`);
    if (q.to) where.push(`month <= $${params.push(`${q.to}-01`)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM contractor_costs ${clause}`, params);
    const items = await this.ds.query(`${VIEW} ${clause} ORDER BY month, contractor LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`, params);
    return { items, total };
  }
}
