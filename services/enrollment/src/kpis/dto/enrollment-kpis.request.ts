import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { EnrollmentKpisRequest } from '@district/contracts';

/** `enrollment.kpis.get` payload, checked by the global validation pipe like an HTTP body. */
export class EnrollmentKpisRequestDto implements EnrollmentKpisRequest {
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be YYYY-MM' })
  period: string;

  @IsOptional() @IsUUID()
  schoolId?: string;
}
