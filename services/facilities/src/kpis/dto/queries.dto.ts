import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { BriefRequest, KpisRequest, MAX_SCHOOLS_PER_REQUEST, SchoolSummariesRequest } from '@district/contracts';
import { IsBusinessDate, IsMonth } from '../../common/validation';

/** `facilities.school-summaries.get` payload, checked by the global validation pipe. */
export class SchoolSummariesRequestDto implements SchoolSummariesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SCHOOLS_PER_REQUEST) @IsUUID(undefined, { each: true })
  schoolIds: string[];

  @IsBusinessDate()
  date: string;
}

/** `facilities.kpis.get` payload. */
export class KpisRequestDto implements KpisRequest {
  @IsMonth() from: string;
  @IsMonth() to: string;
  @IsOptional() @IsBoolean() bySchool?: boolean;
}

/** `facilities.brief.get` payload. */
export class BriefRequestDto implements BriefRequest {
  @IsBusinessDate() date: string;
}
