import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, canSeeSchool, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { FOOD_SETTINGS, FoodSettings } from '../settings';
import { AccountSpell, checkAgainstRecords, checkItems, ItemRejection, MealItem } from './domain/meal-items';
import { DailyCountRow, DailyCountsQuery, IngestResponse } from './dto/meals.dto';

/**
 * Point-of-sale ingestion (DOMAIN.md section 3, the high-volume stream): a batch is checked item by
 * item, then the accepted items are stored with ONE multi-row statement that also adds them to the daily
 * counts, in one transaction: a batch is never half written, and a transaction id seen before is neither
 * stored nor counted again.
 */
@Injectable()
export class MealsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  async ingest(body: unknown, user: AuthUser): Promise<IngestResponse> {
    if (!Array.isArray(body)) throw new ProblemException(400, 'the body must be a JSON array of transactions');
    if (body.length === 0) throw new ProblemException(400, 'the batch is empty');
    if (body.length > this.settings.mealBatchMaxItems) throw new ProblemException(413, `at most ${this.settings.mealBatchMaxItems} transactions per request (got ${body.length})`);
    const shaped = checkItems(body);
    const rejected: ItemRejection[] = [...shaped.rejected];
    const scoped = shaped.items.filter((i) => {
      if (canSeeSchool(user, i.schoolId)) return true;
      rejected.push({ index: i.index, id: i.id, errors: ['schoolId: outside your school scope'] });
      return false;
    });
    const result = await this.uow.run(async (tx) => {
      const known = await this.records(tx.manager, scoped);
      const { accepted, rejected: refused } = checkAgainstRecords(scoped, known);
      rejected.push(...refused);
      const inserted = await this.store(tx.manager, accepted);
      const notInserted = accepted.filter((a) => !inserted.has(a.id));
      let duplicates = 0;
      if (notInserted.length) {
        // a resent id is a duplicate; anything else lost to the one-meal-per-student rule is a rejection
        const existing: { id: string }[] = await tx.manager.query('SELECT id FROM meal_transactions WHERE id = ANY($1::uuid[])', [notInserted.map((n) => n.id)]);
        const seen = new Set(existing.map((e) => e.id));
        for (const n of notInserted) {
          if (seen.has(n.id)) duplicates++;
          else rejected.push({ index: n.index, id: n.id, errors: [`the student already has a ${n.mealType} on ${n.date}`] });
        }
      }
      return { inserted: inserted.size, duplicates };
    });
    return { received: body.length, ...result, rejected: rejected.sort((a, b) => a.index - b.index) };
  }

  private async records(manager: EntityManager, items: MealItem[]) {
    const schoolIds = [...new Set(items.map((i) => i.schoolId))];
    const dates = [...new Set(items.map((i) => i.date))];
    const studentIds = [...new Set(items.filter((i) => i.studentId).map((i) => i.studentId!))];
    const [schools, cancelled, spells] = await Promise.all([
      manager.query('SELECT id FROM schools WHERE id = ANY($1::uuid[])', [schoolIds]) as Promise<{ id: string }[]>,
      manager.query('SELECT school_id AS "schoolId", service_date::text AS date FROM cancelled_days WHERE school_id = ANY($1::uuid[]) AND service_date = ANY($2::date[])', [schoolIds, dates]) as Promise<{ schoolId: string; date: string }[]>,
      studentIds.length
        ? (manager.query('SELECT student_id AS "studentId", school_id AS "schoolId", from_date::text AS "from", to_date::text AS "to" FROM account_spells WHERE student_id = ANY($1::uuid[])', [studentIds]) as Promise<(AccountSpell & { studentId: string })[]>)
        : Promise.resolve([]),
    ]);
    const bySt = new Map<string, AccountSpell[]>();
    for (const s of spells) bySt.set(s.studentId, [...(bySt.get(s.studentId) ?? []), s]);
    return { schools: new Set(schools.map((s) => s.id)), cancelled: new Set(cancelled.map((c) => `${c.schoolId}|${c.date}`)), spells: bySt };
  }

  /** One statement: insert what is new (by id, and one meal of a type per student per day), add it to the daily counts. */
  private async store(manager: EntityManager, items: MealItem[]): Promise<Set<string>> {
    if (!items.length) return new Set();
    const rows: { id: string }[] = await manager.query(
      `WITH ins AS (
         INSERT INTO meal_transactions (id, school_id, service_date, meal_type, category, student_id, meals)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::uuid[], $7::int[])
         ON CONFLICT DO NOTHING
         RETURNING id, school_id, service_date, meal_type, category, meals
       ), counted AS (
         INSERT INTO meal_counts_daily (school_id, service_date, meal_type, category, meals)
         SELECT school_id, service_date, meal_type, category, sum(meals) FROM ins
         GROUP BY school_id, service_date, meal_type, category ORDER BY school_id, service_date, meal_type, category
         ON CONFLICT (school_id, service_date, meal_type, category) DO UPDATE SET meals = meal_counts_daily.meals + EXCLUDED.meals
       )
       SELECT id FROM ins`,
      [items.map((i) => i.id), items.map((i) => i.schoolId), items.map((i) => i.date), items.map((i) => i.mealType), items.map((i) => i.category), items.map((i) => i.studentId), items.map((i) => i.meals)],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Daily counts per school (maintained as transactions arrive), paged by school and day. */
  async dailyCounts(q: DailyCountsQuery, user: AuthUser): Promise<Page<DailyCountRow>> {
    if (q.to < q.from) throw new ProblemException(400, 'to must not be before from', { errors: [{ field: 'to', message: 'to must not be before from' }] });
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const params = [q.from, q.to, schools];
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM (SELECT DISTINCT school_id, service_date FROM meal_counts_daily WHERE service_date BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR school_id = ANY($3::uuid[]))) x`,
      params,
    );
    const items: DailyCountRow[] = await this.ds.query(
      `SELECT school_id AS "schoolId", service_date::text AS date,
              jsonb_object_agg(meal_type, cats) AS meals, sum(total)::int AS total
       FROM (SELECT school_id, service_date, meal_type, jsonb_object_agg(category, meals) AS cats, sum(meals) AS total
             FROM meal_counts_daily WHERE service_date BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR school_id = ANY($3::uuid[]))
             GROUP BY school_id, service_date, meal_type) t
       GROUP BY school_id, service_date ORDER BY service_date DESC, school_id LIMIT $4 OFFSET $5`,
      [...params, q.limit, q.offset],
    );
    return { items, total };
  }
}
