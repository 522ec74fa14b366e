import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsMonth } from '../../shared/validators';

const money = { maxDecimalPlaces: 2 } as const;

export class CostsParam {
  @ApiProperty() @IsUUID() schoolId: string;
  @ApiProperty({ example: '2026-10' }) @IsMonth() month: string;
}

export class MonthCostsDto {
  @ApiProperty({ example: 1240.5, description: 'paid labor hours of the school kitchen in the month' }) @IsNumber(money) @Min(0) @Max(1_000_000) laborHours: number;
  @ApiProperty({ example: 18250.0, description: 'food and supplies, USD' }) @IsNumber(money) @Min(0) @Max(100_000_000) foodCost: number;
  @ApiProperty({ example: 39800.0, description: 'wages and benefits, USD' }) @IsNumber(money) @Min(0) @Max(100_000_000) laborCost: number;
  @ApiPropertyOptional({ example: 2100.0, description: 'other food-service cost, USD' }) @IsOptional() @IsNumber(money) @Min(0) @Max(100_000_000) otherCost?: number;
  @ApiPropertyOptional({ example: 5400.0, description: 'meal sales and other revenue besides the reimbursement claim, USD' }) @IsOptional() @IsNumber(money) @Min(0) @Max(100_000_000) otherRevenue?: number;
}

export class MonthCostsResponse {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ example: 1240.5 }) laborHours: number;
  @ApiProperty({ example: 18250 }) foodCost: number;
  @ApiProperty({ example: 39800 }) laborCost: number;
  @ApiProperty({ example: 2100 }) otherCost: number;
  @ApiProperty({ example: 5400 }) otherRevenue: number;
  @ApiProperty() updatedAt: Date;
}

export class CostsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-10' }) @IsOptional() @IsMonth() month?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
}

export class CostsPage {
  @ApiProperty({ type: [MonthCostsResponse] }) items: MonthCostsResponse[];
  @ApiProperty({ example: 1 }) total: number;
}
