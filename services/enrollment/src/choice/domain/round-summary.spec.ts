import { summarizeRound } from './round-summary';

describe('round summary', () => {
  it('counts applicants, first-choice and any-choice placements and waitlist entries, district-wide and per school', () => {
    const s = summarizeRound([
      { choices: [{ schoolId: 'a' }, { schoolId: 'b' }], assignedSchoolId: 'a', waitlist: [] },
      { choices: [{ schoolId: 'a' }, { schoolId: 'b' }], assignedSchoolId: 'b', waitlist: [{ schoolId: 'a' }] },
      { choices: [{ schoolId: 'b' }], assignedSchoolId: null, waitlist: [{ schoolId: 'b' }] },
    ]);
    expect(s).toMatchObject({ applicants: 3, assigned: 2, firstChoice: 1, waitlist: 2 });
    expect(s.bySchool.a).toEqual({ applicants: 2, firstChoiceApplicants: 2, firstChoiceAssigned: 1, assigned: 1, waitlist: 1 });
    expect(s.bySchool.b).toEqual({ applicants: 3, firstChoiceApplicants: 1, firstChoiceAssigned: 0, assigned: 1, waitlist: 1 });
  });
});
