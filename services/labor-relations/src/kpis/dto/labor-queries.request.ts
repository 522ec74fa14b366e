import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { BriefRequest, KpisRequest, MAX_SCHOOLS_PER_REQUEST, SchoolSummariesRequest } from '@district/contracts';
import { IsIsoDate } from '../../common/validators';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `labor.kpis.get`: the department-queries request, plus an optional bargaining unit (the KPIs of one unit). */
export class LaborKpisRequestDto implements KpisRequest {
  @Matches(MONTH, { message: 'from must be YYYY-MM' }) from: string;
  @Matches(MONTH, { message: 'to must be YYYY-MM' }) to: string;
  @IsOptional() @IsBoolean() bySchool?: boolean;
  @IsOptional() @IsUUID() unitId?: string;
}

export class SchoolSummariesRequestDto implements SchoolSummariesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SCHOOLS_PER_REQUEST) @IsUUID('all', { each: true }) schoolIds: string[];
  @IsIsoDate() date: string;
}

export class BriefRequestDto implements BriefRequest {
  @IsIsoDate() date: string;
}
