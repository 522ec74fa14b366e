import { parseCsv } from '@district/seed-data';
import type { MealType } from '@district/contracts';

/** Federal reimbursement per meal, in dollars (null where the source has no rate for the category). */
export interface RateRow {
  mealType: MealType;
  /** regular, high-need (lunch, SFA at or above 60 % F/RP), performance-add-on (lunch), severe-need (breakfast), area-eligible (snack) */
  variant: string;
  paid: number | null;
  reduced: number | null;
  free: number | null;
  source: string;
}

export interface Skipped {
  line: number;
  reason: string;
}

const money = (s: string): number | null => {
  if (s.trim() === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not an amount: ${JSON.stringify(s)}`);
  return n;
};

/** Which stored rate a row of the USDA rates file is, or why it is not stored. */
function classify(program: string, category: string, condition: string): { mealType: MealType; variant: string } | { skip: string } {
  const p = program.toLowerCase();
  const c = `${category} ${condition}`.toLowerCase();
  if (p.startsWith('nslp lunch')) {
    if (c.includes('total incl')) return { skip: 'derived total (checked, not stored)' };
    if (c.includes('add-on')) return { mealType: 'lunch', variant: 'performance-add-on' };
    if (c.includes('>=60%')) return { mealType: 'lunch', variant: 'high-need' };
    if (c.includes('<60%')) return { mealType: 'lunch', variant: 'regular' };
  }
  if (p.startsWith('sbp breakfast')) return c.includes('non-severe') ? { mealType: 'breakfast', variant: 'regular' } : c.includes('severe need') ? { mealType: 'breakfast', variant: 'severe-need' } : { skip: 'unknown breakfast row' };
  if (p.startsWith('nslp afterschool snack')) return c.includes('area eligible') ? { mealType: 'snack', variant: 'area-eligible' } : { mealType: 'snack', variant: 'regular' };
  if (p.startsWith('special milk')) return { skip: 'special milk program: not claimed by this service' };
  if (p.startsWith('usda foods')) return { skip: 'USDA Foods value: an entitlement in foods, not cash reimbursement' };
  return { skip: `unknown program ${JSON.stringify(program)}` };
}

/**
 * Reads the USDA rates file (columns program, category, sfa_condition, paid, reduced_price, free, source).
 * Checks the derived "total incl. performance-based" rows against base + add-on and throws when they disagree.
 */
export function parseReimbursementRates(csv: string): { rates: RateRow[]; skipped: Skipped[] } {
  const [header, ...records] = parseCsv(csv);
  const col = (name: string) => {
    const i = header.fields.indexOf(name);
    if (i < 0) throw new Error(`rates file: no ${name} column`);
    return i;
  };
  const [iProgram, iCategory, iCondition, iPaid, iReduced, iFree, iSource] = ['program', 'category', 'sfa_condition', 'paid', 'reduced_price', 'free', 'source'].map(col);
  const rates: RateRow[] = [];
  const skipped: Skipped[] = [];
  const totals: { line: number; highNeed: boolean; paid: number | null; reduced: number | null; free: number | null }[] = [];
  for (const r of records) {
    const f = r.fields;
    const kind = classify(f[iProgram], f[iCategory], f[iCondition]);
    if ('skip' in kind) {
      skipped.push({ line: r.line, reason: kind.skip });
      if (kind.skip.startsWith('derived total')) totals.push({ line: r.line, highNeed: f[iCondition].includes('>=60%'), paid: money(f[iPaid]), reduced: money(f[iReduced]), free: money(f[iFree]) });
      continue;
    }
    rates.push({ ...kind, paid: money(f[iPaid]), reduced: money(f[iReduced]), free: money(f[iFree]), source: f[iSource] });
  }
  const find = (variant: string) => rates.find((x) => x.mealType === 'lunch' && x.variant === variant);
  const addOn = find('performance-add-on');
  for (const t of totals) {
    const base = find(t.highNeed ? 'high-need' : 'regular');
    if (!base || !addOn) continue;
    for (const k of ['paid', 'reduced', 'free'] as const) {
      const expected = Math.round(((base[k] ?? 0) + (addOn[k] ?? 0)) * 100);
      if (t[k] !== null && Math.round(t[k]! * 100) !== expected) throw new Error(`rates file line ${t.line}: total ${k} ${t[k]} is not base + add-on (${expected / 100})`);
    }
  }
  return { rates, skipped };
}

export const INCOME_FREQUENCIES = ['annual', 'monthly', 'twice-monthly', 'every-two-weeks', 'weekly'] as const;
export type IncomeFrequency = (typeof INCOME_FREQUENCIES)[number];

/** Income limits (dollars) for one household size; size 0 holds the amounts for each additional member. */
export interface IncomeLimitRow {
  householdSize: number;
  free: Record<IncomeFrequency, number>;
  reduced: Record<IncomeFrequency, number>;
}

const FILE_FREQ: Record<IncomeFrequency, string> = {
  annual: 'annual',
  monthly: 'monthly',
  'twice-monthly': 'twice_per_month',
  'every-two-weeks': 'every_two_weeks',
  weekly: 'weekly',
};

/** Reads the USDA income eligibility guidelines file (household_size, reduced_185pct_*, free_130pct_*). */
export function parseIncomeGuidelines(csv: string): IncomeLimitRow[] {
  const [header, ...records] = parseCsv(csv);
  const col = (name: string) => {
    const i = header.fields.indexOf(name);
    if (i < 0) throw new Error(`income guidelines file: no ${name} column`);
    return i;
  };
  const dollars = (s: string, line: number) => {
    const n = Number(s);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`income guidelines line ${line}: not an amount ${JSON.stringify(s)}`);
    return n;
  };
  const iSize = col('household_size');
  return records.map((r) => {
    const size = r.fields[iSize] === 'each_additional_member' ? 0 : Number(r.fields[iSize]);
    if (!Number.isInteger(size) || size < 0) throw new Error(`income guidelines line ${r.line}: bad household size ${r.fields[iSize]}`);
    const pick = (prefix: string) =>
      Object.fromEntries(INCOME_FREQUENCIES.map((f) => [f, dollars(r.fields[col(`${prefix}_${FILE_FREQ[f]}`)], r.line)])) as Record<IncomeFrequency, number>;
    return { householdSize: size, free: pick('free_130pct'), reduced: pick('reduced_185pct') };
  });
}
