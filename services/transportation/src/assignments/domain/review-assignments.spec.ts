import { CurrentAssignment, reviewAssignments, ReviewedStudent } from './review-assignments';

const home = { latitude: 42.36, longitude: -71.06 };
const rider: ReviewedStudent = { ...home, enrolled: true, schoolId: 'A', eligibility: 'yellow-bus', eligibleSchoolId: 'A' };
const at = (session: 'AM' | 'PM', schoolId = 'A', miles = 0.1, runActive = true): CurrentAssignment => ({ session, schoolId, runActive, latitude: home.latitude + miles / 69.055, longitude: home.longitude });

describe('reviewing a student’s stops after a change', () => {
  it('keeps valid stops and asks for the missing session', () => {
    expect(reviewAssignments(rider, [at('AM')], 0.5)).toEqual({ remove: [], needs: ['PM'] });
  });
  it('removes every stop on withdrawal and proposes none', () => {
    expect(reviewAssignments({ ...rider, enrolled: false, schoolId: null }, [at('AM'), at('PM')], 0.5)).toEqual({
      remove: [{ session: 'AM', reason: 'withdrawn' }, { session: 'PM', reason: 'withdrawn' }], needs: [],
    });
  });
  it('moves a transferred student: the old school’s stops go, both sessions are needed at the new school', () => {
    const moved = { ...rider, schoolId: 'B', eligibleSchoolId: 'B' };
    expect(reviewAssignments(moved, [at('AM', 'A'), at('PM', 'A')], 0.5)).toEqual({
      remove: [{ session: 'AM', reason: 'transferred' }, { session: 'PM', reason: 'transferred' }], needs: ['AM', 'PM'],
    });
  });
  it('removes stops when the student is no longer eligible', () => {
    expect(reviewAssignments({ ...rider, eligibility: 'not-eligible' }, [at('AM')], 0.5)).toEqual({ remove: [{ session: 'AM', reason: 'no-longer-eligible' }], needs: [] });
  });
  it('frees a stop now beyond the walk limit (the family moved) or on a deactivated run', () => {
    expect(reviewAssignments(rider, [at('AM', 'A', 0.8), at('PM', 'A', 0.1, false)], 0.5)).toEqual({
      remove: [{ session: 'AM', reason: 'beyond-walk-limit' }, { session: 'PM', reason: 'run-inactive' }], needs: ['AM', 'PM'],
    });
  });
  it('waits for eligibility at the new school before proposing a stop there', () => {
    expect(reviewAssignments({ ...rider, schoolId: 'B', eligibleSchoolId: 'A' }, [], 0.5)).toEqual({ remove: [], needs: [] });
  });
});
