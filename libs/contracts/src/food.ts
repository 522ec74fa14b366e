import { defineEvent } from './envelope';
import type { KpiDefinition } from './department-queries';

/**
 * Food and nutrition (DOMAIN.md section 3). The department publishes what other departments act on
 * (meal service cancelled or restored at a school); a student's meal eligibility is sensitive (USDA
 * restricts its disclosure) and never leaves the service in an event.
 */
export type MealType = 'breakfast' | 'lunch' | 'snack';
export const MEAL_TYPES: readonly MealType[] = ['breakfast', 'lunch', 'snack'];

/** Meal benefit category: free, reduced-price or paid. */
export type MealCategory = 'free' | 'reduced' | 'paid';
export const MEAL_CATEGORIES: readonly MealCategory[] = ['free', 'reduced', 'paid'];

/** Meal service at a school is cancelled on these dates (a building closure or the kitchen's own decision). */
export interface MealServiceCancelled {
  /** the closure (facilities' closureId) or the food service's own cancellation id */
  cancellationId: string;
  origin: 'building-closure' | 'food-service';
  schoolId: string;
  /** the cancelled serving days (weekdays), YYYY-MM-DD, ascending */
  dates: string[];
  reason: string;
  /** increases with every change of this cancellation */
  version: number;
}

/** Meal service resumes on these dates (a closure lifted or shortened). */
export interface MealServiceRestored {
  cancellationId: string;
  origin: 'building-closure' | 'food-service';
  schoolId: string;
  dates: string[];
  version: number;
}

export const FoodEvents = {
  ServiceCancelled: defineEvent<MealServiceCancelled>('food', 'service', 'cancelled', 1),
  ServiceRestored: defineEvent<MealServiceRestored>('food', 'service', 'restored', 1),
} as const;

export type MealCounts = Record<MealType, number>;

/** `food.school-summaries.get`: one school's meal service as of the requested date. */
export interface FoodSchoolSummary {
  schoolId: string;
  /** students with an open meal account on the date */
  enrolled: number;
  mealsToday: MealCounts;
  mealsMonthToDate: MealCounts;
  /** days of the month so far with meals served */
  servingDaysMonthToDate: number;
  /** average daily participation ÷ enrolled, month to date, in % (null before the first serving day) */
  lunchParticipation: number | null;
  breakfastParticipation: number | null;
  /** CEP status on the date: null when the school is not in the Community Eligibility Provision */
  cep: { electionId: string; name: string; isp: number; freeClaimingPercent: number } | null;
  /** reimbursement earned month to date (USD, from the dated rate tables) */
  claimMonthToDate: number;
  /** meal service is cancelled on the date (building closure or kitchen) */
  serviceCancelled: { reason: string; origin: MealServiceCancelled['origin'] } | null;
}

/** `food.student-summary.get`: the meal account, and the eligibility category only when `includeSensitive`. */
export interface FoodStudentSummary {
  studentId: string;
  account: {
    status: 'open' | 'closed';
    schoolId: string | null;
    openedOn: string;
    closedOn: string | null;
  } | null;
  /** present only when the request had includeSensitive: true */
  eligibility?: {
    category: MealCategory;
    /** direct-certification, household-extension, categorical, application or none */
    basis: string;
    effectiveFrom: string | null;
  };
}

/** Food's KPI catalogue (DOMAIN.md section 3), answered by `food.kpis.get`. */
export const FOOD_KPIS: KpiDefinition[] = [
  {
    id: 'food.lunch-participation', department: 'food', name: 'Lunch participation', unit: '%', direction: 'higher', perSchool: true,
    description: 'average daily lunches (lunches ÷ serving days) ÷ students enrolled at the end of the month',
  },
  {
    id: 'food.breakfast-participation', department: 'food', name: 'Breakfast participation', unit: '%', direction: 'higher', perSchool: true,
    description: 'average daily breakfasts (breakfasts ÷ serving days) ÷ students enrolled at the end of the month',
  },
  {
    id: 'food.meals-per-labor-hour', department: 'food', name: 'Meals per labor hour', unit: 'ratio', direction: 'higher', perSchool: true,
    description: 'meal equivalents (lunch 1, breakfast 0.67, snack 0.33) ÷ paid labor hours',
  },
  {
    id: 'food.cost-per-meal', department: 'food', name: 'Cost per meal', unit: 'USD', direction: 'lower', perSchool: true,
    description: 'food, labor and other food-service cost ÷ meal equivalents',
  },
  {
    id: 'food.food-cost-percent-of-revenue', department: 'food', name: 'Food cost % of revenue', unit: '%', direction: 'lower', perSchool: true,
    description: 'food cost ÷ revenue (reimbursement claim plus meal sales and other revenue)',
  },
  {
    id: 'food.labor-cost-percent-of-revenue', department: 'food', name: 'Labor cost % of revenue', unit: '%', direction: 'lower', perSchool: true,
    description: 'labor cost ÷ revenue (reimbursement claim plus meal sales and other revenue)',
  },
  {
    id: 'food.reimbursement-revenue', department: 'food', name: 'Reimbursement revenue', unit: 'USD', direction: 'context', perSchool: true,
    description: 'the monthly reimbursement claim: meals × dated federal rates (CEP schools split by claiming percentage), after edit checks',
  },
  {
    id: 'food.directly-certified-percent', department: 'food', name: 'Directly certified %', unit: '%', direction: 'context', perSchool: true,
    description: 'students certified without an application (direct certification, household extension, categorical) ÷ enrolled, at the end of the month',
  },
];
