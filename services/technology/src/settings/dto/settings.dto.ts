import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEVICE_TYPES, DeviceType } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { DATE_MESSAGE, DATE_PATTERN } from '../../common/dto';

export class UnitCostDto {
  @ApiProperty({ enum: DEVICE_TYPES, example: 'chromebook' }) @IsIn(DEVICE_TYPES) deviceType: DeviceType;
  @ApiPropertyOptional({ example: 'Dell Chromebook 3110', description: "a model's own cost; omitted: the type's cost for models without one" })
  @IsOptional() @IsString() @MaxLength(100) model?: string;
  @ApiProperty({ example: 329.99 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100_000) unitCostUsd: number;
}

export class UnitCostResponse {
  @ApiProperty({ enum: DEVICE_TYPES, example: 'chromebook' }) deviceType: string;
  @ApiProperty({ example: '', description: "'' = any model of the type" }) model: string;
  @ApiProperty({ example: 329.99 }) unitCostUsd: number;
}

export class BandwidthContractDto {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: '2026-07-01' }) @Matches(DATE_PATTERN, { message: `effectiveFrom ${DATE_MESSAGE}` }) effectiveFrom: string;
  @ApiProperty({ example: 500_000, description: 'contracted internet bandwidth, Kbps' }) @IsInt() @Min(1) @Max(1_000_000_000) kbps: number;
  @ApiPropertyOptional({ example: 'City fiber' }) @IsOptional() @IsString() @MaxLength(200) provider?: string;
}

export class BandwidthQuery extends PageQuery {
  @ApiPropertyOptional({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) @IsOptional() @IsUUID() schoolId?: string;
}

export class BandwidthContractResponse {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) schoolId: string;
  @ApiProperty({ example: '2026-07-01' }) effectiveFrom: string;
  @ApiProperty({ example: 500_000 }) kbps: number;
  @ApiProperty({ example: 'City fiber', nullable: true }) provider: string | null;
}

export class BandwidthPage {
  @ApiProperty({ type: [BandwidthContractResponse] }) items: BandwidthContractResponse[];
  @ApiProperty({ example: 120 }) total: number;
}
