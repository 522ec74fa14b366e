import { scheduleProblems } from '../runs/domain/run-schedule';
import { planDemoFleet, PlanSchool } from './demo-plan';

const school = (code: string, n: number): PlanSchool => ({
  id: `id-${code}`, code, latitude: 42.3, longitude: -71.06,
  students: Array.from({ length: n }, (_, i) => ({ id: `${code}-${i}`, latitude: 42.3 + Math.cos(i) * (1 + (i % 7) * 0.2) / 69, longitude: -71.06 + Math.sin(i) * (1 + (i % 5) * 0.3) / 51 })),
});

describe('demo fleet plan', () => {
  const schools = [school('A', 130), school('B', 45), school('C', 0)];
  const plan = planDemoFleet(schools);

  it('has about one bus in service per 60 eligible riders, plus spares', () => {
    expect(plan.vehicles.filter((v) => v.status === 'active')).toHaveLength(Math.ceil(175 / 60));
    expect(plan.vehicles.length).toBeGreaterThan(3);
  });
  it('gives every school with riders AM and PM runs with coherent timetables, and none to a school without', () => {
    expect(plan.runs.filter((r) => r.schoolId === 'id-A' && r.session === 'AM')).toHaveLength(4);
    expect(plan.runs.filter((r) => r.schoolId === 'id-A' && r.session === 'PM')).toHaveLength(4);
    expect(plan.runs.some((r) => r.schoolId === 'id-C')).toBe(false);
    for (const r of plan.runs) expect(scheduleProblems(r)).toEqual([]);
  });
  it('is deterministic', () => {
    expect(planDemoFleet(schools)).toEqual(plan);
  });
});
