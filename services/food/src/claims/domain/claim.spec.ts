import { readFileSync } from 'node:fs';
import path from 'node:path';
import { frac } from '../../cep/domain/cep';
import { parseReimbursementRates } from '../../reference/domain/reference-tables';
import { ClaimPolicy, computeClaim, DailyCount, RateTable, rateTableOn } from './claim';

const { rates } = parseReimbursementRates(readFileSync(path.join(__dirname, '../../reference-data/usda-meal-reimbursement-rates-sy2024-25.csv'), 'utf8'));
const SY2425: RateTable = { id: 't1', label: 'SY 2024-25', effectiveFrom: '2024-07-01', effectiveTo: '2025-07-01', rates };
const policy: ClaimPolicy = { lunchHighNeed: false, performanceAddOn: true, severeNeedBreakfast: (id) => id === 'A' };

const c = (schoolId: string, date: string, mealType: DailyCount['mealType'], category: DailyCount['category'], meals: number): DailyCount => ({ schoolId, date, mealType, category, meals });

describe('monthly claim (computed by hand, to the cent)', () => {
  const counts = [
    // school A counts by category; severe-need breakfast
    c('A', '2024-09-03', 'lunch', 'free', 100), c('A', '2024-09-03', 'lunch', 'reduced', 20), c('A', '2024-09-03', 'lunch', 'paid', 50),
    c('A', '2024-09-03', 'breakfast', 'free', 60), c('A', '2024-09-03', 'breakfast', 'reduced', 10), c('A', '2024-09-03', 'breakfast', 'paid', 5),
    c('A', '2024-09-04', 'lunch', 'free', 110), c('A', '2024-09-04', 'lunch', 'reduced', 18), c('A', '2024-09-04', 'lunch', 'paid', 40),
    c('A', '2024-09-04', 'breakfast', 'free', 50),
    // school B is CEP with ISP 1/3: 8/15 free, 7/15 paid
    c('B', '2024-09-03', 'lunch', 'free', 301), c('B', '2024-09-04', 'lunch', 'free', 299), c('B', '2024-09-03', 'breakfast', 'free', 101),
  ];
  const result = computeClaim({
    counts,
    eligibleOn: (id) => (id === 'A' ? { free: 105, reduced: 25, paid: 200 } : { free: 150, reduced: 50, paid: 200 }),
    cepOn: (id) => (id === 'B' ? frac(8, 15) : null),
    tables: [SY2425],
    policy,
  });

  it('school A: lunch at regular + 0.09 add-on, severe-need breakfast, 5 free lunches over the eligible count disallowed', () => {
    const a = result.schools.find((s) => s.schoolId === 'A')!;
    const line = (m: string, cat: string) => a.lines.find((l) => l.mealType === m && l.category === cat)!;
    expect(line('lunch', 'free')).toMatchObject({ meals: 205, rate: 4.52, amount: 926.6 });
    expect(line('lunch', 'reduced')).toMatchObject({ meals: 38, rate: 4.12, amount: 156.56 });
    expect(line('lunch', 'paid')).toMatchObject({ meals: 90, rate: 0.51, amount: 45.9 });
    expect(line('breakfast', 'free')).toMatchObject({ meals: 110, rate: 2.84, amount: 312.4 });
    expect(line('breakfast', 'reduced')).toMatchObject({ meals: 10, rate: 2.54, amount: 25.4 });
    expect(line('breakfast', 'paid')).toMatchObject({ meals: 5, rate: 0.39, amount: 1.95 });
    expect(a.total).toBe(1468.81);
    expect(a.disallowedMeals).toBe(5);
    expect(result.violations).toEqual([{ schoolId: 'A', date: '2024-09-04', mealType: 'lunch', category: 'free', served: 110, eligible: 105, disallowed: 5 }]);
  });

  it('school B (CEP): total meals split 8/15 free and 7/15 paid, each line rounded once', () => {
    const b = result.schools.find((s) => s.schoolId === 'B')!;
    const line = (m: string, cat: string) => b.lines.find((l) => l.mealType === m && l.category === cat)!;
    expect(line('lunch', 'free')).toMatchObject({ meals: 320, amount: 1446.4 });
    expect(line('lunch', 'paid')).toMatchObject({ meals: 280, amount: 142.8 });
    expect(line('breakfast', 'free').amount).toBe(127.66); // 101 × 8/15 × 2.37 = 127.664
    expect(line('breakfast', 'paid').amount).toBe(18.38); // 101 × 7/15 × 0.39 = 18.382
    expect(line('breakfast', 'free').meals).toBeCloseTo(53.8666667, 6);
    expect(b.total).toBe(1735.24);
  });

  it('the claim total is the sum of the schools', () => {
    expect(result.total).toBe(3204.05);
    expect(result.provisional).toBe(false);
  });

  it('uses the higher lunch rate and no add-on when configured', () => {
    const r = computeClaim({ counts: [c('A', '2024-09-03', 'lunch', 'free', 10)], eligibleOn: () => ({ free: 99, reduced: 0, paid: 0 }), cepOn: () => null, tables: [SY2425], policy: { lunchHighNeed: true, performanceAddOn: false, severeNeedBreakfast: () => false } });
    expect(r.total).toBe(44.5);
  });

  it('a month without a table in effect uses the latest earlier one and says so', () => {
    expect(rateTableOn([SY2425], '2026-09-15')).toEqual({ table: SY2425, provisional: true });
    expect(rateTableOn([SY2425], '2024-06-30')).toBeNull();
    const r = computeClaim({ counts: [c('A', '2026-09-15', 'lunch', 'paid', 1)], eligibleOn: () => ({ free: 0, reduced: 0, paid: 9 }), cepOn: () => null, tables: [SY2425], policy });
    expect(r.provisional).toBe(true);
    expect(r.warnings[0]).toMatch(/no rate table in effect on 2026-09-15/);
  });

  it('a CEP school is checked on all meals against all enrolled students', () => {
    const r = computeClaim({ counts: [c('B', '2024-09-03', 'lunch', 'free', 12)], eligibleOn: () => ({ free: 5, reduced: 2, paid: 3 }), cepOn: () => frac(1, 1), tables: [SY2425], policy });
    expect(r.violations).toEqual([{ schoolId: 'B', date: '2024-09-03', mealType: 'lunch', category: 'all', served: 12, eligible: 10, disallowed: 2 }]);
    expect(r.total).toBe(45.2);
  });
});
