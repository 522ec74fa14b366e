import type { MealCategory, MealType } from '@district/contracts';
import type { Fraction } from '../../cep/domain/cep';
import type { RateRow } from '../../reference/domain/reference-tables';

/** A dated rate table: [effectiveFrom, effectiveTo) with `effectiveTo` null when open-ended. */
export interface RateTable {
  id: string;
  label: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  rates: RateRow[];
}

/** How the district claims (DOMAIN.md section 3): which rate variants apply. */
export interface ClaimPolicy {
  /** the SFA served ≥ 60 % free/reduced lunches in the second preceding year: the higher lunch rate */
  lunchHighNeed: boolean;
  /** certified for the meal pattern: the performance-based add-on on every reimbursable lunch */
  performanceAddOn: boolean;
  /** schools claiming the severe-need breakfast rate (≥ 40 % F/RP lunches in the second preceding year) */
  severeNeedBreakfast(schoolId: string): boolean;
}

/** The table in effect on `date`; when none is, the latest earlier one, marked provisional. */
export function rateTableOn(tables: RateTable[], date: string): { table: RateTable; provisional: boolean } | null {
  const inEffect = tables.find((t) => t.effectiveFrom <= date && (t.effectiveTo === null || date < t.effectiveTo));
  if (inEffect) return { table: inEffect, provisional: false };
  const earlier = tables.filter((t) => t.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return earlier ? { table: earlier, provisional: true } : null;
}

/** Rate in ten-thousandths of a dollar (exact integers: 4.43 → 44300). */
const units = (dollars: number | null): number | null => (dollars === null ? null : Math.round(dollars * 10_000));

export class ClaimError extends Error {}

/** Per-meal rate for a school's meal type and category on a table, add-on included, in ten-thousandths of a dollar. */
export function rateUnits(table: RateTable, mealType: MealType, category: MealCategory, schoolId: string, policy: ClaimPolicy): number {
  const variant = mealType === 'lunch' ? (policy.lunchHighNeed ? 'high-need' : 'regular') : mealType === 'breakfast' ? (policy.severeNeedBreakfast(schoolId) ? 'severe-need' : 'regular') : 'regular';
  const row = table.rates.find((r) => r.mealType === mealType && r.variant === variant);
  const base = row ? units(row[category]) : null;
  if (base === null) throw new ClaimError(`rate table ${table.label} has no ${variant} ${mealType} rate for ${category} meals`);
  if (mealType !== 'lunch' || !policy.performanceAddOn) return base;
  const addOn = table.rates.find((r) => r.mealType === 'lunch' && r.variant === 'performance-add-on');
  const extra = addOn ? units(addOn[category]) : null;
  if (extra === null) throw new ClaimError(`rate table ${table.label} has no performance-based add-on for ${category} lunches`);
  return base + extra;
}

/** Meals counted at a school on a day, per meal type and category. */
export interface DailyCount {
  schoolId: string;
  date: string;
  mealType: MealType;
  category: MealCategory;
  meals: number;
}

/** Students with an open meal account at the school on the day, per category: the edit-check limits. */
export type Eligible = Record<MealCategory, number>;

export interface Violation {
  schoolId: string;
  date: string;
  mealType: MealType;
  /** `all` for a CEP school, where meals are checked against all enrolled students */
  category: MealCategory | 'all';
  served: number;
  eligible: number;
  /** meals not claimed because of this check */
  disallowed: number;
}

export interface ClaimLine {
  mealType: MealType;
  category: MealCategory;
  /** claimed meals; a CEP school's are total meals × claiming percentage, in full precision */
  meals: number;
  /** dollars per meal, add-on included */
  rate: number;
  /** dollars, rounded to the cent once per line */
  amount: number;
  /** CEP free or paid claiming percentage the line used, in % (null for counted categories) */
  claimingPercent: number | null;
  rateTable: string;
}

export interface SchoolClaim {
  schoolId: string;
  served: Record<MealType, number>;
  claimedMeals: number;
  disallowedMeals: number;
  lines: ClaimLine[];
  total: number;
}

export interface ClaimResult {
  schools: SchoolClaim[];
  violations: Violation[];
  total: number;
  /** a day of the claim had no rate table in effect, so the latest earlier one was used */
  provisional: boolean;
  warnings: string[];
}

export interface ClaimInput {
  counts: DailyCount[];
  eligibleOn(schoolId: string, date: string): Eligible;
  /** the free claiming fraction of a CEP school on the day, null when it counts meals by category */
  cepOn(schoolId: string, date: string): Fraction | null;
  tables: RateTable[];
  policy: ClaimPolicy;
}

const EMPTY_SERVED = (): Record<MealType, number> => ({ breakfast: 0, lunch: 0, snack: 0 });

/** half-up division of non-negative bigints */
const divRound = (n: bigint, d: bigint): bigint => (n * 2n + d) / (2n * d);

/**
 * The reimbursement claim over a set of daily counts (DOMAIN.md section 3): per day, meals above the
 * eligible students of their category are disallowed (CEP schools: above all enrolled students) and
 * reported; the rest are claimed at the rate in effect that day. CEP schools' meals are split by the
 * claiming percentages. Amounts are exact until each line is rounded to the cent.
 */
export function computeClaim(input: ClaimInput): ClaimResult {
  const violations: Violation[] = [];
  const warnings = new Set<string>();
  let provisional = false;
  // line key → exact amount numerator in 1/10000 dollars over a denominator
  interface Acc { schoolId: string; mealType: MealType; category: MealCategory; rate: number; table: string; cep: Fraction | null; mealsNum: bigint }
  const acc = new Map<string, Acc>();
  const served = new Map<string, Record<MealType, number>>();
  const disallowed = new Map<string, number>();

  // group a school-day-meal type's categories together (edit checks for CEP are on the total)
  const groups = new Map<string, DailyCount[]>();
  for (const c of input.counts) {
    const k = `${c.schoolId}|${c.date}|${c.mealType}`;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
    const s = served.get(c.schoolId) ?? EMPTY_SERVED();
    s[c.mealType] += c.meals;
    served.set(c.schoolId, s);
  }
  const add = (schoolId: string, mealType: MealType, category: MealCategory, rate: number, table: string, cep: Fraction | null, meals: number) => {
    const key = `${schoolId}|${mealType}|${category}|${rate}|${table}|${cep ? `${cep.num}/${cep.den}` : ''}`;
    const a = acc.get(key);
    if (a) a.mealsNum += BigInt(meals);
    else acc.set(key, { schoolId, mealType, category, rate, table, cep, mealsNum: BigInt(meals) });
  };

  for (const group of groups.values()) {
    const { schoolId, date, mealType } = group[0];
    const found = rateTableOn(input.tables, date);
    if (!found) throw new ClaimError(`no reimbursement rate table in effect on or before ${date}`);
    if (found.provisional) {
      provisional = true;
      warnings.add(`no rate table in effect on ${date}: ${found.table.label} rates (from ${found.table.effectiveFrom}) were used; load the current table`);
    }
    const eligible = input.eligibleOn(schoolId, date);
    const cep = input.cepOn(schoolId, date);
    let lost = 0;
    if (cep) {
      const total = group.reduce((s, c) => s + c.meals, 0);
      const limit = eligible.free + eligible.reduced + eligible.paid;
      const claimed = Math.min(total, limit);
      if (total > limit) violations.push({ schoolId, date, mealType, category: 'all', served: total, eligible: limit, disallowed: total - limit });
      lost += total - claimed;
      const paidShare = { num: cep.den - cep.num, den: cep.den };
      add(schoolId, mealType, 'free', rateUnits(found.table, mealType, 'free', schoolId, input.policy), found.table.label, cep, claimed);
      if (paidShare.num > 0) add(schoolId, mealType, 'paid', rateUnits(found.table, mealType, 'paid', schoolId, input.policy), found.table.label, paidShare, claimed);
    } else {
      for (const c of group) {
        const claimed = Math.min(c.meals, eligible[c.category]);
        if (c.meals > eligible[c.category]) violations.push({ schoolId, date, mealType, category: c.category, served: c.meals, eligible: eligible[c.category], disallowed: c.meals - claimed });
        lost += c.meals - claimed;
        if (claimed > 0) add(schoolId, mealType, c.category, rateUnits(found.table, mealType, c.category, schoolId, input.policy), found.table.label, null, claimed);
      }
    }
    disallowed.set(schoolId, (disallowed.get(schoolId) ?? 0) + lost);
  }

  const bySchool = new Map<string, SchoolClaim>();
  for (const [schoolId, s] of served) bySchool.set(schoolId, { schoolId, served: s, claimedMeals: 0, disallowedMeals: disallowed.get(schoolId) ?? 0, lines: [], total: 0 });
  const ORDER: Record<string, number> = { breakfast: 0, lunch: 1, snack: 2, free: 0, reduced: 1, paid: 2 };
  for (const a of [...acc.values()].sort((x, y) => ORDER[x.mealType] - ORDER[y.mealType] || ORDER[x.category] - ORDER[y.category])) {
    const den = BigInt(a.cep ? a.cep.den : 1);
    const num = BigInt(a.cep ? a.cep.num : 1);
    // amount in cents = meals × share × rate(1/10000 $) / 100, rounded half up once
    const cents = divRound(a.mealsNum * num * BigInt(a.rate), den * 100n);
    const meals = Number(a.mealsNum * num) / Number(den);
    const school = bySchool.get(a.schoolId)!;
    school.lines.push({
      mealType: a.mealType, category: a.category, meals, rate: a.rate / 10_000, amount: Number(cents) / 100,
      claimingPercent: a.cep ? (a.cep.num / a.cep.den) * 100 : null, rateTable: a.table,
    });
    school.total = Math.round(school.total * 100 + Number(cents)) / 100;
  }
  for (const s of bySchool.values()) {
    // claimed meals: whole meals per school-day-meal type (a CEP split never loses one)
    s.claimedMeals = s.served.breakfast + s.served.lunch + s.served.snack - s.disallowedMeals;
  }
  const schools = [...bySchool.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId));
  const total = Math.round(schools.reduce((sum, s) => sum + Math.round(s.total * 100), 0)) / 100;
  return { schools, violations: violations.sort((a, b) => a.date.localeCompare(b.date) || a.schoolId.localeCompare(b.schoolId)), total, provisional, warnings: [...warnings] };
}
