import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { Page, ProblemException } from '@district/service-kit';
import { TransportationClock } from '../common/district-clock';
import { isDate } from '../common/domain/dates';
import { CreateVehicleDto, UpdateVehicleDto, VehicleQuery, VehicleView } from './dto/vehicle.dto';

const VIEW = `SELECT v.id, v.number, v.capacity, v.type, v.operator, v.contractor, v.fuel, to_char(v.in_service_date, 'YYYY-MM-DD') AS "inServiceDate",
  v.status, to_char(v.retired_on, 'YYYY-MM-DD') AS "retiredOn", (SELECT count(*)::int FROM runs r WHERE r.vehicle_id = v.id AND r.active) AS runs
  FROM vehicles v`;

/** The fleet: buses and vans, district-owned or a contractor's (DOMAIN.md section 2). */
@Injectable()
export class VehiclesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: TransportationClock,
  ) {}

  async create(dto: CreateVehicleDto): Promise<VehicleView> {
    this.checkDate('inServiceDate', dto.inServiceDate);
    if (dto.operator === 'district' && dto.contractor) throw invalid('contractor', 'only a contractor-operated vehicle names a contractor');
    return this.uow.run(async (tx) => {
      const [{ id }] = await tx.manager.query(
        `INSERT INTO vehicles (number, capacity, type, operator, contractor, fuel, in_service_date, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.number, dto.capacity, dto.type, dto.operator, dto.operator === 'contractor' ? dto.contractor : null, dto.fuel, dto.inServiceDate, dto.status ?? 'active'],
      );
      return (await this.find(tx.manager, id))!;
    });
  }

  async update(id: string, dto: UpdateVehicleDto): Promise<VehicleView> {
    if (dto.inServiceDate) this.checkDate('inServiceDate', dto.inServiceDate);
    if (dto.retiredOn) this.checkDate('retiredOn', dto.retiredOn);
    return this.uow.run(async (tx) => {
      const [current] = await tx.manager.query('SELECT operator, contractor, status, retired_on AS "retiredOn" FROM vehicles WHERE id = $1 FOR UPDATE', [id]);
      if (!current) throw new ProblemException(404, 'no such vehicle');
      const operator = dto.operator ?? current.operator;
      const contractor = dto.contractor !== undefined ? dto.contractor : operator === 'district' ? null : current.contractor;
      if (operator === 'contractor' && !contractor) throw invalid('contractor', 'a contractor-operated vehicle names its contractor');
      if (operator === 'district' && contractor) throw invalid('contractor', 'only a contractor-operated vehicle names a contractor');
      const status = dto.status ?? current.status;
      if (dto.retiredOn && status !== 'retired') throw invalid('retiredOn', 'only a retired vehicle has a retirement date');
      const retiredOn = status === 'retired' ? (dto.retiredOn ?? (current.status === 'retired' ? current.retiredOn : this.clock.today())) : null;
      const [{ runs, seatsNeeded }] = await tx.manager.query(
        `SELECT count(*)::int AS runs, coalesce(max((SELECT count(*) FROM stop_assignments a WHERE a.run_id = r.id)), 0)::int AS "seatsNeeded"
         FROM runs r WHERE r.vehicle_id = $1 AND r.active`,
        [id],
      );
      if (status === 'retired' && runs > 0) throw new ProblemException(409, `the vehicle serves ${runs} active runs: give them another vehicle first`);
      if (dto.capacity !== undefined && dto.capacity < seatsNeeded) {
        throw new ProblemException(409, `one of its runs has ${seatsNeeded} students assigned: capacity cannot go below that`);
      }
      await tx.manager.query(
        `UPDATE vehicles SET number = coalesce($2, number), capacity = coalesce($3, capacity), type = coalesce($4, type), operator = $5, contractor = $6,
           fuel = coalesce($7, fuel), in_service_date = coalesce($8, in_service_date), status = $9, retired_on = $10, updated_at = now() WHERE id = $1`,
        [id, dto.number ?? null, dto.capacity ?? null, dto.type ?? null, operator, contractor, dto.fuel ?? null, dto.inServiceDate ?? null, status, retiredOn],
      );
      return (await this.find(tx.manager, id))!;
    });
  }

  async remove(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [row] = await tx.manager.query(
        `SELECT (SELECT count(*) FROM runs WHERE vehicle_id = $1)::int AS runs, (SELECT count(*) FROM vehicle_mileage WHERE vehicle_id = $1)::int AS mileage,
                (SELECT count(*) FROM incidents WHERE vehicle_id = $1)::int AS incidents FROM vehicles WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new ProblemException(404, 'no such vehicle');
      if (row.runs || row.mileage || row.incidents) throw new ProblemException(409, 'the vehicle has runs or recorded operations: retire it instead (PATCH status "retired")');
      await tx.manager.query('DELETE FROM vehicles WHERE id = $1', [id]);
    });
  }

  async get(id: string): Promise<VehicleView> {
    const v = await this.find(this.ds.manager, id);
    if (!v) throw new ProblemException(404, 'no such vehicle');
    return v;
  }

  async list(q: VehicleQuery): Promise<Page<VehicleView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status) where.push(`v.status = $${params.push(q.status)}`);
    if (q.operator) where.push(`v.operator = $${params.push(q.operator)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM vehicles v ${clause}`, params);
    const items = await this.ds.query(`${VIEW} ${clause} ORDER BY v.number LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`, params);
    return { items, total };
  }

  private async find(manager: EntityManager, id: string): Promise<VehicleView | undefined> {
    return (await manager.query(`${VIEW} WHERE v.id = $1`, [id]))[0];
  }

  private checkDate(field: string, value: string) {
    if (!isDate(value)) throw invalid(field, `${field} is not a calendar date`);
  }
}

export function invalid(field: string, message: string): ProblemException {
  return new ProblemException(422, message, { errors: [{ field, message }] });
}
