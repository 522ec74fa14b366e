import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIncomeGuidelines } from '../../reference/domain/reference-tables';
import { decideApplication, limitsFor } from './income-decision';

const table = parseIncomeGuidelines(readFileSync(path.join(__dirname, '../../reference-data/usda-income-eligibility-guidelines-sy2025-26.csv'), 'utf8'));

describe('income decisions against the USDA SY 2025-26 table', () => {
  it('reads every household size and the per-member row', () => {
    expect(table).toHaveLength(9);
    expect(limitsFor(table, 4, 'annual')).toEqual({ free: 41795, reduced: 59478 });
    expect(limitsFor(table, 1, 'weekly')).toEqual({ free: 392, reduced: 557 });
  });

  it('is free exactly at the free limit and reduced one dollar above it (household of 4, annual)', () => {
    expect(decideApplication({ householdSize: 4, incomes: [{ amount: 41795, frequency: 'annual' }] }, table).category).toBe('free');
    expect(decideApplication({ householdSize: 4, incomes: [{ amount: 41796, frequency: 'annual' }] }, table).category).toBe('reduced');
  });

  it('is reduced exactly at the reduced limit and paid one dollar above it (household of 3, monthly)', () => {
    expect(decideApplication({ householdSize: 3, incomes: [{ amount: 4109, frequency: 'monthly' }] }, table).category).toBe('reduced');
    expect(decideApplication({ householdSize: 3, incomes: [{ amount: 4109.01, frequency: 'monthly' }] }, table).category).toBe('paid');
  });

  it('compares in the common frequency: weekly limits for weekly income', () => {
    const d = decideApplication({ householdSize: 2, incomes: [{ amount: 300, frequency: 'weekly' }, { amount: 229, frequency: 'weekly' }] }, table);
    expect(d).toMatchObject({ category: 'free', comparedAs: 'weekly', householdIncome: 529, freeLimit: 529 });
  });

  it('annualises mixed frequencies without rounding (×52, ×26, ×24, ×12)', () => {
    // 1,000 twice a month (24,000) + 150 weekly (7,800) = 31,800 a year; household of 2: free ≤ 27,495, reduced ≤ 39,128
    const d = decideApplication({ householdSize: 2, incomes: [{ amount: 1000, frequency: 'twice-monthly' }, { amount: 150, frequency: 'weekly' }] }, table);
    expect(d).toMatchObject({ category: 'reduced', comparedAs: 'annual', householdIncome: 31800 });
    const edge = decideApplication({ householdSize: 1, incomes: [{ amount: 782.5, frequency: 'every-two-weeks' }, { amount: 0, frequency: 'monthly' }] }, table);
    expect(edge).toMatchObject({ householdIncome: 20345, category: 'free' }); // 782.5 × 26 = 20,345, the free limit itself
  });

  it('adds the per-member amount past a household of 8', () => {
    expect(limitsFor(table, 10, 'annual')).toEqual({ free: 70395 + 2 * 7150, reduced: 100178 + 2 * 10175 });
    expect(decideApplication({ householdSize: 9, incomes: [{ amount: 77545, frequency: 'annual' }] }, table).category).toBe('free');
    expect(decideApplication({ householdSize: 9, incomes: [{ amount: 77546, frequency: 'annual' }] }, table).category).toBe('reduced');
  });

  it('a SNAP/TANF/FDPIR case number makes the household free whatever the income', () => {
    expect(decideApplication({ householdSize: 2, incomes: [{ amount: 90000, frequency: 'annual' }], assistanceCaseNumber: 'SNAP-123' }, table)).toMatchObject({ category: 'free', reason: 'assistance-case-number' });
  });

  it('no income is free', () => {
    expect(decideApplication({ householdSize: 3, incomes: [] }, table).category).toBe('free');
  });
});
