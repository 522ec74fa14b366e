import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class LaborRelationsEnv extends BaseEnv {

  /**
   * How often each replica checks the daily jobs (contract expiry, missed grievance deadlines); each
   * occurrence runs once across replicas (ADR 0025). 0 turns the jobs off in this process.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000)
  LABOR_JOB_INTERVAL_MS = 60_000;
}
