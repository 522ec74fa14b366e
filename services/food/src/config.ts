import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value);

/** Food's settings; defaults from DOMAIN.md section 3. Rates and income limits are dated tables, not settings. */
export class FoodEnv extends BaseEnv {
  /** the district served ≥ 60 % free/reduced-price lunches in the second preceding year: the higher lunch rate */
  @Transform(toBool) @IsIn([true, false], { message: 'FOOD_LUNCH_HIGH_NEED must be true or false' })
  FOOD_LUNCH_HIGH_NEED = false;

  /** the district is certified for the meal pattern: the performance-based add-on on every reimbursable lunch */
  @Transform(toBool) @IsIn([true, false], { message: 'FOOD_PERFORMANCE_ADD_ON must be true or false' })
  FOOD_PERFORMANCE_ADD_ON = true;

  /** schools claiming the severe-need breakfast rate: `all`, `none`, or a comma-separated list of school codes */
  @IsString()
  FOOD_SEVERE_NEED_BREAKFAST = 'none';

  /** CEP: minimum identified student percentage, as a fraction */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(1)
  FOOD_CEP_MIN_ISP = 0.25;

  /** CEP: the ISP multiplier giving the free claiming percentage */
  @Transform(toNumber) @IsNumber() @Min(1) @Max(3)
  FOOD_CEP_MULTIPLIER = 1.6;

  /** CEP: `none` (full precision), `round:N` or `truncate:N` (N decimal places of a percent) for the free claiming percentage */
  @Matches(/^(none|(round|truncate):[0-6])$/, { message: 'FOOD_CEP_ROUNDING must be none, round:N or truncate:N (N = 0-6)' })
  FOOD_CEP_ROUNDING = 'none';

  /** meal equivalents of a breakfast and a snack (a lunch is 1) */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(2)
  FOOD_MEQ_BREAKFAST = 0.67;

  @Transform(toNumber) @IsNumber() @Min(0) @Max(2)
  FOOD_MEQ_SNACK = 0.33;

  /** eligibility carries over this many days into the next school year (USDA: 30 operating days; set in calendar days) */
  @Transform(toNumber) @IsInt() @Min(0) @Max(120)
  FOOD_ELIGIBILITY_CARRYOVER_DAYS = 45;

  /** most point-of-sale transactions in one request */
  @Transform(toNumber) @IsInt() @Min(1) @Max(100_000)
  FOOD_MEAL_BATCH_MAX_ITEMS = 10_000;

  /** largest point-of-sale batch body (bytes) */
  @Transform(toNumber) @IsInt() @Min(1024)
  FOOD_MEAL_BATCH_MAX_BYTES = 8 * 1024 * 1024;

  /** largest direct certification file (bytes) */
  @Transform(toNumber) @IsInt() @Min(1024)
  FOOD_IMPORT_MAX_BYTES = 32 * 1024 * 1024;
}
