import { FOOD_KPIS } from '@district/contracts';
import { foodKpis, SchoolMonth } from './food-kpis';

const school = (over: Partial<SchoolMonth> = {}): SchoolMonth => ({
  schoolId: 'a', enrolled: 400, identified: 160,
  meals: { breakfast: 3000, lunch: 5000, snack: 0 }, servingDays: { breakfast: 20, lunch: 20 },
  costs: { laborHours: 500, food: 9000, labor: 12000, other: 1000, otherRevenue: 2000 }, claim: 23000, ...over,
});

describe('food KPIs', () => {
  it('computes every KPI of the catalogue for one school', () => {
    const v = foodKpis([school()]);
    expect(Object.keys(v).sort()).toEqual(FOOD_KPIS.map((k) => k.id).sort());
    expect(v['food.lunch-participation']).toBe(62.5); // 5000 / 20 = 250 a day ÷ 400
    expect(v['food.breakfast-participation']).toBe(37.5);
    expect(v['food.meals-per-labor-hour']).toBe(14.02); // (5000 + 3000 × 0.67) / 500
    expect(v['food.cost-per-meal']).toBe(3.14); // 22000 / 7010
    expect(v['food.food-cost-percent-of-revenue']).toBe(36); // 9000 / 25000
    expect(v['food.labor-cost-percent-of-revenue']).toBe(48);
    expect(v['food.reimbursement-revenue']).toBe(23000);
    expect(v['food.directly-certified-percent']).toBe(40);
  });

  it('district values weigh schools by their figures, not an average of percentages', () => {
    const v = foodKpis([school(), school({ schoolId: 'b', enrolled: 100, identified: 10, meals: { breakfast: 0, lunch: 1000, snack: 0 }, servingDays: { breakfast: 0, lunch: 20 }, costs: null, claim: 4000 })]);
    expect(v['food.lunch-participation']).toBe(60); // (250 + 50) / 500
    expect(v['food.breakfast-participation']).toBe(37.5); // school b serves no breakfast
    expect(v['food.directly-certified-percent']).toBe(34); // 170 / 500
    expect(v['food.reimbursement-revenue']).toBe(27000);
    expect(v['food.cost-per-meal']).toBe(3.14); // only the school with costs
  });

  it('is null, not zero, where there is nothing to compute from', () => {
    const v = foodKpis([school({ meals: { breakfast: 0, lunch: 0, snack: 0 }, servingDays: { breakfast: 0, lunch: 0 }, costs: null, claim: null })]);
    expect(v['food.lunch-participation']).toBeNull();
    expect(v['food.meals-per-labor-hour']).toBeNull();
    expect(v['food.reimbursement-revenue']).toBeNull();
    expect(v['food.directly-certified-percent']).toBe(40);
    expect(foodKpis([])['food.directly-certified-percent']).toBeNull();
  });
});
