import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class EnrollmentEnv extends BaseEnv {
  /**
   * Largest roster upload accepted (a zip, or the CSV files of one multipart request together); larger
   * ones get 413. A zip may expand to at most 10 times this.
   */
  @Transform(toInt) @IsInt() @Min(1024)
  IMPORT_MAX_BYTES = 200 * 1024 * 1024;
}
