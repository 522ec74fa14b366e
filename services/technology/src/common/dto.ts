import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

/** Optional business date of an action; default: today in the district's time zone. */
export class DatedAction {
  @ApiPropertyOptional({ example: '2026-11-23', description: "business date of the action (default: today in the district's time zone)" })
  @IsOptional() @Matches(DATE_PATTERN, { message: `date ${DATE_MESSAGE}` })
  date?: string;
}
