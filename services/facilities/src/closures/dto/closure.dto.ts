import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { ClosureKind } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../common/validation';

const KINDS = ['emergency', 'planned'] as const;
const STATUSES = ['scheduled', 'lifted'] as const;

export class DeclareClosureDto {
  @ApiPropertyOptional({ description: "the school whose primary building closes (give schoolId or buildingId)" }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ description: 'a specific building' }) @IsOptional() @IsUUID() buildingId?: string;
  @ApiProperty({ example: '2026-11-23', description: 'first closed day' }) @IsBusinessDate() from: string;
  @ApiProperty({ example: '2026-11-24', description: 'last closed day, inclusive' }) @IsBusinessDate() to: string;
  @ApiProperty({ example: 'Boiler failure: no heat' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
  @ApiProperty({ enum: KINDS, example: 'emergency' }) @IsIn(KINDS) kind: ClosureKind;
}

export class ChangeClosureDto {
  @ApiPropertyOptional({ example: '2026-11-23' }) @IsOptional() @IsBusinessDate() from?: string;
  @ApiPropertyOptional({ example: '2026-11-25' }) @IsOptional() @IsBusinessDate() to?: string;
  @ApiPropertyOptional({ example: 'Boiler failure: parts arrive Wednesday' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: ClosureKind;
}

export class LiftClosureDto {
  @ApiPropertyOptional({ example: '2026-11-24', description: "first day open again, within the closure (default: the district's today once the closure has begun, else its first day, which cancels it)" })
  @IsOptional() @IsBusinessDate() liftedFrom?: string;
}

export class ClosureQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ example: '2026-11-23', description: 'only closures keeping the building closed on this day' }) @IsOptional() @IsBusinessDate() activeOn?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: ClosureKind;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
}

export class ClosureResponse {
  @ApiProperty() id: string;
  @ApiProperty() buildingId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ enum: KINDS, example: 'emergency' }) kind: ClosureKind;
  @ApiProperty({ example: '2026-11-23' }) from: string;
  @ApiProperty({ example: '2026-11-24' }) to: string;
  @ApiProperty({ example: 'Boiler failure: no heat' }) reason: string;
  @ApiProperty({ enum: STATUSES, example: 'scheduled' }) status: string;
  @ApiProperty({ nullable: true, example: null, description: 'first day open again, once lifted' }) liftedFrom: string | null;
  @ApiProperty({ nullable: true, description: 'the emergency work order that opened it' }) workOrderId: string | null;
  @ApiProperty({ example: 1, description: 'increases with every change (the events carry it)' }) version: number;
}

export class ClosurePage {
  @ApiProperty({ type: [ClosureResponse] }) items: ClosureResponse[];
  @ApiProperty({ example: 2 }) total: number;
}
