import { checkAgainstRecords, checkItems } from './meal-items';

const S = '11111111-1111-4111-8111-111111111111';
const ST = '22222222-2222-4222-8222-222222222222';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ok = (n: number, over: Record<string, unknown> = {}) => ({ id: id(n), schoolId: S, date: '2026-09-03', mealType: 'lunch', category: 'free', studentId: ST, ...over });

describe('point-of-sale item checks', () => {
  it('accepts student and anonymous items', () => {
    const { items, rejected } = checkItems([ok(1), ok(2, { studentId: undefined, count: 12, category: 'paid' })]);
    expect(rejected).toEqual([]);
    expect(items.map((i) => i.meals)).toEqual([1, 12]);
  });

  it('rejects each bad item with every reason and keeps the good ones', () => {
    const { items, rejected } = checkItems([ok(1), { id: 'x', schoolId: S, date: '2026-02-30', mealType: 'dinner', category: 'free', extra: 1 }, ok(3, { studentId: null })]);
    expect(items).toHaveLength(1);
    expect(rejected[0]).toEqual({ index: 1, id: null, errors: ['extra: unknown field', 'id must be a UUID', 'date must be a YYYY-MM-DD date', 'mealType must be one of breakfast, lunch, snack', 'count must be a whole number from 1 to 5000 for an anonymous count'] });
    expect(rejected[1].errors).toEqual(['count must be a whole number from 1 to 5000 for an anonymous count']);
  });

  it('refuses a repeated id and a second lunch for the same student on the same day within a batch', () => {
    const { items, rejected } = checkItems([ok(1), ok(1), ok(2)]);
    expect(items).toHaveLength(1);
    expect(rejected.map((r) => r.errors[0])).toEqual(['id appears earlier in this batch', 'the student already has a lunch on 2026-09-03 earlier in this batch']);
  });

  it('checks the school, cancellations and the student\'s open account on the day', () => {
    const { items } = checkItems([ok(1), ok(2, { date: '2026-09-10', mealType: 'breakfast' }), ok(3, { date: '2026-08-20' }), ok(4, { studentId: id(99) })]);
    const r = checkAgainstRecords(items, {
      schools: new Set([S]),
      cancelled: new Set([`${S}|2026-09-10`]),
      spells: new Map([[ST, [{ schoolId: S, from: '2026-09-02', to: null }]]]),
    });
    expect(r.accepted.map((a) => a.index)).toEqual([0]);
    expect(r.rejected.map((x) => x.errors[0])).toEqual([
      'meal service is cancelled at this school on 2026-09-10',
      "studentId: the student's meal account was not open at this school on 2026-08-20",
      'studentId: no meal account for this student',
    ]);
  });
});
