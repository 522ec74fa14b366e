import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, UnitOfWork } from '@district/messaging';
import { Page, ProblemException, DistrictClock } from '@district/service-kit';
import { domainCall } from '../common/errors';
import { insertRows } from '@district/persistence';
import { DEFAULT_PROCEDURE, GrievanceProcedure } from '../contracts/domain/grievance-procedure';
import { GrievanceDeadlines } from '../grievances/grievance-deadlines.service';
import { CalendarReader } from './calendar.reader';
import { addDays, toDayNumber } from './domain/dates';
import { computeDeadline } from './domain/deadlines';
import { DistrictCalendar } from './domain/district-calendar';
import {
  AddDaysOffDto, CreateSchoolYearDto, DayOffPage, DayOffView, DaysOffQuery, DeadlinePreview, DeadlinePreviewQuery, SchoolYearPage, SchoolYearView,
  UpdateSchoolYearDto,
} from './dto/calendar.dto';

const YEAR_COLUMNS = `id, name, starts_on::text AS "startsOn", ends_on::text AS "endsOn"`;

function countSchoolDays(cal: DistrictCalendar, y: { startsOn: string; endsOn: string }): number {
  let n = 0;
  for (let d = y.startsOn; d <= y.endsOn; d = addDays(d, 1)) if (cal.isSchoolDay(d)) n++;
  return n;
}

/**
 * The district calendar (school years, holidays, breaks). Every change recomputes the current deadline
 * of open grievances in the same transaction, so a snow day added today moves the deadlines it touches.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly reader: CalendarReader,
    private readonly deadlines: GrievanceDeadlines,
    private readonly clock: DistrictClock,
  ) {}

  private async afterChange(tx: Tx): Promise<void> {
    await domainCall(() => this.deadlines.recomputeOpen(tx, this.clock.today()));
  }

  private async assertNoOverlap(tx: Tx, startsOn: string, endsOn: string, exceptId: string | null): Promise<void> {
    const clash: { name: string }[] = await tx.manager.query(
      `SELECT name FROM school_years WHERE daterange(starts_on, ends_on, '[]') && daterange($1::date, $2::date, '[]') AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [startsOn, endsOn, exceptId],
    );
    if (clash.length) throw new ProblemException(409, `overlaps ${clash[0].name}`);
  }

  async createYear(dto: CreateSchoolYearDto): Promise<SchoolYearView> {
    if (dto.endsOn <= dto.startsOn) throw new ProblemException(422, 'endsOn must be after startsOn', { errors: [{ field: 'endsOn', message: 'must be after startsOn' }] });
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      await tx.manager.query(`LOCK TABLE school_years IN SHARE ROW EXCLUSIVE MODE`);
      await this.assertNoOverlap(tx, dto.startsOn, dto.endsOn, null);
      await tx.manager.query(`INSERT INTO school_years (id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4)`, [id, dto.name, dto.startsOn, dto.endsOn]);
      await this.afterChange(tx);
    });
    return this.getYear(id);
  }

  async updateYear(id: string, dto: UpdateSchoolYearDto): Promise<SchoolYearView> {
    await this.uow.run(async (tx) => {
      await tx.manager.query(`LOCK TABLE school_years IN SHARE ROW EXCLUSIVE MODE`);
      const [cur]: { name: string; startsOn: string; endsOn: string }[] = await tx.manager.query(`SELECT ${YEAR_COLUMNS} FROM school_years WHERE id = $1`, [id]);
      if (!cur) throw new ProblemException(404, 'no such school year');
      const next = { ...cur, ...dto };
      if (next.endsOn <= next.startsOn) throw new ProblemException(422, 'endsOn must be after startsOn', { errors: [{ field: 'endsOn', message: 'must be after startsOn' }] });
      await this.assertNoOverlap(tx, next.startsOn, next.endsOn, id);
      await tx.manager.query(`UPDATE school_years SET name = $2, starts_on = $3, ends_on = $4 WHERE id = $1`, [id, next.name, next.startsOn, next.endsOn]);
      await this.afterChange(tx);
    });
    return this.getYear(id);
  }

  async listYears(q: { limit: number; offset: number }): Promise<SchoolYearPage> {
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM school_years`);
    const rows: Omit<SchoolYearView, 'schoolDays'>[] = await this.ds.query(`SELECT ${YEAR_COLUMNS} FROM school_years ORDER BY starts_on LIMIT $1 OFFSET $2`, [q.limit, q.offset]);
    const cal = await this.reader.load(this.ds.manager);
    return { items: rows.map((y) => ({ ...y, schoolDays: countSchoolDays(cal, y) })), total };
  }

  async getYear(id: string): Promise<SchoolYearView> {
    const [y]: Omit<SchoolYearView, 'schoolDays'>[] = await this.ds.query(`SELECT ${YEAR_COLUMNS} FROM school_years WHERE id = $1`, [id]);
    if (!y) throw new ProblemException(404, 'no such school year');
    return { ...y, schoolDays: countSchoolDays(await this.reader.load(this.ds.manager), y) };
  }

  async addDaysOff(dto: AddDaysOffDto): Promise<DayOffView[]> {
    const errors = dto.items.flatMap((d, i) => (d.endsOn < d.startsOn ? [{ field: `items.${i}.endsOn`, message: 'must be on or after startsOn' }] : []));
    const tooLong = dto.items.flatMap((d, i) => (toDayNumber(d.endsOn) - toDayNumber(d.startsOn) > 120 ? [{ field: `items.${i}.endsOn`, message: 'a day-off range spans at most 120 days' }] : []));
    if (errors.length || tooLong.length) throw new ProblemException(422, 'invalid day-off ranges', { errors: [...errors, ...tooLong] });
    const items = dto.items.map((d) => ({ id: randomUUID(), ...d }));
    await this.uow.run(async (tx) => {
      await insertRows(tx.manager, 'days_off', ['id', 'starts_on', 'ends_on', 'kind', 'name'], items.map((d) => [d.id, d.startsOn, d.endsOn, d.kind, d.name]));
      await this.afterChange(tx);
    });
    return items;
  }

  async listDaysOff(q: DaysOffQuery): Promise<DayOffPage> {
    const params = [q.from ?? null, q.to ?? null];
    const where = `WHERE ($1::date IS NULL OR ends_on >= $1::date) AND ($2::date IS NULL OR starts_on <= $2::date)`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM days_off ${where}`, params);
    const items: DayOffView[] = await this.ds.query(
      `SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn", kind, name FROM days_off ${where} ORDER BY starts_on, id LIMIT $3 OFFSET $4`,
      [...params, q.limit, q.offset],
    );
    return { items, total } satisfies Page<DayOffView>;
  }

  async deleteDayOff(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [, n] = await tx.manager.query(`DELETE FROM days_off WHERE id = $1`, [id]);
      if (!n) throw new ProblemException(404, 'no such day off');
      await this.afterChange(tx);
    });
  }

  async previewDeadline(q: DeadlinePreviewQuery): Promise<DeadlinePreview> {
    let procedure: GrievanceProcedure = DEFAULT_PROCEDURE;
    if (q.contractId) {
      const [c] = await this.ds.query(`SELECT grievance_procedure AS p FROM contracts WHERE id = $1`, [q.contractId]);
      if (!c) throw new ProblemException(404, 'no such contract');
      procedure = c.p;
    }
    const cal = await this.reader.load(this.ds.manager);
    const dueOn = await domainCall(async () => computeDeadline(q.from, { days: q.days, unit: q.unit }, cal, procedure));
    return { from: q.from, days: q.days, unit: q.unit, dueOn };
  }
}
