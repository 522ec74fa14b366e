import type { SchoolEnrollmentOverview, TransportationSchoolSummary } from '@district/contracts';
import { DepartmentAnswer, mergeSchoolOverview } from './merge-school-overview';

const schoolId = '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e';
const school = { id: schoolId, code: '4061', name: 'Guild Elementary', address: '195 Leyden St', latitude: 42.39, longitude: -71.0, grades: ['K' as const, '1' as const], capacity: { K: 100 } };
const enrolled: DepartmentAnswer<SchoolEnrollmentOverview> = { status: 'ok', ms: 3, value: { school, enrollment: { total: 5, byGrade: { K: 2, '1': 3 }, capacity: 100, utilization: 0.02, grades: [{ grade: 'K', enrolled: 2, capacity: 100, utilization: 0.02 }, { grade: '1', enrolled: 3, capacity: null, utilization: null }] } } };
const riders: DepartmentAnswer<TransportationSchoolSummary> = { status: 'ok', ms: 4, value: { schoolId, eligibleRiders: 2, transitPass: 1, notEligible: 2 } };
const down = { status: 'unavailable', ms: 1500, detail: 'no answer within the timeout' } as const;

describe('mergeSchoolOverview', () => {
  it('fills every section when both departments answer', () => {
    expect(mergeSchoolOverview(enrolled, riders)).toEqual({
      found: true,
      overview: {
        school,
        enrollment: enrolled.status === 'ok' ? enrolled.value.enrollment : null,
        transportation: { eligibleRiders: 2, transitPass: 1, notEligible: 2 },
        sources: { enrollment: { status: 'ok', ms: 3 }, transportation: { status: 'ok', ms: 4 } },
      },
    });
  });

  it('leaves transportation null and says why when it did not answer', () => {
    const result = mergeSchoolOverview(enrolled, down);
    expect(result).toMatchObject({
      found: true,
      overview: { school, transportation: null, sources: { enrollment: { status: 'ok' }, transportation: { status: 'unavailable', ms: 1500, detail: 'no answer within the timeout' } } },
    });
  });

  it('leaves school and enrollment null when enrollment did not answer, keeping transportation', () => {
    const result = mergeSchoolOverview(down, riders);
    expect(result).toMatchObject({
      found: true,
      overview: { school: null, enrollment: null, transportation: { eligibleRiders: 2 }, sources: { enrollment: { status: 'unavailable' }, transportation: { status: 'ok' } } },
    });
  });

  it('is not found when enrollment knows no such school, whatever transportation said', () => {
    expect(mergeSchoolOverview({ status: 'not-found', ms: 2, detail: 'no such school' }, riders)).toEqual({ found: false, detail: 'no such school' });
  });

  it('treats a 404 from transportation as an unavailable section, not a missing school', () => {
    const result = mergeSchoolOverview(enrolled, { status: 'not-found', ms: 2, detail: 'unknown school' });
    expect(result).toMatchObject({ found: true, overview: { transportation: null, sources: { transportation: { status: 'unavailable', detail: 'unknown school' } } } });
  });
});
