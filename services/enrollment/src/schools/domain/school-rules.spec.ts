import { schoolProblems, seatUtilization, sortGrades, utilization } from './school-rules';

describe('school rules', () => {
  it('keeps grades in their natural order', () => {
    expect(sortGrades(['10', 'K', '2', 'PK', '1'])).toEqual(['PK', 'K', '1', '2', '10']);
  });

  it('refuses capacity for grades not served, repeated grades and negative seats', () => {
    expect(schoolProblems({ grades: ['K', '1'], capacity: { K: 20 } })).toEqual([]);
    expect(schoolProblems({ grades: ['K', 'K'], capacity: {} })).toEqual([{ field: 'grades', message: 'grades must not repeat' }]);
    expect(schoolProblems({ grades: ['K'], capacity: { '5': 10 } })[0].field).toBe('capacity.5');
    expect(schoolProblems({ grades: ['K'], capacity: { K: -1 } })[0].message).toMatch(/0 or more/);
  });

  it('computes utilisation as enrolled over capacity, null without capacity', () => {
    expect(utilization(45, 50)).toBe(0.9);
    expect(utilization(55, 50)).toBe(1.1); // over capacity is shown, not capped
    expect(utilization(3, 0)).toBeNull();
    expect(utilization(3, undefined)).toBeNull();
  });

  it('sums capacity and utilisation only over grades that have a capacity', () => {
    const u = seatUtilization(['K', '1', '2'], { K: 20, '1': 20 }, { K: 10, '1': 20, '2': 7 });
    expect(u.total).toBe(37);
    expect(u.capacity).toBe(40);
    expect(u.utilization).toBe(0.75); // 30 of 40; grade 2 has no capacity
    expect(u.grades).toEqual([
      { grade: 'K', enrolled: 10, capacity: 20, utilization: 0.5 },
      { grade: '1', enrolled: 20, capacity: 20, utilization: 1 },
      { grade: '2', enrolled: 7, capacity: null, utilization: null },
    ]);
  });

  it('lists a grade that still has students after the school stopped serving it', () => {
    expect(seatUtilization(['K'], { K: 10 }, { K: 1, '1': 2 }).grades.map((g) => g.grade)).toEqual(['K', '1']);
  });
});
