import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsString, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { BaseEnv } from '@district/service-kit';
import { parseFciBands } from './condition/domain/fci';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

@ValidatorConstraint({ name: 'fciBands' })
class FciBandsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && typeof parseFciBands(value) !== 'string';
  }
  defaultMessage() {
    return 'must be three increasing percentages "fair,poor,critical", e.g. "5,10,30"';
  }
}

/** Facilities settings; the defaults are DOMAIN.md section 4's. Each is checked at boot. */
export class FacilitiesEnv extends BaseEnv {

  /** response targets: emergency in hours, urgent in hours, routine in days; scheduled work is due by its due date */
  @Transform(toNumber) @IsNumber() @Min(0.1)
  TARGET_EMERGENCY_HOURS = 4;

  @Transform(toNumber) @IsNumber() @Min(0.1)
  TARGET_URGENT_HOURS = 24;

  @Transform(toNumber) @IsNumber() @Min(0.1)
  TARGET_ROUTINE_DAYS = 7;

  /** FCI band cut points in %: fair from, poor from, critical from */
  @IsString() @Validate(FciBandsConstraint)
  FCI_BANDS = '5,10,30';

  /** how often each replica looks for preventive maintenance that is due */
  @Transform(toNumber) @IsInt() @Min(50)
  PM_TICK_MS = 60_000;

  /** a preventive-maintenance work order is generated this many days before its due date */
  @Transform(toNumber) @IsInt() @Min(0) @Max(365)
  PM_LEAD_DAYS = 7;

  /** overdue work orders listed one by one in the daily brief (the rest are counted in one line) */
  @Transform(toNumber) @IsInt() @Min(0) @Max(500)
  BRIEF_MAX_OVERDUE = 25;
}
