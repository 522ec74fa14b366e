import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsLatitude, IsLongitude, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { GRADES, Grade } from '@district/contracts';
import { PageQuery } from '@district/service-kit';

export class StudentFlagsDto {
  @ApiPropertyOptional({ description: 'IEP specifies transportation' }) @IsOptional() @IsBoolean() iepTransportation?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() englishLearner?: boolean;
  @ApiPropertyOptional({ description: 'McKinney-Vento (homeless): transported to the school of origin' }) @IsOptional() @IsBoolean() mckinneyVento?: boolean;
}

export class CreateStudentDto {
  @ApiProperty({ example: 'S0001234', description: "the district's student id, unique" })
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'localId must be 1-32 letters, digits, _ or -' })
  localId: string;

  @ApiProperty({ example: 'Ana' }) @IsString() @IsNotEmpty() @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'Silva' }) @IsString() @IsNotEmpty() @MaxLength(100) lastName: string;

  @ApiProperty({ example: '2016-04-12' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate: string;

  @ApiProperty({ example: '4', enum: GRADES }) @IsIn(GRADES) grade: Grade;
  @ApiProperty({ example: '12 Bennington St, Boston, MA 02128' }) @IsString() @IsNotEmpty() @MaxLength(300) address: string;
  @ApiProperty({ example: 42.3765 }) @IsLatitude() latitude: number;
  @ApiProperty({ example: -71.0362 }) @IsLongitude() longitude: number;

  @ApiPropertyOptional({ type: StudentFlagsDto })
  @IsOptional() @ValidateNested() @Type(() => StudentFlagsDto)
  flags?: StudentFlagsDto;

  @ApiPropertyOptional({ example: [], description: 'ids of siblings already on record; linked both ways' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true })
  siblingIds?: string[];
}

export class UpdateStudentDto extends PartialType(CreateStudentDto) {}

export class StudentListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: GRADES }) @IsOptional() @IsIn(GRADES) grade?: Grade;
}

export class StudentResponse {
  @ApiProperty({ example: '3f1c2b9a-0d4e-4c1b-9a8f-7e6d5c4b3a21' }) id: string;
  @ApiProperty({ example: 'S0001234' }) localId: string;
  @ApiProperty({ example: 'Ana' }) firstName: string;
  @ApiProperty({ example: 'Silva' }) lastName: string;
  @ApiProperty({ example: '2016-04-12' }) birthDate: string;
  @ApiProperty({ example: '4', enum: GRADES }) grade: Grade;
  @ApiProperty({ example: '12 Bennington St, Boston, MA 02128' }) address: string;
  @ApiProperty({ example: 42.3765 }) latitude: number;
  @ApiProperty({ example: -71.0362 }) longitude: number;
  @ApiProperty({ example: { iepTransportation: false, englishLearner: true, mckinneyVento: false } }) flags: { iepTransportation: boolean; englishLearner: boolean; mckinneyVento: boolean };
  @ApiProperty({ example: [] }) siblingIds: string[];
  @ApiProperty({ example: 'enrolled', enum: ['not-enrolled', 'enrolled', 'withdrawn'] }) status: string;
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e', nullable: true }) schoolId: string | null;
  @ApiProperty({ nullable: true }) enrollmentId: string | null;
  @ApiProperty({ example: 2 }) version: number;
}

export class StudentPage {
  @ApiProperty({ type: [StudentResponse] }) items: StudentResponse[];
  @ApiProperty({ example: 1 }) total: number;
}
