import type { MealCategory } from '@district/contracts';
import type { IncomeFrequency, IncomeLimitRow } from '../../reference/domain/reference-tables';

export interface IncomeSource {
  amount: number;
  frequency: IncomeFrequency;
}

export interface HouseholdApplication {
  householdSize: number;
  incomes: IncomeSource[];
  /** a SNAP, TANF or FDPIR case number on the application makes the children free without income */
  assistanceCaseNumber?: string | null;
}

export interface IncomeDecision {
  category: MealCategory;
  reason: 'assistance-case-number' | 'income';
  /** the frequency the income was compared in: the common one, or annual when frequencies differ */
  comparedAs: IncomeFrequency;
  householdIncome: number;
  freeLimit: number;
  reducedLimit: number;
}

/** USDA's annualisation factors (Eligibility Manual for School Meals): no rounding of the result. */
export const ANNUAL_FACTOR: Record<IncomeFrequency, number> = { annual: 1, monthly: 12, 'twice-monthly': 24, 'every-two-weeks': 26, weekly: 52 };

/** The free and reduced-price limits of one household size (sizes past the table add the per-member amount). */
export function limitsFor(table: IncomeLimitRow[], householdSize: number, frequency: IncomeFrequency): { free: number; reduced: number } {
  const sized = table.filter((r) => r.householdSize > 0).sort((a, b) => a.householdSize - b.householdSize);
  const largest = sized[sized.length - 1];
  const exact = sized.find((r) => r.householdSize === householdSize);
  if (exact) return { free: exact.free[frequency], reduced: exact.reduced[frequency] };
  const extra = table.find((r) => r.householdSize === 0);
  if (!largest || !extra || householdSize < largest.householdSize) throw new Error(`the income table has no row for a household of ${householdSize}`);
  const more = householdSize - largest.householdSize;
  return { free: largest.free[frequency] + more * extra.free[frequency], reduced: largest.reduced[frequency] + more * extra.reduced[frequency] };
}

/**
 * Decides a household application against the income table in effect (DOMAIN.md section 3): free at or
 * below the free limit (130 % of poverty in USDA's table), reduced-price at or below the reduced limit
 * (185 %), else paid. Incomes of one frequency are compared in that frequency; mixed frequencies are
 * annualised (weekly × 52, every two weeks × 26, twice a month × 24, monthly × 12).
 */
export function decideApplication(app: HouseholdApplication, table: IncomeLimitRow[]): IncomeDecision {
  if (!Number.isInteger(app.householdSize) || app.householdSize < 1) throw new Error('householdSize must be a whole number of at least 1');
  const frequencies = new Set(app.incomes.map((i) => i.frequency));
  const comparedAs: IncomeFrequency = frequencies.size === 1 ? [...frequencies][0] : 'annual';
  const householdIncome = app.incomes.reduce((sum, i) => sum + (comparedAs === 'annual' ? i.amount * ANNUAL_FACTOR[i.frequency] : i.amount), 0);
  const { free: freeLimit, reduced: reducedLimit } = limitsFor(table, app.householdSize, comparedAs);
  if (app.assistanceCaseNumber && app.assistanceCaseNumber.trim()) {
    return { category: 'free', reason: 'assistance-case-number', comparedAs, householdIncome, freeLimit, reducedLimit };
  }
  const category: MealCategory = householdIncome <= freeLimit ? 'free' : householdIncome <= reducedLimit ? 'reduced' : 'paid';
  return { category, reason: 'income', comparedAs, householdIncome, freeLimit, reducedLimit };
}
