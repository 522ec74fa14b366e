import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsLatitude, IsLongitude, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GRADES, Grade } from '@district/contracts';
import { PageQuery } from '@district/service-kit';

export class CreateSchoolDto {
  @ApiProperty({ example: '4061', description: "the district's school code, unique" })
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1-32 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: 'Guild Elementary' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: '195 Leyden Street, East Boston, MA 02128' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  address: string;

  @ApiProperty({ example: 42.3888 })
  @IsLatitude()
  latitude: number;

  @ApiProperty({ example: -71.0041 })
  @IsLongitude()
  longitude: number;

  @ApiProperty({ example: ['PK', 'K', '1', '2', '3', '4', '5'], enum: GRADES, isArray: true })
  @IsArray() @ArrayMinSize(1) @IsIn(GRADES, { each: true })
  grades: Grade[];

  @ApiPropertyOptional({ example: { K: 100, '1': 100 }, description: 'seats per grade served' })
  @IsOptional() @IsObject()
  capacity?: Partial<Record<Grade, number>>;
}

export class UpdateSchoolDto extends PartialType(CreateSchoolDto) {}

export class SchoolListQuery extends PageQuery {}

export class SchoolResponse {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) id: string;
  @ApiProperty({ example: '4061' }) code: string;
  @ApiProperty({ example: 'Guild Elementary' }) name: string;
  @ApiProperty({ example: '195 Leyden Street, East Boston, MA 02128' }) address: string;
  @ApiProperty({ example: 42.3888 }) latitude: number;
  @ApiProperty({ example: -71.0041 }) longitude: number;
  @ApiProperty({ example: ['K', '1'], isArray: true, enum: GRADES }) grades: Grade[];
  @ApiProperty({ example: { K: 100, '1': 100 } }) capacity: Partial<Record<Grade, number>>;
  @ApiProperty({ example: 1 }) version: number;
}

export class SchoolPage {
  @ApiProperty({ type: [SchoolResponse] }) items: SchoolResponse[];
  @ApiProperty({ example: 125 }) total: number;
}

export class GradeUtilizationResponse {
  @ApiProperty({ example: 'K', enum: GRADES }) grade: Grade;
  @ApiProperty({ example: 45 }) enrolled: number;
  @ApiProperty({ example: 50, nullable: true }) capacity: number | null;
  @ApiProperty({ example: 0.9, nullable: true, description: 'enrolled ÷ capacity; over 1 when over capacity' }) utilization: number | null;
}

export class SchoolUtilizationResponse {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: 412, description: 'students enrolled' }) total: number;
  @ApiProperty({ example: 450, nullable: true, description: 'seats over the grades with a recorded capacity' }) capacity: number | null;
  @ApiProperty({ example: 0.9156, nullable: true }) utilization: number | null;
  @ApiProperty({ type: [GradeUtilizationResponse] }) grades: GradeUtilizationResponse[];
}
