import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate, IsMonth } from '../../common/validation';

export const UTILITIES = ['electricity', 'heating-fuel', 'water', 'sewer'] as const;

export class StaffingDto {
  @ApiProperty({ example: '2026-08-01', description: 'from this day on' }) @IsBusinessDate() effectiveFrom: string;
  @ApiProperty({ example: 3.5, description: 'custodial full-time equivalents' }) @IsNumber() @Min(0) @Max(1000) ftes: number;
}

export class StaffingQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ example: '2026-11-23', description: "staffing in effect on this day (default: the district's today)" }) @IsOptional() @IsBusinessDate() date?: string;
}

export class StaffingResponse {
  @ApiProperty() buildingId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ example: 'Guild Elementary' }) name: string;
  @ApiProperty({ nullable: true, example: 64_500 }) squareFeet: number | null;
  @ApiProperty({ nullable: true, example: 2.5 }) ftes: number | null;
  @ApiProperty({ nullable: true, example: '2026-08-01' }) effectiveFrom: string | null;
  @ApiProperty({ nullable: true, example: 25_800, description: 'square feet per custodial FTE' }) workload: number | null;
}

export class StaffingPage {
  @ApiProperty({ type: [StaffingResponse] }) items: StaffingResponse[];
  @ApiProperty({ example: 120 }) total: number;
}

export class UtilityBillDto {
  @ApiProperty() @IsUUID() buildingId: string;
  @ApiProperty({ enum: UTILITIES, example: 'electricity' }) @IsIn(UTILITIES) utility: (typeof UTILITIES)[number];
  @ApiProperty({ example: '2026-10', description: 'the month billed' }) @IsMonth() month: string;
  @ApiProperty({ example: 8_450.12 }) @IsNumber() @Min(0) amount: number;
  @ApiPropertyOptional({ example: 61_200 }) @IsOptional() @IsNumber() @Min(0) usage?: number;
  @ApiPropertyOptional({ example: 'kWh' }) @IsOptional() @IsString() @MaxLength(20) usageUnit?: string;
}

export class UtilityBillsDto {
  @ApiProperty({ type: [UtilityBillDto], description: '1-500 bills; a bill for the same building, utility and month replaces the one on record' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => UtilityBillDto)
  bills: UtilityBillDto[];
}

export class UtilityBillsSaved {
  @ApiProperty({ example: 4 }) saved: number;
}

export class UtilityBillQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ example: '2026-10' }) @IsOptional() @IsMonth() month?: string;
  @ApiPropertyOptional({ enum: UTILITIES }) @IsOptional() @IsIn(UTILITIES) utility?: string;
}

export class UtilityBillResponse {
  @ApiProperty() id: string;
  @ApiProperty() buildingId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ enum: UTILITIES, example: 'electricity' }) utility: string;
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ example: 8_450.12 }) amount: number;
  @ApiProperty({ nullable: true, example: 61_200 }) usage: number | null;
  @ApiProperty({ nullable: true, example: 'kWh' }) usageUnit: string | null;
}

export class UtilityBillPage {
  @ApiProperty({ type: [UtilityBillResponse] }) items: UtilityBillResponse[];
  @ApiProperty({ example: 48 }) total: number;
}
