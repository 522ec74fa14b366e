import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { Page, PageQuery, ProblemException } from '@district/service-kit';
import { CreateRouteDto, RouteView, UpdateRouteDto } from './dto/run.dto';

const VIEW = 'SELECT rt.id, rt.code, rt.name, (SELECT count(*)::int FROM runs r WHERE r.route_id = rt.id) AS runs FROM routes rt';

/** A route groups the runs one driver and vehicle make in a day (its tiers). */
@Injectable()
export class RoutesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  create(dto: CreateRouteDto): Promise<RouteView> {
    return this.uow.run(async (tx) => {
      const [{ id }] = await tx.manager.query('INSERT INTO routes (code, name) VALUES ($1, $2) RETURNING id', [dto.code, dto.name]);
      return (await tx.manager.query(`${VIEW} WHERE rt.id = $1`, [id]))[0];
    });
  }

  update(id: string, dto: UpdateRouteDto): Promise<RouteView> {
    return this.uow.run(async (tx) => {
      const [, n] = await tx.manager.query('UPDATE routes SET code = coalesce($2, code), name = coalesce($3, name), updated_at = now() WHERE id = $1', [id, dto.code ?? null, dto.name ?? null]);
      if (!n) throw new ProblemException(404, 'no such route');
      return (await tx.manager.query(`${VIEW} WHERE rt.id = $1`, [id]))[0];
    });
  }

  async remove(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [row] = await tx.manager.query('SELECT (SELECT count(*) FROM runs WHERE route_id = $1)::int AS runs FROM routes WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw new ProblemException(404, 'no such route');
      if (row.runs) throw new ProblemException(409, `the route has ${row.runs} runs: move or delete them first`);
      await tx.manager.query('DELETE FROM routes WHERE id = $1', [id]);
    });
  }

  async get(id: string): Promise<RouteView> {
    const [row] = await this.ds.query(`${VIEW} WHERE rt.id = $1`, [id]);
    if (!row) throw new ProblemException(404, 'no such route');
    return row;
  }

  async list(q: PageQuery): Promise<Page<RouteView>> {
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM routes');
    return { items: await this.ds.query(`${VIEW} ORDER BY rt.code LIMIT $1 OFFSET $2`, [q.limit, q.offset]), total };
  }
}
