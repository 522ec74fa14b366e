import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Grade, GRADES, SCHOOL_TYPES, SchoolListRequest, SchoolType } from '@district/contracts';

/** `enrollment.schools.list` payload, checked by the global validation pipe. */
export class SchoolListRequestDto implements SchoolListRequest {
  @IsInt() @Min(1) @Max(500)
  limit: number;

  @IsInt() @Min(0)
  offset: number;

  @IsOptional() @IsIn(SCHOOL_TYPES)
  type?: SchoolType;

  @IsOptional() @IsIn(GRADES)
  grade?: Grade;

  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @IsOptional() @ArrayMaxSize(1000) @IsUUID('all', { each: true })
  schoolIds?: string[];
}
