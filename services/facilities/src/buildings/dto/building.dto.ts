import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { FCI_BANDS } from '@district/contracts';
import { PageQuery } from '@district/service-kit';

export const ASSET_KINDS = ['boiler', 'roof', 'hvac', 'kitchen-equipment', 'electrical', 'plumbing', 'elevator', 'fire-safety', 'other'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export class BuildingListQuery extends PageQuery {
  @ApiPropertyOptional({ description: "enrollment's school id" }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: FCI_BANDS, description: 'only buildings in this FCI band' }) @IsOptional() @IsIn(FCI_BANDS) fciBand?: (typeof FCI_BANDS)[number];
}

export class CreateBuildingDto {
  @ApiPropertyOptional({ description: 'the school housed in the building, if any' }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiProperty({ example: 'Guild Annex' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: '195 Leyden Street, East Boston, MA 02128' }) @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ example: 64_500, description: 'gross square feet' }) @IsOptional() @IsInt() @Min(1) @Max(5_000_000) squareFeet?: number;
  @ApiPropertyOptional({ example: 1929 }) @IsOptional() @IsInt() @Min(1700) @Max(2200) yearBuilt?: number;
  @ApiPropertyOptional({ example: 32_250_000, description: 'current replacement value (USD, land excluded)' }) @IsOptional() @IsNumber() @IsPositive() replacementValue?: number;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() vacant?: boolean;
}

export class UpdateBuildingDto {
  @ApiPropertyOptional({ example: 'Guild Elementary' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: '195 Leyden Street, East Boston, MA 02128' }) @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ example: 64_500 }) @IsOptional() @IsInt() @Min(1) @Max(5_000_000) squareFeet?: number;
  @ApiPropertyOptional({ example: 1929 }) @IsOptional() @IsInt() @Min(1700) @Max(2200) yearBuilt?: number;
  @ApiPropertyOptional({ example: 32_250_000 }) @IsOptional() @IsNumber() @IsPositive() replacementValue?: number;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() vacant?: boolean;
}

export class BuildingResponse {
  @ApiProperty({ example: '0b6f5c1e-4d7a-4f1e-9a55-6a2b1d3c4e5f' }) id: string;
  @ApiProperty({ nullable: true, example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) schoolId: string | null;
  @ApiProperty({ nullable: true, example: 'Guild Elementary' }) schoolName: string | null;
  @ApiProperty({ example: true, description: "the school's main building (created when the school appeared)" }) isPrimary: boolean;
  @ApiProperty({ example: 'Guild Elementary' }) name: string;
  @ApiProperty({ nullable: true, example: '195 Leyden Street, East Boston, MA 02128' }) address: string | null;
  @ApiProperty({ nullable: true, example: 64_500 }) squareFeet: number | null;
  @ApiProperty({ nullable: true, example: 1929 }) yearBuilt: number | null;
  @ApiProperty({ nullable: true, example: 32_250_000 }) replacementValue: number | null;
  @ApiProperty({ example: false }) vacant: boolean;
  @ApiProperty({ example: 'school-event', description: 'where the figures come from: school-event (not yet recorded), entered, or seed:…' }) source: string;
  @ApiProperty({ example: 1_150_000, description: 'estimated cost of open deficiencies' }) deficiencyCost: number;
  @ApiProperty({ nullable: true, example: 3.57, description: 'FCI in %' }) fci: number | null;
  @ApiProperty({ nullable: true, enum: FCI_BANDS, example: 'good' }) fciBand: string | null;
}

export class BuildingPage {
  @ApiProperty({ type: [BuildingResponse] }) items: BuildingResponse[];
  @ApiProperty({ example: 120 }) total: number;
}

export class CreateAssetDto {
  @ApiProperty({ enum: ASSET_KINDS, example: 'boiler' }) @IsIn(ASSET_KINDS) kind: AssetKind;
  @ApiProperty({ example: 'Boiler 1 (Weil-McLain 88, gas)' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 1998 }) @IsInt() @Min(1700) @Max(2200) installYear: number;
  @ApiProperty({ example: 30, description: 'expected service life in years' }) @IsInt() @Min(1) @Max(200) expectedLifeYears: number;
  @ApiPropertyOptional({ example: 350_000 }) @IsOptional() @IsNumber() @Min(0) replacementCost?: number;
}

export class AssetListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ASSET_KINDS }) @IsOptional() @IsIn(ASSET_KINDS) kind?: AssetKind;
  @ApiPropertyOptional({ description: 'only assets at or past their expected life in this year', example: 2026 })
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(1700) @Max(2200) pastLifeIn?: number;
}

export class AssetResponse {
  @ApiProperty() id: string;
  @ApiProperty() buildingId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ enum: ASSET_KINDS, example: 'boiler' }) kind: string;
  @ApiProperty({ example: 'Boiler 1' }) name: string;
  @ApiProperty({ example: 1998 }) installYear: number;
  @ApiProperty({ example: 30 }) expectedLifeYears: number;
  @ApiProperty({ example: 2028, description: 'installYear + expectedLifeYears' }) endOfLifeYear: number;
  @ApiProperty({ nullable: true, example: 350_000 }) replacementCost: number | null;
}

export class AssetPage {
  @ApiProperty({ type: [AssetResponse] }) items: AssetResponse[];
  @ApiProperty({ example: 6 }) total: number;
}
