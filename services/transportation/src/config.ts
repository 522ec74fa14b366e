import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class TransportationEnv extends BaseEnv {
  /**
   * The eligibility policy as JSON (grade bands with distance limits, IEP and McKinney-Vento rules);
   * when unset, DOMAIN.md's Boston defaults apply. Checked at boot.
   */
  @IsOptional() @IsString()
  ELIGIBILITY_POLICY?: string;


  /** Longest straight-line walk from home to an assigned stop, in miles (DOMAIN.md: normally half a mile). */
  @Transform(toInt) @IsNumber() @Min(0.05) @Max(5)
  WALK_TO_STOP_MILES = 0.5;

  /**
   * On-time window of an AM run: it arrives no earlier than EARLIEST and no later than LATEST minutes before
   * the bell (DOMAIN.md: configurable, no industry standard). Defaults: 30 and 0 (by the bell).
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(240)
  ON_TIME_EARLIEST_MINUTES_BEFORE_BELL = 30;

  @Transform(toInt) @IsInt() @Min(-60) @Max(120)
  ON_TIME_LATEST_MINUTES_BEFORE_BELL = 0;

  /** Items accepted in one bulk ingestion request (scans, arrivals, mileage). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  INGEST_MAX_ITEMS = 10_000;

  /** Request body limit of the bulk ingestion routes (10,000 scans are about 1.6 MB of JSON). */
  @Transform(toInt) @IsInt() @Min(1024)
  INGEST_MAX_BODY_BYTES = 8 * 1024 * 1024;
}
