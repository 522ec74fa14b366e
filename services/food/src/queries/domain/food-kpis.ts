import type { KpiValues } from '@district/contracts';

/** What the KPIs of one school and month are computed from (all from maintained aggregates). */
export interface SchoolMonth {
  schoolId: string;
  /** open meal accounts at the end of the month (or the as-of date) */
  enrolled: number;
  /** of them, certified without an application */
  identified: number;
  meals: { breakfast: number; lunch: number; snack: number };
  servingDays: { breakfast: number; lunch: number };
  /** null when the month's costs have not been recorded */
  costs: { laborHours: number; food: number; labor: number; other: number; otherRevenue: number } | null;
  /** the month's reimbursement claim in USD; null when no meals were counted */
  claim: number | null;
}

/** Meal equivalents (DOMAIN.md section 3): lunch 1, breakfast 0.67, snack 0.33; configurable. */
export interface MealEquivalents {
  breakfast: number;
  snack: number;
}

export const DEFAULT_MEAL_EQUIVALENTS: MealEquivalents = { breakfast: 0.67, snack: 0.33 };

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
const pct = (n: number, d: number): number | null => (d > 0 ? (n / d) * 100 : null);
const round = (v: number | null, places = 4): number | null => (v === null ? null : Math.round(v * 10 ** places) / 10 ** places);

export function mealEquivalents(m: SchoolMonth['meals'], w: MealEquivalents): number {
  return m.lunch + m.breakfast * w.breakfast + m.snack * w.snack;
}

/** The food KPIs over a set of school-months (one school, or the district when given all schools). */
export function foodKpis(rows: SchoolMonth[], w: MealEquivalents = DEFAULT_MEAL_EQUIVALENTS): KpiValues {
  let lunchAdp = 0, lunchEnrolled = 0, breakfastAdp = 0, breakfastEnrolled = 0;
  let enrolled = 0, identified = 0;
  let meqWithHours = 0, hours = 0, meqWithCosts = 0, cost = 0, food = 0, labor = 0, revenueWithCosts = 0;
  let claim: number | null = null;
  for (const r of rows) {
    enrolled += r.enrolled;
    identified += r.identified;
    if (r.servingDays.lunch > 0) {
      lunchAdp += r.meals.lunch / r.servingDays.lunch;
      lunchEnrolled += r.enrolled;
    }
    if (r.servingDays.breakfast > 0) {
      breakfastAdp += r.meals.breakfast / r.servingDays.breakfast;
      breakfastEnrolled += r.enrolled;
    }
    if (r.claim !== null) claim = (claim ?? 0) + r.claim;
    const meq = mealEquivalents(r.meals, w);
    if (r.costs) {
      if (r.costs.laborHours > 0) {
        meqWithHours += meq;
        hours += r.costs.laborHours;
      }
      meqWithCosts += meq;
      cost += r.costs.food + r.costs.labor + r.costs.other;
      food += r.costs.food;
      labor += r.costs.labor;
      revenueWithCosts += (r.claim ?? 0) + r.costs.otherRevenue;
    }
  }
  return {
    'food.lunch-participation': round(pct(lunchAdp, lunchEnrolled), 2),
    'food.breakfast-participation': round(pct(breakfastAdp, breakfastEnrolled), 2),
    'food.meals-per-labor-hour': round(ratio(meqWithHours, hours), 2),
    'food.cost-per-meal': round(ratio(cost, meqWithCosts), 2),
    'food.food-cost-percent-of-revenue': round(pct(food, revenueWithCosts), 2),
    'food.labor-cost-percent-of-revenue': round(pct(labor, revenueWithCosts), 2),
    'food.reimbursement-revenue': claim === null ? null : Math.round(claim * 100) / 100,
    'food.directly-certified-percent': round(pct(identified, enrolled), 2),
  };
}
