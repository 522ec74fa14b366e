import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'DISTRICT_TIMEZONE must be an IANA time zone, e.g. America/New_York';
  }
}

export class TechnologyEnv extends BaseEnv {
  /** the district's time zone: "today", and the business date of a timestamp (a ticket resolved at 23:30 local) */
  @IsString() @Validate(IsTimeZone)
  DISTRICT_TIMEZONE = 'America/New_York';

  /** devices older than this many years are due for refresh (DOMAIN.md section 5: 4 is the common practice) */
  @Transform(toNumber) @IsInt() @Min(1) @Max(15)
  REFRESH_CYCLE_YEARS = 4;

  /** a loaner with no due date given is due back after this many days */
  @Transform(toNumber) @IsInt() @Min(1) @Max(365)
  LOANER_DAYS = 14;

  /** largest device CSV accepted by POST /api/devices/import (bytes) */
  @Transform(toNumber) @IsInt() @Min(1024)
  DEVICE_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

}
