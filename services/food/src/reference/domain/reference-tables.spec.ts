import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIncomeGuidelines, parseReimbursementRates } from './reference-tables';

const file = (name: string) => readFileSync(path.join(__dirname, '../../reference-data', name), 'utf8');

describe('USDA reference files', () => {
  it('maps the SY 2024-25 rates to meal types and variants, skipping derived totals, milk and USDA Foods', () => {
    const { rates, skipped } = parseReimbursementRates(file('usda-meal-reimbursement-rates-sy2024-25.csv'));
    const key = (m: string, v: string) => rates.find((r) => r.mealType === m && r.variant === v);
    expect(key('lunch', 'regular')).toMatchObject({ paid: 0.42, reduced: 4.03, free: 4.43 });
    expect(key('lunch', 'high-need')).toMatchObject({ paid: 0.44, reduced: 4.05, free: 4.45 });
    expect(key('lunch', 'performance-add-on')).toMatchObject({ paid: 0.09, reduced: 0.09, free: 0.09 });
    expect(key('breakfast', 'regular')).toMatchObject({ paid: 0.39, reduced: 2.07, free: 2.37 });
    expect(key('breakfast', 'severe-need')).toMatchObject({ paid: 0.39, reduced: 2.54, free: 2.84 });
    expect(key('snack', 'area-eligible')).toMatchObject({ paid: null, reduced: null, free: 1.21 });
    expect(rates).toHaveLength(7);
    expect(skipped.map((s) => s.line)).toEqual([5, 6, 11, 12]);
  });

  it('refuses a file whose derived totals disagree with base + add-on', () => {
    const bad = file('usda-meal-reimbursement-rates-sy2024-25.csv').replace('<60% + certified,0.51', '<60% + certified,0.52');
    expect(() => parseReimbursementRates(bad)).toThrow(/total paid 0.52 is not base \+ add-on/);
  });

  it('reads the income guidelines with every frequency', () => {
    const rows = parseIncomeGuidelines(file('usda-income-eligibility-guidelines-sy2025-26.csv'));
    expect(rows[0]).toEqual({
      householdSize: 1,
      free: { annual: 20345, monthly: 1696, 'twice-monthly': 848, 'every-two-weeks': 783, weekly: 392 },
      reduced: { annual: 28953, monthly: 2413, 'twice-monthly': 1207, 'every-two-weeks': 1114, weekly: 557 },
    });
    expect(rows[8].householdSize).toBe(0);
  });
});
