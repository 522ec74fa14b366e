import { gradeRange } from './grades';
import { schoolTypeOf } from './school-type';

describe('school type from the grades served', () => {
  it.each([
    [gradeRange('K', '5'), 'elementary'],
    [gradeRange('PK', '6'), 'elementary'],
    [gradeRange('6', '8'), 'middle'],
    [gradeRange('7', '8'), 'middle'],
    [gradeRange('9', '12'), 'high'],
    [gradeRange('K', '8'), 'k-8'],
    [gradeRange('7', '12'), '6-12'],
    [gradeRange('PK', '12'), 'k-12'],
    [[], 'other'],
  ] as const)('%j is %s', (grades, type) => {
    expect(schoolTypeOf(grades)).toBe(type);
  });
});
