import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { BriefRequest, KpisRequest, MAX_SCHOOLS_PER_REQUEST, SchoolSummariesRequest, StudentSummaryRequest } from '@district/contracts';
import { DATE_MESSAGE, DATE_PATTERN } from '../../common/dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Request/reply payloads, checked by the global validation pipe like HTTP bodies (a bad one answers 400). */
export class SchoolSummariesRequestDto implements SchoolSummariesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SCHOOLS_PER_REQUEST) @IsUUID('all', { each: true })
  schoolIds: string[];

  @Matches(DATE_PATTERN, { message: `date ${DATE_MESSAGE}` })
  date: string;
}

export class KpisRequestDto implements KpisRequest {
  @Matches(MONTH, { message: 'from must be YYYY-MM' }) from: string;
  @Matches(MONTH, { message: 'to must be YYYY-MM' }) to: string;
  @IsOptional() @IsBoolean() bySchool?: boolean;
}

export class BriefRequestDto implements BriefRequest {
  @Matches(DATE_PATTERN, { message: `date ${DATE_MESSAGE}` }) date: string;
}

export class StudentSummaryRequestDto implements StudentSummaryRequest {
  @IsUUID() studentId: string;
  @IsOptional() @IsBoolean() includeSensitive?: boolean;
}
