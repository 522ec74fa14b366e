import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID, Matches, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import {
  BriefRequest,
  KpisRequest,
  MAX_KPI_MONTHS,
  MAX_SCHOOLS_PER_REQUEST,
  monthRange,
  SchoolSummariesRequest,
  StudentSummaryRequest,
} from '@district/contracts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The payloads of the queries every department answers for the gateway (libs/contracts
 * department-queries.ts), as classes the global validation pipe checks: a bad payload answers 400.
 */
export class SchoolSummariesRequestDto implements SchoolSummariesRequest {
  @ArrayMinSize(1) @ArrayMaxSize(MAX_SCHOOLS_PER_REQUEST) @IsUUID('all', { each: true })
  schoolIds: string[];

  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

@ValidatorConstraint({ name: 'kpiRange' })
class KpiRange implements ValidatorConstraintInterface {
  validate(to: string, args: ValidationArguments): boolean {
    const from = (args.object as KpisRequestDto).from;
    if (!MONTH.test(from ?? '') || !MONTH.test(to ?? '')) return true; // the format checks report it
    const n = monthRange(from, to).length;
    return n >= 1 && n <= MAX_KPI_MONTHS;
  }
  defaultMessage(): string {
    return `to must be from or later, at most ${MAX_KPI_MONTHS} months in all`;
  }
}

export class KpisRequestDto implements KpisRequest {
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from: string;

  @Matches(MONTH, { message: 'to must be YYYY-MM' }) @Validate(KpiRange)
  to: string;

  @IsOptional() @IsBoolean()
  bySchool?: boolean;
}

export class BriefRequestDto implements BriefRequest {
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

export class StudentSummaryRequestDto implements StudentSummaryRequest {
  @IsUUID()
  studentId: string;

  @IsOptional() @IsBoolean()
  includeSensitive?: boolean;
}
