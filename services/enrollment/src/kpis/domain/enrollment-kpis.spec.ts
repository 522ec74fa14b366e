import { districtKpis, periodBounds, schoolKpis } from './enrollment-kpis';

describe('enrollment KPIs', () => {
  const a = { schoolId: 'a', enrolled: 90, capacity: 100, withdrawals: 2, choice: { applicants: 40, firstChoiceApplicants: 20, firstChoiceAssigned: 15, assigned: 30, waitlist: 12 } };
  const b = { schoolId: 'b', enrolled: 30, capacity: null, withdrawals: 1 };

  it('rates a school on seats, withdrawals and its choice results', () => {
    expect(schoolKpis(a)).toEqual({ schoolId: 'a', enrolled: 90, capacity: 100, seatUtilization: 0.9, withdrawals: 2, firstChoiceRate: 0.75, anyChoiceRate: 0.75, waitlistLength: 12 });
    expect(schoolKpis(b)).toMatchObject({ seatUtilization: null, firstChoiceRate: null, waitlistLength: null });
  });

  it('rolls the district up, utilisation only over schools with a capacity', () => {
    expect(districtKpis([a, b], { applicants: 100, assigned: 90, firstChoice: 60, waitlist: 40 })).toEqual({
      enrolled: 120, capacity: 100, seatUtilization: 0.9, withdrawals: 3, firstChoiceRate: 0.6, anyChoiceRate: 0.9, waitlistLength: 40,
    });
    expect(districtKpis([], null)).toEqual({ enrolled: 0, capacity: null, seatUtilization: null, withdrawals: 0, firstChoiceRate: null, anyChoiceRate: null, waitlistLength: null });
  });

  it('reads a period as a calendar month', () => {
    expect(periodBounds('2026-12')).toEqual({ start: '2026-12-01', next: '2027-01-01' });
    expect(periodBounds('2026-02')).toEqual({ start: '2026-02-01', next: '2026-03-01' });
    expect(periodBounds('2026-13')).toBeUndefined();
    expect(periodBounds('26-01')).toBeUndefined();
  });
});
