import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MealCategory, MealType, ROLES } from '@district/contracts';
import { AuthUser } from '@district/service-kit';
import { mulberry32 } from '@district/seed-data';
import { CepService } from '../cep/cep.service';
import { CostsService } from '../costs/costs.service';
import { EligibilityService } from '../eligibility/eligibility.service';
import { limitsFor } from '../eligibility/domain/income-decision';
import { MealsService } from '../meals/meals.service';
import { ReferenceService } from '../reference/reference.service';
import { INCOME_FREQUENCIES, IncomeFrequency } from '../reference/domain/reference-tables';
import { CancellationsService } from '../service-days/cancellations.service';
import { addDays, datesBetween, isWeekday, monthEnd, monthOf, monthsBetween, monthStart } from '../shared/dates';

export interface FoodSeedOptions {
  /** the district's today: the last day with meals */
  today: string;
  /** first possible serving day (meals start where each student's account opens) */
  firstServingDay: string;
  /** days without service besides weekends */
  holidays: string[];
  seed: number;
  /** point-of-sale batch size */
  batchSize: number;
}

export const DEMO_SEED: FoodSeedOptions = {
  today: '2026-11-23',
  firstServingDay: '2026-08-22',
  // Labor Day, Indigenous Peoples' Day, Veterans Day 2026
  holidays: ['2026-09-07', '2026-10-12', '2026-11-11'],
  seed: 2026,
  batchSize: 10_000,
};

const SEED_USER: AuthUser = { sub: 'food-demo-seed', roles: [ROLES.foodWrite, ROLES.studentRecords] };
const FREQ_FACTOR: Record<IncomeFrequency, number> = { annual: 1, monthly: 12, 'twice-monthly': 24, 'every-two-weeks': 26, weekly: 52 };
const DC_PROGRAMS: [string, number][] = [['SNAP', 0.72], ['TANF', 0.1], ['HEAD_START', 0.05], ['FOSTER', 0.04], ['HOMELESS', 0.04], ['MIGRANT', 0.03], ['FDPIR', 0.02]];

