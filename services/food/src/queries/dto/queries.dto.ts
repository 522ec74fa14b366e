import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { BriefRequest, KpisRequest, MAX_SCHOOLS_PER_REQUEST, SchoolSummariesRequest, StudentSummaryRequest } from '@district/contracts';
import { IsBusinessDate, IsMonth } from '../../shared/validators';

/** Payloads of the gateway's department queries, checked by the global validation pipe like HTTP bodies. */
export class SchoolSummariesRequestDto implements SchoolSummariesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SCHOOLS_PER_REQUEST) @IsUUID('all', { each: true })
  schoolIds: string[];

  @IsBusinessDate()
  date: string;
}

export class KpisRequestDto implements KpisRequest {
  @IsMonth() from: string;
  @IsMonth() to: string;
  @IsOptional() @IsBoolean() bySchool?: boolean;
}

export class BriefRequestDto implements BriefRequest {
  @IsBusinessDate() date: string;
}

export class StudentSummaryRequestDto implements StudentSummaryRequest {
  @IsUUID() studentId: string;
  @IsOptional() @IsBoolean() includeSensitive?: boolean;
}
