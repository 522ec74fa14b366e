import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, assertSchoolScope, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { CostsQuery, MonthCostsDto, MonthCostsResponse } from './dto/costs.dto';

const COLUMNS = `school_id AS "schoolId", to_char(month, 'YYYY-MM') AS month, labor_hours::float8 AS "laborHours", food_cost::float8 AS "foodCost",
  labor_cost::float8 AS "laborCost", other_cost::float8 AS "otherCost", other_revenue::float8 AS "otherRevenue", updated_at AS "updatedAt"`;

/** Labor hours and food-service costs per school and month (the KPIs' denominators). */
@Injectable()
export class CostsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async put(schoolId: string, month: string, dto: MonthCostsDto, user: AuthUser): Promise<MonthCostsResponse> {
    assertSchoolScope(user, schoolId);
    return this.uow.run(async (tx) => {
      const [known] = await tx.manager.query('SELECT 1 FROM schools WHERE id = $1', [schoolId]);
      if (!known) throw new ProblemException(404, 'no such school');
      const [row] = await tx.manager.query(
        `INSERT INTO school_month_costs (school_id, month, labor_hours, food_cost, labor_cost, other_cost, other_revenue, updated_by)
         VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (school_id, month) DO UPDATE SET labor_hours = EXCLUDED.labor_hours, food_cost = EXCLUDED.food_cost, labor_cost = EXCLUDED.labor_cost,
           other_cost = EXCLUDED.other_cost, other_revenue = EXCLUDED.other_revenue, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING ${COLUMNS}`,
        [schoolId, `${month}-01`, dto.laborHours, dto.foodCost, dto.laborCost, dto.otherCost ?? 0, dto.otherRevenue ?? 0, user.sub],
      );
      return row;
    });
  }

  async list(q: CostsQuery, user: AuthUser): Promise<Page<MonthCostsResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const params = [schools, q.month ? `${q.month}-01` : null];
    const where = 'WHERE ($1::uuid[] IS NULL OR school_id = ANY($1::uuid[])) AND ($2::date IS NULL OR month = $2::date)';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM school_month_costs ${where}`, params);
    const items = await this.ds.query(`SELECT ${COLUMNS} FROM school_month_costs ${where} ORDER BY month DESC, school_id LIMIT $3 OFFSET $4`, [...params, q.limit, q.offset]);
    return { items, total };
  }
}
