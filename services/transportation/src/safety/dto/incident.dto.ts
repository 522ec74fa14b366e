import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@district/service-kit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TYPES = ['incident', 'accident'] as const;

export class CreateIncidentDto {
  @ApiProperty() @IsUUID() vehicleId: string;
  @ApiPropertyOptional({ description: 'the run it happened on, if any' }) @IsOptional() @IsUUID() runId?: string;
  @ApiProperty({ example: '2026-11-20' }) @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date: string;
  @ApiProperty({ enum: TYPES, example: 'accident', description: 'accident: a collision (counts in miles between accidents); incident: anything else reported (behaviour, breakdown, injury on board)' })
  @IsIn(TYPES) type: (typeof TYPES)[number];
  @ApiProperty({ example: 'Rear-ended at a light on Blue Hill Ave; no students on board' }) @IsString() @MinLength(1) @MaxLength(2000) description: string;
  @ApiPropertyOptional({ example: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(200) injuries?: number;
  @ApiPropertyOptional({ example: false, description: 'accidents: whether the driver could have prevented it' }) @IsOptional() @IsBoolean() preventable?: boolean;
}

export class IncidentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TYPES }) @IsOptional() @IsIn(TYPES) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() vehicleId?: string;
  @ApiPropertyOptional({ example: '2026-09-01' }) @IsOptional() @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to?: string;
}

export class IncidentView {
  @ApiProperty() id: string;
  @ApiProperty() vehicleId: string;
  @ApiProperty({ example: 'B-1042' }) vehicleNumber: string;
  @ApiProperty({ nullable: true }) runId: string | null;
  @ApiProperty({ example: '2026-11-20' }) date: string;
  @ApiProperty({ enum: TYPES }) type: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 0 }) injuries: number;
  @ApiProperty({ nullable: true }) preventable: boolean | null;
}

export class IncidentPage {
  @ApiProperty({ type: [IncidentView] }) items: IncidentView[];
  @ApiProperty({ example: 1 }) total: number;
}
