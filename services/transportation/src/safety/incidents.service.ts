import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { Page, ProblemException } from '@district/service-kit';
import { TransportationClock } from '../common/district-clock';
import { isDate } from '../common/domain/dates';
import { CreateIncidentDto, IncidentQuery, IncidentView } from './dto/incident.dto';

const VIEW = `SELECT i.id, i.vehicle_id AS "vehicleId", v.number AS "vehicleNumber", i.run_id AS "runId", to_char(i.occurred_on, 'YYYY-MM-DD') AS date,
  i.type, i.description, i.injuries, i.preventable FROM incidents i JOIN vehicles v ON v.id = i.vehicle_id`;

const unprocessable = (field: string, message: string) => new ProblemException(422, message, { errors: [{ field, message }] });

/** Incidents and accidents per vehicle and date; a row trigger keeps the monthly counts (fleet_monthly). */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: TransportationClock,
  ) {}

  create(dto: CreateIncidentDto, now = new Date()): Promise<IncidentView> {
    if (!isDate(dto.date)) throw unprocessable('date', 'not a calendar date');
    if (dto.date > this.clock.today(now)) throw unprocessable('date', 'an incident is recorded after it happens');
    if (dto.type === 'incident' && dto.preventable !== undefined) throw unprocessable('preventable', 'only an accident is rated preventable');
    return this.uow.run(async (tx) => {
      const [refs] = await tx.manager.query(
        'SELECT (SELECT count(*) FROM vehicles WHERE id = $1)::int AS vehicle, (SELECT count(*) FROM runs WHERE id = $2)::int AS run',
        [dto.vehicleId, dto.runId ?? null],
      );
      if (!refs.vehicle) throw unprocessable('vehicleId', 'no such vehicle');
      if (dto.runId && !refs.run) throw unprocessable('runId', 'no such run');
      const [{ id }] = await tx.manager.query(
        'INSERT INTO incidents (vehicle_id, run_id, occurred_on, type, description, injuries, preventable) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [dto.vehicleId, dto.runId ?? null, dto.date, dto.type, dto.description, dto.injuries ?? 0, dto.preventable ?? null],
      );
      return (await this.find(tx.manager, id))!;
    });
  }

  async remove(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [, n] = await tx.manager.query('DELETE FROM incidents WHERE id = $1', [id]);
      if (!n) throw new ProblemException(404, 'no such incident');
    });
  }

  async get(id: string): Promise<IncidentView> {
    const row = await this.find(this.ds.manager, id);
    if (!row) throw new ProblemException(404, 'no such incident');
    return row;
  }

  async list(q: IncidentQuery): Promise<Page<IncidentView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.type) where.push(`i.type = $${params.push(q.type)}`);
    if (q.vehicleId) where.push(`i.vehicle_id = $${params.push(q.vehicleId)}`);
    if (q.from) where.push(`i.occurred_on >= $${params.push(q.from)}`);
    if (q.to) where.push(`i.occurred_on <= $${params.push(q.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM incidents i ${clause}`, params);
    const items = await this.ds.query(`${VIEW} ${clause} ORDER BY i.occurred_on DESC, i.id LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`, params);
    return { items, total };
  }

  private async find(manager: EntityManager, id: string): Promise<IncidentView | undefined> {
    return (await manager.query(`${VIEW} WHERE i.id = $1`, [id]))[0];
  }
}
