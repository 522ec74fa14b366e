import { IsUUID } from 'class-validator';

/**
 * The payload of a request/reply about one school. Request handlers type their `@Payload()` with a class
 * like this one so the global validation pipe checks it as it checks HTTP bodies (a bad payload answers 400).
 */
export class SchoolRequest {
  @IsUUID()
  schoolId: string;
}
