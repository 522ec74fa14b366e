import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '@district/service-kit';

export const VEHICLE_TYPES = ['bus', 'minibus', 'van', 'wheelchair-van'] as const;
export const OPERATORS = ['district', 'contractor'] as const;
export const FUELS = ['diesel', 'gasoline', 'propane', 'electric', 'cng'] as const;
export const VEHICLE_STATUSES = ['active', 'maintenance', 'retired'] as const;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateVehicleDto {
  @ApiProperty({ example: 'B-1042', description: 'fleet number, unique' }) @IsString() @MinLength(1) @MaxLength(40) number: string;
  @ApiProperty({ example: 71, description: 'seats' }) @IsInt() @Min(1) @Max(100) capacity: number;
  @ApiProperty({ enum: VEHICLE_TYPES, example: 'bus' }) @IsIn(VEHICLE_TYPES) type: (typeof VEHICLE_TYPES)[number];
  @ApiProperty({ enum: OPERATORS, example: 'contractor' }) @IsIn(OPERATORS) operator: (typeof OPERATORS)[number];
  @ApiPropertyOptional({ example: 'Transdev', description: 'required when operator is contractor, absent otherwise' })
  @ValidateIf((o: CreateVehicleDto) => o.operator === 'contractor' || o.contractor !== undefined) @IsString() @MinLength(1) @MaxLength(120)
  contractor?: string;
  @ApiProperty({ enum: FUELS, example: 'diesel' }) @IsIn(FUELS) fuel: (typeof FUELS)[number];
  @ApiProperty({ example: '2019-08-01' }) @Matches(DATE_PATTERN, { message: 'inServiceDate must be YYYY-MM-DD' }) inServiceDate: string;
  @ApiPropertyOptional({ enum: ['active', 'maintenance'], default: 'active' }) @IsOptional() @IsIn(['active', 'maintenance']) status?: 'active' | 'maintenance';
}

export class UpdateVehicleDto {
  @ApiPropertyOptional({ example: 'B-1042' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) number?: string;
  @ApiPropertyOptional({ example: 71 }) @IsOptional() @IsInt() @Min(1) @Max(100) capacity?: number;
  @ApiPropertyOptional({ enum: VEHICLE_TYPES }) @IsOptional() @IsIn(VEHICLE_TYPES) type?: (typeof VEHICLE_TYPES)[number];
  @ApiPropertyOptional({ enum: OPERATORS }) @IsOptional() @IsIn(OPERATORS) operator?: (typeof OPERATORS)[number];
  @ApiPropertyOptional({ example: 'Transdev', nullable: true }) @IsOptional() @IsString() @MaxLength(120) contractor?: string | null;
  @ApiPropertyOptional({ enum: FUELS }) @IsOptional() @IsIn(FUELS) fuel?: (typeof FUELS)[number];
  @ApiPropertyOptional({ example: '2019-08-01' }) @IsOptional() @Matches(DATE_PATTERN, { message: 'inServiceDate must be YYYY-MM-DD' }) inServiceDate?: string;
  @ApiPropertyOptional({ enum: VEHICLE_STATUSES, description: 'retired takes retiredOn (default: the district today)' }) @IsOptional() @IsIn(VEHICLE_STATUSES) status?: (typeof VEHICLE_STATUSES)[number];
  @ApiPropertyOptional({ example: '2026-11-20' }) @IsOptional() @Matches(DATE_PATTERN, { message: 'retiredOn must be YYYY-MM-DD' }) retiredOn?: string;
}

export class VehicleQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VEHICLE_STATUSES }) @IsOptional() @IsIn(VEHICLE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: OPERATORS }) @IsOptional() @IsIn(OPERATORS) operator?: string;
}

export class VehicleView {
  @ApiProperty({ example: '6f1c2d3e-0000-4000-8000-000000000001' }) id: string;
  @ApiProperty({ example: 'B-1042' }) number: string;
  @ApiProperty({ example: 71 }) capacity: number;
  @ApiProperty({ enum: VEHICLE_TYPES }) type: string;
  @ApiProperty({ enum: OPERATORS }) operator: string;
  @ApiProperty({ example: 'Transdev', nullable: true }) contractor: string | null;
  @ApiProperty({ enum: FUELS }) fuel: string;
  @ApiProperty({ example: '2019-08-01' }) inServiceDate: string;
  @ApiProperty({ enum: VEHICLE_STATUSES }) status: string;
  @ApiProperty({ example: null, nullable: true }) retiredOn: string | null;
  @ApiProperty({ example: 4, description: 'active runs using the vehicle' }) runs: number;
}

export class VehiclePage {
  @ApiProperty({ type: [VehicleView] }) items: VehicleView[];
  @ApiProperty({ example: 1 }) total: number;
}
