import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { FCI_BANDS } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../common/validation';

export const DEFICIENCY_CATEGORIES = ['roof', 'envelope', 'hvac', 'plumbing', 'electrical', 'fire-safety', 'accessibility', 'interior', 'site', 'kitchen', 'other'] as const;
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateDeficiencyDto {
  @ApiProperty() @IsUUID() buildingId: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assetId?: string;
  @ApiProperty({ enum: DEFICIENCY_CATEGORIES, example: 'roof' }) @IsIn(DEFICIENCY_CATEGORIES) category: string;
  @ApiProperty({ example: 'Membrane failing over the gym, active leaks' }) @IsString() @IsNotEmpty() @MaxLength(2000) description: string;
  @ApiProperty({ example: 420_000, description: 'estimated cost to correct (USD)' }) @IsNumber() @Min(0) estimatedCost: number;
  @ApiProperty({ example: '2026-10-02' }) @IsBusinessDate() identifiedOn: string;
}

export class CorrectDeficiencyDto {
  @ApiProperty({ example: '2026-11-20', description: 'the day it was corrected' }) @IsBusinessDate() correctedOn: string;
}

export class DeficiencyQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ description: 'open (true) or corrected (false)' }) @IsOptional() @Transform(bool) @IsBoolean() open?: boolean;
}

export class DeficiencyResponse {
  @ApiProperty() id: string;
  @ApiProperty() buildingId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ nullable: true }) assetId: string | null;
  @ApiProperty({ example: 'roof' }) category: string;
  @ApiProperty({ example: 'Membrane failing over the gym' }) description: string;
  @ApiProperty({ example: 420_000 }) estimatedCost: number;
  @ApiProperty({ example: '2026-10-02' }) identifiedOn: string;
  @ApiProperty({ nullable: true, example: null }) correctedOn: string | null;
}

export class DeficiencyPage {
  @ApiProperty({ type: [DeficiencyResponse] }) items: DeficiencyResponse[];
  @ApiProperty({ example: 3 }) total: number;
}

export class FciResponse {
  @ApiProperty({ example: 7.42, nullable: true, description: 'district FCI in %: open deficiencies ÷ replacement value of the buildings with one' }) fci: number | null;
  @ApiProperty({ enum: FCI_BANDS, nullable: true, example: 'fair' }) band: string | null;
  @ApiProperty({ example: 48_200_000 }) deficiencyCost: number;
  @ApiProperty({ example: 650_000_000 }) replacementValue: number;
  @ApiProperty({ example: { good: 40, fair: 50, poor: 30, critical: 5 }, description: 'buildings per band' }) buildingsByBand: Record<string, number>;
  @ApiProperty({ example: 2, description: 'buildings without a replacement value (no FCI)' }) buildingsWithoutValue: number;
  @ApiProperty({ example: { fair: 5, poor: 10, critical: 30 }, description: 'the configured cut points (%)' }) bands: Record<string, number>;
}
