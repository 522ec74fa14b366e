import { MEAL_CATEGORIES, MEAL_TYPES, MealCategory, MealType } from '@district/contracts';
import { isIsoDate } from '../../shared/dates';

/** One point-of-sale transaction as received. */
export interface MealItem {
  /** the POS's own transaction id (UUID): a resent transaction is recognised by it */
  id: string;
  schoolId: string;
  date: string;
  mealType: MealType;
  /** category at the time of service */
  category: MealCategory;
  /** the student served; absent for an anonymous count */
  studentId: string | null;
  /** meals in the transaction: 1 for a student, the counted meals for an anonymous count */
  meals: number;
}

export interface ItemRejection {
  index: number;
  id: string | null;
  errors: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = new Set(['id', 'schoolId', 'date', 'mealType', 'category', 'studentId', 'count']);
export const MAX_ANONYMOUS_COUNT = 5000;

/**
 * Checks the shape of every item of a batch (fast: no class instances for ten thousand items). An item
 * is accepted or rejected whole, with every reason; the same id twice in one batch keeps the first.
 */
export function checkItems(body: unknown[]): { items: (MealItem & { index: number })[]; rejected: ItemRejection[] } {
  // a batch holds few distinct dates: check each once
  const dates = new Map<unknown, boolean>();
  const validDate = (d: unknown) => {
    let ok = dates.get(d);
    if (ok === undefined) dates.set(d, (ok = isIsoDate(d)));
    return ok;
  };
  const items: (MealItem & { index: number })[] = [];
  const rejected: ItemRejection[] = [];
  const seen = new Set<string>();
  const perStudentMeal = new Set<string>();
  body.forEach((raw, index) => {
    const errors: string[] = [];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      rejected.push({ index, id: null, errors: ['must be an object'] });
      return;
    }
    const r = raw as Record<string, unknown>;
    for (const k in r) if (!FIELDS.has(k)) errors.push(`${k}: unknown field`);
    const id = typeof r.id === 'string' && UUID.test(r.id) ? r.id.toLowerCase() : null;
    if (!id) errors.push('id must be a UUID');
    if (typeof r.schoolId !== 'string' || !UUID.test(r.schoolId)) errors.push('schoolId must be a UUID');
    if (!validDate(r.date)) errors.push('date must be a YYYY-MM-DD date');
    if (!MEAL_TYPES.includes(r.mealType as MealType)) errors.push(`mealType must be one of ${MEAL_TYPES.join(', ')}`);
    if (!MEAL_CATEGORIES.includes(r.category as MealCategory)) errors.push(`category must be one of ${MEAL_CATEGORIES.join(', ')}`);
    const studentId = r.studentId === undefined || r.studentId === null ? null : r.studentId;
    if (studentId !== null && (typeof studentId !== 'string' || !UUID.test(studentId))) errors.push('studentId must be a UUID');
    let meals = 1;
    if (studentId === null) {
      if (!Number.isInteger(r.count) || (r.count as number) < 1 || (r.count as number) > MAX_ANONYMOUS_COUNT) errors.push(`count must be a whole number from 1 to ${MAX_ANONYMOUS_COUNT} for an anonymous count`);
      else meals = r.count as number;
    } else if (r.count !== undefined && r.count !== 1) errors.push('count must be 1 (or absent) for a student transaction');
    if (id && seen.has(id)) errors.push('id appears earlier in this batch');
    if (!errors.length && studentId !== null) {
      const key = `${(studentId as string).toLowerCase()}|${r.date}|${r.mealType}`;
      if (perStudentMeal.has(key)) errors.push(`the student already has a ${r.mealType as string} on ${r.date as string} earlier in this batch`);
      else perStudentMeal.add(key);
    }
    if (errors.length) {
      rejected.push({ index, id, errors });
      return;
    }
    seen.add(id!);
    items.push({
      index, id: id!, schoolId: (r.schoolId as string).toLowerCase(), date: r.date as string, mealType: r.mealType as MealType,
      category: r.category as MealCategory, studentId: studentId === null ? null : (studentId as string).toLowerCase(), meals,
    });
  });
  return { items, rejected };
}

/** A student's meal-account spells, to check a transaction was served where and when the student was enrolled. */
export interface AccountSpell {
  schoolId: string;
  from: string;
  to: string | null;
}

/**
 * Checks items against what the service knows: the school, meal service not cancelled that day, and for
 * a student, an open meal account at that school on that date.
 */
export function checkAgainstRecords(
  items: (MealItem & { index: number })[],
  known: { schools: Set<string>; cancelled: Set<string>; spells: Map<string, AccountSpell[]> },
): { accepted: (MealItem & { index: number })[]; rejected: ItemRejection[] } {
  const accepted: (MealItem & { index: number })[] = [];
  const rejected: ItemRejection[] = [];
  for (const item of items) {
    const errors: string[] = [];
    if (!known.schools.has(item.schoolId)) errors.push('schoolId: unknown school');
    else if (known.cancelled.has(`${item.schoolId}|${item.date}`)) errors.push(`meal service is cancelled at this school on ${item.date}`);
    if (item.studentId) {
      const spells = known.spells.get(item.studentId);
      if (!spells) errors.push('studentId: no meal account for this student');
      else if (!spells.some((s) => s.schoolId === item.schoolId && s.from <= item.date && (s.to === null || item.date < s.to))) {
        errors.push(`studentId: the student's meal account was not open at this school on ${item.date}`);
      }
    }
    if (errors.length) rejected.push({ index: item.index, id: item.id, errors });
    else accepted.push(item);
  }
  return { accepted, rejected };
}
