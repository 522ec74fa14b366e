import { enrollmentProblem, transferProblem, withdrawalProblem } from './enrollment-rules';

describe('enrollment rules', () => {
  it('enrols only students not already enrolled, in a grade the school serves', () => {
    expect(enrollmentProblem({ schoolGrades: ['K', '1'], grade: '1', open: null })).toBeUndefined();
    expect(enrollmentProblem({ schoolGrades: ['K', '1'], grade: '2', open: null })).toMatch(/does not serve grade 2/);
    expect(enrollmentProblem({ schoolGrades: ['K', '1'], grade: '1', open: { schoolId: 'a', entryDate: '2026-09-01' } })).toMatch(/already enrolled/);
  });

  it('transfers only an enrolled student, to another school, not back in time', () => {
    const open = { schoolId: 'a', entryDate: '2026-09-01' };
    expect(transferProblem({ schoolGrades: ['3'], grade: '3', open, toSchoolId: 'b', entryDate: '2026-10-01' })).toBeUndefined();
    expect(transferProblem({ schoolGrades: ['3'], grade: '3', open: null, toSchoolId: 'b', entryDate: '2026-10-01' })).toMatch(/not enrolled/);
    expect(transferProblem({ schoolGrades: ['3'], grade: '3', open, toSchoolId: 'a', entryDate: '2026-10-01' })).toMatch(/already at this school/);
    expect(transferProblem({ schoolGrades: ['3'], grade: '3', open, toSchoolId: 'b', entryDate: '2026-08-01' })).toMatch(/before the current entry date/);
  });

  it('closes an open enrollment on or after its entry date', () => {
    expect(withdrawalProblem({ open: true, entryDate: '2026-09-01', exitDate: '2026-09-01' })).toBeUndefined();
    expect(withdrawalProblem({ open: false, entryDate: '2026-09-01', exitDate: '2026-10-01' })).toMatch(/already closed/);
    expect(withdrawalProblem({ open: true, entryDate: '2026-09-01', exitDate: '2026-08-31' })).toMatch(/before the entry date/);
  });
});
