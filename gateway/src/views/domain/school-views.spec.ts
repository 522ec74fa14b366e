import type { DepartmentAnswer } from '../../clients/department-client';
import { mergeSchoolViews, SummaryAnswers, sourcesOf } from './school-views';

const a = '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e';
const b = '9d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6f';
const school = (id: string) => ({ id, code: id.slice(0, 4), name: 'S', address: 'x', latitude: 42, longitude: -71, grades: ['K' as const], capacity: {}, type: 'elementary' as const });
const ok = <T>(schools: Record<string, T>): DepartmentAnswer<{ date: string; schools: Record<string, T> }> => ({ status: 'ok', ms: 3, value: { date: '2026-11-23', schools } });
const down = { status: 'unavailable', ms: 1500, detail: 'no answer within the timeout' } as const;

const answers = (over: Partial<SummaryAnswers> = {}): SummaryAnswers => ({
  enrollment: ok({ [a]: { school: school(a), enrollment: { total: 5, byGrade: { K: 5 }, capacity: 10, utilization: 0.5, grades: [] } }, [b]: { school: school(b), enrollment: { total: 1, byGrade: {}, capacity: null, utilization: null, grades: [] } } }),
  transportation: ok({ [a]: { runs: 4 } }),
  food: ok({ [a]: { mealsToday: 120 }, [b]: { mealsToday: 3 } }),
  facilities: ok({}),
  technology: ok({ [b]: { openTickets: 2 } }),
  'labor-relations': ok({ [a]: { openGrievances: 1 } }),
  ...over,
});

describe('mergeSchoolViews', () => {
  it('gives every school a section from every department, in the order asked', () => {
    const views = mergeSchoolViews([b, a], answers());
    expect(views.map((v) => v.school?.id)).toEqual([b, a]);
    expect(views[1]).toMatchObject({ enrollment: { total: 5 }, transportation: { runs: 4 }, food: { mealsToday: 120 }, facilities: null, technology: null, 'labor-relations': { openGrievances: 1 } });
  });

  it('leaves a department’s sections null when it did not answer, and the sources say why', () => {
    const all = answers({ food: down });
    const [view] = mergeSchoolViews([a], all);
    expect(view.food).toBeNull();
    expect(view.transportation).toEqual({ runs: 4 });
    expect(sourcesOf(all).food).toEqual({ status: 'unavailable', ms: 1500, detail: 'no answer within the timeout' });
    expect(sourcesOf(all).enrollment).toEqual({ status: 'ok', ms: 3 });
  });

  it('still answers with the other departments when enrollment is down (school unknown)', () => {
    const [view] = mergeSchoolViews([a], answers({ enrollment: down }));
    expect(view.school).toBeNull();
    expect(view.transportation).toEqual({ runs: 4 });
  });
});
