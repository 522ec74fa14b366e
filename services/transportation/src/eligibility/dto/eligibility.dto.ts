import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@district/service-kit';

const STATUSES = ['yellow-bus', 'transit-pass', 'not-eligible', 'not-enrolled'] as const;

export class EligibilityQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
}

export class EligibilityRow {
  @ApiProperty() studentId: string;
  @ApiProperty({ example: 'S0001234' }) localId: string;
  @ApiProperty({ example: 'Ana' }) firstName: string;
  @ApiProperty({ example: 'Silva' }) lastName: string;
  @ApiProperty({ example: '3' }) grade: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ enum: STATUSES, example: 'yellow-bus' }) status: string;
  @ApiProperty({ example: 'distance', description: 'iep, mckinney-vento, distance, within-walk-distance or not-enrolled' }) reason: string;
  @ApiProperty({ example: 1.42, nullable: true }) distanceMiles: number | null;
  @ApiProperty() determinedAt: Date;
}

export class EligibilityPage {
  @ApiProperty({ type: [EligibilityRow] }) items: EligibilityRow[];
  @ApiProperty({ example: 1 }) total: number;
}
