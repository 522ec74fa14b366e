import { ENROLLMENT_KPIS } from '@district/contracts';
import { asKpiValues, districtKpis, figuresByMonth, schoolKpis } from './enrollment-kpis';

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

  it('reports every KPI of the catalogue, rates as percentages', () => {
    const values = asKpiValues(schoolKpis(a));
    expect(Object.keys(values).sort()).toEqual(ENROLLMENT_KPIS.map((k) => k.id).sort());
    expect(values).toMatchObject({ 'enrollment.seat-utilization': 90, 'enrollment.first-choice-rate': 75, 'enrollment.waitlist-length': 12 });
    expect(asKpiValues(schoolKpis(b))['enrollment.first-choice-rate']).toBeNull();
  });

  it('carries enrolment forward month by month from the monthly aggregate', () => {
    const schools = [{ id: 'a', capacity: 10 }, { id: 'b', capacity: null }];
    const monthly = [
      { schoolId: 'a', period: '2026-08', net: 5, withdrawals: 0 },
      { schoolId: 'a', period: '2026-09', net: 3, withdrawals: 0 },
      { schoolId: 'b', period: '2026-09', net: 4, withdrawals: 0 },
      { schoolId: 'a', period: '2026-11', net: -1, withdrawals: 1 },
    ];
    const m = figuresByMonth(schools, monthly, ['2026-09', '2026-10', '2026-11']);
    expect(m.get('2026-09')!.map((f) => [f.enrolled, f.withdrawals])).toEqual([[8, 0], [4, 0]]);
    expect(m.get('2026-10')!.map((f) => f.enrolled)).toEqual([8, 4]);
    expect(m.get('2026-11')![0]).toEqual({ schoolId: 'a', capacity: 10, enrolled: 7, withdrawals: 1 });
  });
});
