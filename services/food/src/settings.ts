import { Provider } from '@nestjs/common';
import { SERVICE_CONFIG } from '@district/service-kit';
import { CepPolicy, parseCepRounding } from './cep/domain/cep';
import { FoodEnv } from './config';
import { MealEquivalents } from './queries/domain/food-kpis';

/** The configuration as the rules use it, checked at boot. */
export interface FoodSettings {
  timezone: string;
  lunchHighNeed: boolean;
  performanceAddOn: boolean;
  /** 'all', 'none', or school codes */
  severeNeedBreakfast: 'all' | 'none' | Set<string>;
  cep: CepPolicy;
  mealEquivalents: MealEquivalents;
  carryoverDays: number;
  mealBatchMaxItems: number;
  mealBatchMaxBytes: number;
  importMaxBytes: number;
}

export const FOOD_SETTINGS = Symbol('FOOD_SETTINGS');

export const foodSettingsProvider: Provider = {
  provide: FOOD_SETTINGS,
  inject: [SERVICE_CONFIG],
  useFactory: (env: FoodEnv): FoodSettings => {
    const severe = env.FOOD_SEVERE_NEED_BREAKFAST.trim();
    return {
      // the district's "today" when a request names no date, and event dates (checked at boot by the kit)
      timezone: env.DISTRICT_TIMEZONE,
      lunchHighNeed: env.FOOD_LUNCH_HIGH_NEED,
      performanceAddOn: env.FOOD_PERFORMANCE_ADD_ON,
      severeNeedBreakfast: severe === 'all' || severe === 'none' ? severe : new Set(severe.split(',').map((s) => s.trim()).filter(Boolean)),
      cep: { minimumIsp: env.FOOD_CEP_MIN_ISP, multiplier: env.FOOD_CEP_MULTIPLIER, rounding: parseCepRounding(env.FOOD_CEP_ROUNDING)! },
      mealEquivalents: { breakfast: env.FOOD_MEQ_BREAKFAST, snack: env.FOOD_MEQ_SNACK },
      carryoverDays: env.FOOD_ELIGIBILITY_CARRYOVER_DAYS,
      mealBatchMaxItems: env.FOOD_MEAL_BATCH_MAX_ITEMS,
      mealBatchMaxBytes: env.FOOD_MEAL_BATCH_MAX_BYTES,
      importMaxBytes: env.FOOD_IMPORT_MAX_BYTES,
    };
  },
};
