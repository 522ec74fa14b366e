import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class TechnologyEnv extends BaseEnv {

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
