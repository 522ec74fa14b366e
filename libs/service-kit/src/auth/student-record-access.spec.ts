import { disclosedStudentIds } from './student-record-access.interceptor';

describe('disclosedStudentIds', () => {
  it('finds the students an answer shows: one record, a page, an array, or the route’s id', () => {
    expect(disclosedStudentIds({ id: 's1', firstName: 'Ana' })).toEqual(['s1']);
    expect(disclosedStudentIds({ items: [{ studentId: 's1' }, { studentId: 's2' }], total: 2 })).toEqual(['s1', 's2']);
    expect(disclosedStudentIds([{ id: 'a' }, { id: 'b' }])).toEqual(['a', 'b']);
    expect(disclosedStudentIds({ status: 'open' }, { studentId: 's9' })).toEqual(['s9']);
    expect(disclosedStudentIds(undefined)).toEqual([]);
  });
});
