import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The gateway's own settings: how long it waits for a department and when it stops asking one. */
export class GatewayEnv extends BaseEnv {
  /** longest wait for one department's answer; a view never waits longer */
  @Transform(toInt) @IsInt() @Min(50) @Max(60_000)
  DEPARTMENT_TIMEOUT_MS = 1500;

  /** share of failed calls (in the rolling window) that opens a department's circuit */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  BREAKER_ERROR_THRESHOLD_PERCENT = 50;

  /** how long an open circuit fails fast before one trial call is let through */
  @Transform(toInt) @IsInt() @Min(100)
  BREAKER_RESET_MS = 10_000;

  /** calls in the window before the error rate is judged; never 0, or a single failure would open the circuit */
  @Transform(toInt) @IsInt() @Min(1)
  BREAKER_VOLUME_THRESHOLD = 5;

  /** the window over which calls and failures are counted */
  @Transform(toInt) @IsInt() @Min(100)
  BREAKER_ROLLING_WINDOW_MS = 10_000;


  /** how long a department's KPI answer is reused; its events invalidate it sooner */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000)
  KPI_CACHE_TTL_MS = 60_000;
}
