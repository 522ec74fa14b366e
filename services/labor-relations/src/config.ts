import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { BaseEnv } from '@district/service-kit';
import { isTimeZone } from './calendar/domain/dates';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isTimeZone(value);
  }
  defaultMessage(): string {
    return 'must be an IANA time zone, e.g. America/New_York';
  }
}

export class LaborRelationsEnv extends BaseEnv {
  /** The district's time zone: "today" for deadlines, expiries and the daily jobs (never the server's UTC date). */
  @IsString() @Validate(IsTimeZone)
  DISTRICT_TIMEZONE = 'America/New_York';

  /**
   * How often each replica checks the daily jobs (contract expiry, missed grievance deadlines); each
   * occurrence runs once across replicas (ADR 0025). 0 turns the jobs off in this process.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000)
  LABOR_JOB_INTERVAL_MS = 60_000;
}
