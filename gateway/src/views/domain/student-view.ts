import type { DepartmentAnswer } from '../../clients/department-client';

export type StudentSectionDepartment = 'transportation' | 'food' | 'technology';
export type StudentSectionAnswers = Record<StudentSectionDepartment, DepartmentAnswer<Record<string, unknown>>>;

/** Field names that carry a student's meal eligibility category in the food section. */
const MEAL_ELIGIBILITY_FIELDS = ['eligibility', 'category', 'eligibilityCategory', 'eligibilitySource'];

/**
 * The sections of a student overview and the list of what they disclose, for the audit entry. The meal
 * eligibility category is removed unless the caller may see it, even if the department sent it
 * (defence in depth: food leaves it out by itself when not asked for it).
 */
export function studentSections(answers: StudentSectionAnswers, includeSensitive: boolean) {
  const sections: Record<StudentSectionDepartment, Record<string, unknown> | null> = { transportation: null, food: null, technology: null };
  const fields: string[] = [];
  for (const d of ['transportation', 'food', 'technology'] as const) {
    const a = answers[d];
    if (a.status !== 'ok') continue;
    let value = a.value;
    if (d === 'food') {
      const hasCategory = MEAL_ELIGIBILITY_FIELDS.some((f) => f in value);
      if (!includeSensitive) value = Object.fromEntries(Object.entries(value).filter(([k]) => !MEAL_ELIGIBILITY_FIELDS.includes(k)));
      else if (hasCategory) fields.push('food.eligibility');
    }
    sections[d] = value;
    fields.push(d);
  }
  return { sections, fields };
}
