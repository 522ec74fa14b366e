import { birthDateProblem, changedFields, studentSnapshot } from './student-rules';

describe('student rules', () => {
  it('names only the published fields that changed, ignoring sibling order', () => {
    const before = { address: '1 A St', latitude: 42.1, grade: '3', siblingIds: ['b', 'a'], englishLearner: false };
    const after = { address: '2 B St', latitude: 42.1, grade: '4', siblingIds: ['a', 'b'], englishLearner: false };
    expect(changedFields(before as never, after as never)).toEqual(['grade', 'address']);
  });

  it('checks birth dates are real, past and within school age', () => {
    const today = new Date('2026-11-23T00:00:00Z');
    expect(birthDateProblem('2016-02-30', today)).toMatch(/real date/);
    expect(birthDateProblem('2027-01-01', today)).toMatch(/future/);
    expect(birthDateProblem('1990-01-01', today)).toMatch(/younger than 22/);
    expect(birthDateProblem('2016-02-29', today)).toBeUndefined();
  });

  it('publishes flags as booleans and siblings sorted', () => {
    const snap = studentSnapshot({
      id: 's1', localId: 'L1', firstName: 'A', lastName: 'B', birthDate: '2015-01-01', grade: '5', address: 'x', latitude: 1, longitude: 2,
      iepTransportation: true, englishLearner: false, mckinneyVento: false, siblingIds: ['z', 'c'], status: 'enrolled', schoolId: 'sc', enrollmentId: 'e', version: 3,
    });
    expect(snap.flags).toEqual({ iepTransportation: true, englishLearner: false, mckinneyVento: false });
    expect(snap.siblingIds).toEqual(['c', 'z']);
    expect(snap).not.toHaveProperty('birthDate');
  });
});
