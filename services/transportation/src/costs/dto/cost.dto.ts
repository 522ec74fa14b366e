import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@district/service-kit';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateCostDto {
  @ApiProperty({ example: '2026-10' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month: string;
  @ApiProperty({ example: 'Transdev', description: 'the vendor invoiced; record the district-operated fleet’s own costs as "district"' })
  @IsString() @MinLength(1) @MaxLength(120) contractor: string;
  @ApiProperty({ example: 1843250.0, description: 'USD for the month' }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(1e11) amount: number;
  @ApiPropertyOptional({ example: 'invoice 2026-10-114' }) @IsOptional() @IsString() @MaxLength(500) notes?: string;
}

export class UpdateCostDto {
  @ApiPropertyOptional({ example: 1843250.0 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(1e11) amount?: number;
  @ApiPropertyOptional({ example: 'corrected invoice' }) @IsOptional() @IsString() @MaxLength(500) notes?: string;
}

export class CostQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-09' }) @IsOptional() @Matches(MONTH, { message: 'from must be YYYY-MM' }) from?: string;
  @ApiPropertyOptional({ example: '2026-11' }) @IsOptional() @Matches(MONTH, { message: 'to must be YYYY-MM' }) to?: string;
}

export class CostView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ example: 'Transdev' }) contractor: string;
  @ApiProperty({ example: 1843250.0 }) amount: number;
  @ApiProperty({ nullable: true }) notes: string | null;
}

export class CostPage {
  @ApiProperty({ type: [CostView] }) items: CostView[];
  @ApiProperty({ example: 1 }) total: number;
}