type Rng = () => number;
const between = (r: Rng, min: number, max: number) => min + r() * (max - min);
const uuidFrom = (r: Rng) => {
  const h = Array.from({ length: 4 }, () => Math.floor(r() * 0x100000000).toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The demo district's food service (runs after enrollment's seed, once food's projection holds the
 * schools): direct certification for 35-60 % of students at high-need schools (fewer elsewhere), household
 * applications, CEP for the schools whose ISP qualifies best, a kitchen cancellation today, breakfast,
 * lunch and snack transactions for every serving day through the real ingestion path, and monthly
 * labor and costs — so every KPI has a value from 2026-09 on. Deterministic for a seed.
 */
@Injectable()
export class FoodSeeder {
  private readonly log = new Logger('FoodSeeder');

  constructor(
    private readonly ds: DataSource,
    private readonly eligibility: EligibilityService,
    private readonly cep: CepService,
    private readonly meals: MealsService,
    private readonly costs: CostsService,
    private readonly cancellations: CancellationsService,
    private readonly reference: ReferenceService,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.ds.query(
      `SELECT (SELECT count(*) FROM meal_transactions) + (SELECT count(*) FROM school_month_costs) + (SELECT count(*) FROM direct_certification_imports) + (SELECT count(*) FROM household_applications) AS n`,
    );
    return Number(n) === 0;
  }



  async seed(opts: FoodSeedOptions = DEMO_SEED): Promise<{ certified: number; extended: number; applications: number; cepSchools: number; transactions: number }> {
    const rng = mulberry32(opts.seed);
    const schools: { id: string; code: string; name: string }[] = await this.ds.query('SELECT id, code, name FROM schools ORDER BY code');
    const students: { id: string; localId: string; schoolId: string; siblings: string[] }[] = await this.ds.query(
      `SELECT s.id, s.local_id AS "localId", a.school_id AS "schoolId", s.sibling_ids AS siblings FROM students s JOIN meal_accounts a ON a.student_id = s.id
       WHERE a.status = 'open' ORDER BY s.local_id`,
    );
    const bySchool = new Map<string, typeof students>();
    for (const s of students) bySchool.set(s.schoolId, [...(bySchool.get(s.schoolId) ?? []), s]);

    // 1. direct certification: high-need schools 35-60 %, others 8-30 %
    const lines = ['local_id,program,certified_on'];
    const share = new Map(schools.map((s) => [s.id, rng() < 0.5 ? between(rng, 0.35, 0.6) : between(rng, 0.08, 0.3)]));
    const certified = new Set<string>();
    for (const s of students) {
      if (rng() >= share.get(s.schoolId)! * 0.8) continue; // household extension adds the rest
      let pick = rng();
      const program = DC_PROGRAMS.find(([, p]) => (pick -= p) < 0)?.[0] ?? 'SNAP';
      lines.push(`${s.localId},${program},2026-08-${String(10 + Math.floor(rng() * 10)).padStart(2, '0')}`);
      certified.add(s.id);
    }
    const dc = await this.eligibility.importDirectCertification(`${lines.join('\n')}\n`, 'demo-direct-certification-2026-08.csv', SEED_USER);
    const identified = new Set<string>((await this.ds.query(`SELECT DISTINCT student_id AS id FROM eligibility_determinations WHERE identified`)).map((r: { id: string }) => r.id));

    // 2. household applications from about a quarter of the other households, incomes spread around the limits
    const income = await this.reference.incomeTableOn(this.ds.manager, '2026-09-01');
    const done = new Set<string>();
    let applications = 0;
    for (const s of students) {
      if (identified.has(s.id) || done.has(s.id)) continue;
      const household = [s.id, ...s.siblings.filter((x) => !identified.has(x))];
      household.forEach((x) => done.add(x));
      if (rng() >= 0.28 || !income) continue;
      const size = Math.max(household.length + 1, 2 + Math.floor(rng() * 5));
      const frequency = INCOME_FREQUENCIES[Math.floor(rng() * INCOME_FREQUENCIES.length)];
      const poverty = limitsFor(income.table.limits, size, 'annual').free / 1.3;
      const annual = poverty * between(rng, 0.5, 2.6);
      const day = addDays('2026-08-20', Math.floor(rng() * 36));
      await this.eligibility.decideApplication(
        { studentIds: household, householdSize: size, incomes: [{ amount: Math.round((annual / FREQ_FACTOR[frequency]) * 100) / 100, frequency }], receivedOn: day },
        SEED_USER,
      );
      applications++;
    }

    // 3. CEP for the schools whose ISP qualifies best (a few), from the first school day
    const [{ first }] = await this.ds.query('SELECT min(from_date)::text AS first FROM account_spells');
    const isp = (await this.cep.ispBySchool({ asOf: first, limit: 500, offset: 0 }, SEED_USER)).items.filter((r) => r.qualifies);
    const chosen = isp.sort((a, b) => (b.isp ?? 0) - (a.isp ?? 0)).slice(0, Math.max(1, Math.round(schools.length * 0.12)));
    for (const r of chosen) await this.cep.elect({ name: r.name, schoolIds: [r.schoolId], effectiveFrom: first, asOf: first }, SEED_USER);
    const cepSchools = new Set(chosen.map((c) => c.schoolId));

    // 4. a kitchen that cannot serve today (the brief's item for the day)
    const closedKitchen = schools[Math.floor(rng() * schools.length)];
    await this.cancellations.create({ schoolId: closedKitchen.id, from: opts.today, to: opts.today, reason: 'walk-in freezer failure: no meal production today' }, SEED_USER);

    // 5. meals on every serving day, per student from their timeline; snacks as anonymous counts
    const holidays = new Set(opts.holidays);
    const servingDays = datesBetween(opts.firstServingDay, opts.today).filter((d) => isWeekday(d) && !holidays.has(d));
    const lunchRate = new Map(schools.map((s) => [s.id, between(rng, 0.5, 0.72)]));
    const breakfastRate = new Map(schools.map((s) => [s.id, between(rng, 0.22, 0.42)]));
    const snackSchools = new Set(schools.filter(() => rng() < 0.3).map((s) => s.id));
    const CAT_FACTOR: Record<MealCategory, number> = { free: 1.18, reduced: 1.05, paid: 0.78 };
    const segments: { studentId: string; schoolId: string; category: MealCategory; from: string; to: string | null }[] = await this.ds.query(
      `SELECT student_id AS "studentId", school_id AS "schoolId", category, from_date::text AS "from", to_date::text AS "to" FROM eligibility_segments ORDER BY student_id, from_date`,
    );
    let batch: unknown[] = [];
    let transactions = 0;
    const flush = async () => {
      if (!batch.length) return;
      const res = await this.meals.ingest(batch, SEED_USER);
      transactions += res.inserted;
      batch = [];
    };
    const snackCounts = new Map<string, number>();
    for (const seg of segments) {
      const cep = cepSchools.has(seg.schoolId);
      const category: MealCategory = cep ? 'free' : seg.category;
      const factor = cep ? 1.12 : CAT_FACTOR[seg.category];
      for (const day of servingDays) {
        if (day < seg.from || (seg.to !== null && day >= seg.to)) continue;
        if (seg.schoolId === closedKitchen.id && day === opts.today) continue;
        const meals: MealType[] = [];
        if (rng() < Math.min(0.95, breakfastRate.get(seg.schoolId)! * factor)) meals.push('breakfast');
        if (rng() < Math.min(0.95, lunchRate.get(seg.schoolId)! * factor)) meals.push('lunch');
        for (const mealType of meals) batch.push({ id: uuidFrom(rng), schoolId: seg.schoolId, date: day, mealType, category, studentId: seg.studentId });
        if (snackSchools.has(seg.schoolId) && rng() < 0.18) {
          const k = `${seg.schoolId}|${day}|${category}`;
          snackCounts.set(k, (snackCounts.get(k) ?? 0) + 1);
        }
        if (batch.length > opts.batchSize - 2) await flush(); // up to two meals a student a day
      }
    }
    for (const [k, count] of snackCounts) {
      const [schoolId, date, category] = k.split('|');
      batch.push({ id: uuidFrom(rng), schoolId, date, mealType: 'snack', category, count });
      if (batch.length >= opts.batchSize) await flush();
    }
    await flush();

    // 6. labor hours and costs per school and month, sized to the meals served
    const months = monthsBetween(monthOf(opts.firstServingDay), monthOf(opts.today));
    const served: { schoolId: string; month: string; mealType: MealType; category: MealCategory; meals: number }[] = await this.ds.query(
      `SELECT school_id AS "schoolId", to_char(service_date, 'YYYY-MM') AS month, meal_type AS "mealType", category, sum(meals)::int AS meals
       FROM meal_counts_daily WHERE service_date BETWEEN $1::date AND $2::date GROUP BY 1, 2, 3, 4`,
      [monthStart(months[0]), monthEnd(months[months.length - 1])],
    );
    for (const school of schools) {
      for (const month of months) {
        const rows = served.filter((r) => r.schoolId === school.id && r.month === month);
        if (!rows.length) continue;
        const sum = (t: MealType, c?: MealCategory) => rows.filter((r) => r.mealType === t && (!c || r.category === c)).reduce((s, r) => s + r.meals, 0);
        const meq = sum('lunch') + 0.67 * sum('breakfast') + 0.33 * sum('snack');
        const laborHours = Math.round((meq / between(rng, 13, 19)) * 100) / 100;
        const cents = (x: number) => Math.round(x * 100) / 100;
        await this.costs.put(school.id, month, {
          laborHours,
          laborCost: cents(laborHours * between(rng, 31, 42)),
          foodCost: cents(meq * between(rng, 1.45, 1.95)),
          otherCost: cents(meq * between(rng, 0.12, 0.3)),
          otherRevenue: cents(sum('lunch', 'paid') * 3.25 + sum('breakfast', 'paid') * 1.75 + sum('lunch', 'reduced') * 0.4),
        }, SEED_USER);
      }
    }
    this.log.log(`seeded ${dc.certified} directly certified (+${dc.extended} household), ${applications} applications, ${cepSchools.size} CEP schools, ${transactions} meal transactions`);
    return { certified: dc.certified, extended: dc.extended, applications, cepSchools: cepSchools.size, transactions };
  }
}
