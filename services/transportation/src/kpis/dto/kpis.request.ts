import { IsBoolean, IsOptional, Matches } from 'class-validator';
import type { KpisRequest } from '@district/contracts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `transportation.kpis.get` payload, checked by the global validation pipe like an HTTP body. */
export class KpisRequestDto implements KpisRequest {
  @Matches(MONTH, { message: 'from must be YYYY-MM' }) from: string;
  @Matches(MONTH, { message: 'to must be YYYY-MM' }) to: string;
  @IsOptional() @IsBoolean() bySchool?: boolean;
}
