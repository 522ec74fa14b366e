import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BriefReply, DepartmentKpisReply, FoodSchoolSummary, FoodStudentSummary, KpisRequest, MAX_KPI_MONTHS, MealCategory, MealCounts, SchoolSummariesReply,
} from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { membershipOn } from '../cep/cep.service';
import { value } from '../cep/domain/cep';
import { ClaimsService } from '../claims/claims.service';
import { enrolledOf } from '../eligibility/census.service';
import { bestOn, Determination } from '../eligibility/domain/timeline';
import { CancellationsService } from '../service-days/cancellations.service';
import { dateInZone, monthEnd, monthOf, monthsBetween, monthStart } from '../shared/dates';
import { FOOD_SETTINGS, FoodSettings } from '../settings';
import { foodKpis, SchoolMonth } from './domain/food-kpis';

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const noMeals = (): MealCounts => ({ breakfast: 0, lunch: 0, snack: 0 });

/** The queries every department answers for the gateway (libs/contracts department-queries.ts), from maintained aggregates. */
@Injectable()
export class DepartmentQueriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly claims: ClaimsService,
    private readonly cancellations: CancellationsService,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  async schoolSummaries(schoolIds: string[], date: string): Promise<SchoolSummariesReply<FoodSchoolSummary>> {
    const ids = [...new Set(schoolIds.map((s) => s.toLowerCase()))];
    const known: { id: string }[] = await this.ds.query('SELECT id FROM schools WHERE id = ANY($1::uuid[])', [ids]);
    if (!known.length) return { date, schools: {} };
    const knownIds = known.map((k) => k.id);
    const from = monthStart(monthOf(date));
    const [data, cancelled] = await Promise.all([
      this.claims.load(this.ds.manager, from, date, knownIds),
      this.cancellations.onDay(this.ds.manager, date, knownIds),
    ]);
    const claim = this.claims.claimOf(data, from, date);
    const schools: Record<string, FoodSchoolSummary> = {};
    for (const id of knownIds) {
      const today = noMeals();
      const mtd = noMeals();
      const days = { all: new Set<string>(), lunch: new Set<string>(), breakfast: new Set<string>() };
      for (const c of data.counts) {
        if (c.schoolId !== id) continue;
        mtd[c.mealType] += c.meals;
        if (c.date === date) today[c.mealType] += c.meals;
        days.all.add(c.date);
        if (c.mealType === 'lunch' || c.mealType === 'breakfast') days[c.mealType].add(c.date);
      }
      const enrolled = enrolledOf(data.census.on(id, date));
      const participation = (meals: number, n: number) => (n > 0 && enrolled > 0 ? round((meals / n / enrolled) * 100, 2) : null);
      const m = membershipOn(data.cep, id, date);
      const off = cancelled.find((c) => c.schoolId === id);
      schools[id] = {
        schoolId: id,
        enrolled,
        mealsToday: today,
        mealsMonthToDate: mtd,
        servingDaysMonthToDate: days.all.size,
        lunchParticipation: participation(mtd.lunch, days.lunch.size),
        breakfastParticipation: participation(mtd.breakfast, days.breakfast.size),
        cep: m ? { electionId: m.electionId, name: m.name, isp: round(value(m.isp) * 100, 4), freeClaimingPercent: round(value(m.free) * 100, 4) } : null,
        claimMonthToDate: claim.schools.find((s) => s.schoolId === id)?.total ?? 0,
        serviceCancelled: off ? { reason: off.reason, origin: off.origin } : null,
      };
    }
    return { date, schools };
  }

  async kpis(req: KpisRequest): Promise<DepartmentKpisReply> {
    if (req.to < req.from) throw new ProblemException(400, 'to must not be before from');
    const months = monthsBetween(req.from, req.to);
    if (months.length > MAX_KPI_MONTHS) throw new ProblemException(400, `at most ${MAX_KPI_MONTHS} months per request`);
    const start = monthStart(req.from);
    const end = monthEnd(req.to);
    const [schools, meals, costs, data] = await Promise.all([
      this.ds.query('SELECT id FROM schools ORDER BY code') as Promise<{ id: string }[]>,
      this.ds.query(
        `SELECT school_id AS "schoolId", to_char(service_date, 'YYYY-MM') AS period, meal_type AS "mealType", sum(meals)::int AS meals, count(DISTINCT service_date)::int AS days
         FROM meal_counts_daily WHERE service_date BETWEEN $1::date AND $2::date GROUP BY 1, 2, 3`,
        [start, end],
      ) as Promise<{ schoolId: string; period: string; mealType: 'breakfast' | 'lunch' | 'snack'; meals: number; days: number }[]>,
      this.ds.query(
        `SELECT school_id AS "schoolId", to_char(month, 'YYYY-MM') AS period, labor_hours::float8 AS "laborHours", food_cost::float8 AS food, labor_cost::float8 AS labor,
                other_cost::float8 AS other, other_revenue::float8 AS "otherRevenue"
         FROM school_month_costs WHERE month BETWEEN $1::date AND $2::date`,
        [start, end],
      ) as Promise<{ schoolId: string; period: string; laborHours: number; food: number; labor: number; other: number; otherRevenue: number }[]>,
      this.claims.load(this.ds.manager, start, end, null),
    ]);
    const key = (s: string, p: string) => `${s}|${p}`;
    const mealsBy = new Map<string, SchoolMonth['meals'] & { days: SchoolMonth['servingDays'] }>();
    for (const r of meals) {
      const e = mealsBy.get(key(r.schoolId, r.period)) ?? { breakfast: 0, lunch: 0, snack: 0, days: { breakfast: 0, lunch: 0 } };
      e[r.mealType] += r.meals;
      if (r.mealType !== 'snack') e.days[r.mealType] = r.days;
      mealsBy.set(key(r.schoolId, r.period), e);
    }
    const costsBy = new Map(costs.map((c) => [key(c.schoolId, c.period), c]));
    const periods: DepartmentKpisReply['periods'] = [];
    const perSchool: NonNullable<DepartmentKpisReply['schools']> = [];
    for (const period of months) {
      const claim = this.claims.claimOf(data, monthStart(period), monthEnd(period));
      const claimBy = new Map(claim.schools.map((s) => [s.schoolId, s.total]));
      const rows: SchoolMonth[] = schools.map(({ id }) => {
        const c = data.census.on(id, monthEnd(period));
        const m = mealsBy.get(key(id, period));
        const k = costsBy.get(key(id, period));
        return {
          schoolId: id,
          enrolled: enrolledOf(c),
          identified: c.identified,
          meals: { breakfast: m?.breakfast ?? 0, lunch: m?.lunch ?? 0, snack: m?.snack ?? 0 },
          servingDays: m?.days ?? { breakfast: 0, lunch: 0 },
          costs: k ? { laborHours: k.laborHours, food: k.food, labor: k.labor, other: k.other, otherRevenue: k.otherRevenue } : null,
          claim: claimBy.get(id) ?? null,
        };
      });
      periods.push({ period, values: foodKpis(rows, this.settings.mealEquivalents) });
      if (req.bySchool) for (const r of rows) perSchool.push({ period, schoolId: r.schoolId, values: foodKpis([r], this.settings.mealEquivalents) });
    }
    return { department: 'food', periods, ...(req.bySchool ? { schools: perSchool } : {}) };
  }

  async brief(date: string): Promise<BriefReply> {
    return { date, items: await this.cancellations.briefItems(date) };
  }

  /** The meal account; the category only when the caller may see sensitive data (USDA restricts its disclosure). */
  async studentSummary(studentId: string, includeSensitive: boolean): Promise<FoodStudentSummary> {
    const [student]: { id: string }[] = await this.ds.query('SELECT id FROM students WHERE id = $1', [studentId]);
    if (!student) throw new ProblemException(404, 'food has no record of this student');
    const [account]: NonNullable<FoodStudentSummary['account']>[] = await this.ds.query(
      `SELECT status, school_id AS "schoolId", opened_on::text AS "openedOn", closed_on::text AS "closedOn" FROM meal_accounts WHERE student_id = $1`,
      [studentId],
    );
    const summary: FoodStudentSummary = { studentId, account: account ?? null };
    if (!includeSensitive) return summary;
    const today = dateInZone(new Date(), this.settings.timezone);
    const dets: (Determination & { basis: string })[] = await this.ds.query(
      `SELECT category, identified, basis, effective_from::text AS "from", effective_to::text AS "to" FROM eligibility_determinations
       WHERE student_id = $1 AND superseded_at IS NULL`,
      [studentId],
    );
    const best = bestOn(dets, today);
    const source = dets
      .filter((d) => d.category === best.category && d.identified === best.identified && d.from <= today && (d.to === null || today < d.to))
      .sort((a, b) => a.from.localeCompare(b.from))[0];
    summary.eligibility = { category: best.category as MealCategory, basis: source?.basis ?? 'none', effectiveFrom: source?.from ?? null };
    return summary;
  }
}
