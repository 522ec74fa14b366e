import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { DATE_MESSAGE, DATE_PATTERN } from '../../common/dto';

export class RefreshPlanQuery {
  @ApiPropertyOptional({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ example: '2026-11-23', description: 'plan as of this day (default: today)' }) @IsOptional() @Matches(DATE_PATTERN, { message: `date ${DATE_MESSAGE}` }) date?: string;
}

export class RefreshPlanLine {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) schoolId: string;
  @ApiProperty({ example: 2027, description: 'school year by the year it ends (2027 = 2026-27); devices already due count in the current year' }) schoolYear: number;
  @ApiProperty({ example: 120 }) devices: number;
  @ApiProperty({ example: 36000 }) estimatedCostUsd: number;
  @ApiProperty({ example: 0, description: 'devices with no unit cost for their model or type (not in the estimate)' }) devicesWithoutCost: number;
}

export class RefreshPlanResponse {
  @ApiProperty({ example: '2026-11-23' }) asOf: string;
  @ApiProperty({ example: 4 }) cycleYears: number;
  @ApiProperty({ example: 512, description: 'active devices due now (past the cycle or their auto-update expiration)' }) dueNow: number;
  @ApiProperty({ type: [RefreshPlanLine] }) lines: RefreshPlanLine[];
  @ApiProperty({ example: 1250000 }) totalEstimatedCostUsd: number;
}
