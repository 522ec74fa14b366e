import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { BriefRequest, MAX_SCHOOLS_PER_REQUEST, SchoolSummariesRequest, StudentSummaryRequest } from '@district/contracts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class SchoolSummariesRequestDto implements SchoolSummariesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SCHOOLS_PER_REQUEST) @IsUUID('all', { each: true }) schoolIds: string[];
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date: string;
}

export class BriefRequestDto implements BriefRequest {
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date: string;
}

export class StudentSummaryRequestDto implements StudentSummaryRequest {
  @IsUUID() studentId: string;
  @IsOptional() @IsBoolean() includeSensitive?: boolean;
}
