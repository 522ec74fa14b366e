import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, canSeeSchool, scopedSchoolIds } from '@district/service-kit';
import { FacilitiesSettings } from '../common/settings';
import { insertRows } from '@district/persistence';
import { Where } from '../common/sql';
import { StaffingDto, StaffingQuery, StaffingResponse, UtilityBillQuery, UtilityBillResponse, UtilityBillsDto } from './dto/operations.dto';

/** Custodial staffing (dated FTEs per building) and monthly utility bills. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
  ) {}

  async setStaffing(buildingId: string, dto: StaffingDto, user: AuthUser): Promise<StaffingResponse> {
    const [b] = await this.ds.query('SELECT school_id AS "schoolId" FROM buildings WHERE id = $1', [buildingId]);
    if (!b) throw new ProblemException(404, 'no such building');
    assertSchoolScope(user, b.schoolId);
    await this.uow.run((tx) =>
      tx.manager.query(
        `INSERT INTO custodial_staffing (building_id, effective_from, ftes) VALUES ($1, $2, $3)
         ON CONFLICT (building_id, effective_from) DO UPDATE SET ftes = EXCLUDED.ftes`,
        [buildingId, dto.effectiveFrom, dto.ftes],
      ),
    );
    const page = await this.staffing({ limit: 1, offset: 0, date: dto.effectiveFrom }, user, buildingId);
    return page.items[0];
  }

  async staffing(q: StaffingQuery, user: AuthUser, buildingId?: string): Promise<Page<StaffingResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('b.school_id = ANY(?::uuid[])', schools);
    if (buildingId) w.add('b.id = ?', buildingId);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM buildings b ${w.clause}`, w.params);
    const date = w.param(q.date ?? this.settings.today());
    const items: StaffingResponse[] = await this.ds.query(
      `SELECT b.id AS "buildingId", b.school_id AS "schoolId", b.name, b.square_feet AS "squareFeet", cs.ftes::float AS ftes,
              cs.effective_from::text AS "effectiveFrom",
              CASE WHEN cs.ftes > 0 AND NOT b.vacant THEN round(b.square_feet / cs.ftes)::float END AS workload
       FROM buildings b
       LEFT JOIN LATERAL (SELECT ftes, effective_from FROM custodial_staffing s WHERE s.building_id = b.id AND s.effective_from <= ${date}::date
                          ORDER BY effective_from DESC LIMIT 1) cs ON true
       ${w.clause} ORDER BY b.name, b.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }

  /** Saves up to 500 bills in one transaction, one multi-row upsert; the monthly aggregate follows by trigger. */
  async saveBills(dto: UtilityBillsDto, user: AuthUser): Promise<{ saved: number }> {
    const keys = new Set<string>();
    dto.bills.forEach((b, i) => {
      const key = `${b.buildingId}/${b.utility}/${b.month}`;
      if (keys.has(key)) throw new ProblemException(422, 'the same bill twice', { errors: [{ field: `bills.${i}`, message: `repeats ${key}` }] });
      keys.add(key);
    });
    const ids = [...new Set(dto.bills.map((b) => b.buildingId))];
    const found: { id: string; schoolId: string | null }[] = await this.ds.query('SELECT id, school_id AS "schoolId" FROM buildings WHERE id = ANY($1::uuid[])', [ids]);
    const known = new Map(found.map((b) => [b.id, b.schoolId]));
    const errors = dto.bills.flatMap((b, i) => (known.has(b.buildingId) ? [] : [{ field: `bills.${i}.buildingId`, message: 'unknown building' }]));
    if (errors.length) throw new ProblemException(422, 'unknown buildings', { errors });
    if (found.some((b) => !canSeeSchool(user, b.schoolId))) throw new ProblemException(403, 'a building is outside your scope');
    await this.uow.run(async (tx) => {
      const rows = dto.bills.map((b) => [randomUUID(), b.buildingId, b.utility, `${b.month}-01`, b.amount, b.usage ?? null, b.usageUnit ?? null]);
      await insertRows(tx.manager, 'utility_bills', ['id', 'building_id', 'utility', 'month', 'amount', 'usage', 'usage_unit'], rows,
        `ON CONFLICT (building_id, utility, month) DO UPDATE SET amount = EXCLUDED.amount, usage = EXCLUDED.usage, usage_unit = EXCLUDED.usage_unit`);
    });
    return { saved: dto.bills.length };
  }

  async bills(q: UtilityBillQuery, user: AuthUser): Promise<Page<UtilityBillResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('b.school_id = ANY(?::uuid[])', schools);
    if (q.buildingId) w.add('u.building_id = ?', q.buildingId);
    if (q.month) w.add('u.month = ?::date', `${q.month}-01`);
    if (q.utility) w.add('u.utility = ?', q.utility);
    const from = `FROM utility_bills u JOIN buildings b ON b.id = u.building_id ${w.clause}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, w.params);
    const items: UtilityBillResponse[] = await this.ds.query(
      `SELECT u.id, u.building_id AS "buildingId", b.school_id AS "schoolId", u.utility, to_char(u.month, 'YYYY-MM') AS month, u.amount::float AS amount,
              u.usage::float AS usage, u.usage_unit AS "usageUnit"
       ${from} ORDER BY u.month DESC, b.name, u.utility, u.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }
}
