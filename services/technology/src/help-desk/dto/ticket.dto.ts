import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { DATE_MESSAGE, DATE_PATTERN } from '../../common/dto';
import { CATEGORIES, Category, PRIORITIES, Priority } from '../domain/sla';

const SCHOOL_EXAMPLE = '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e';

export class OpenTicketDto {
  @ApiProperty({ example: SCHOOL_EXAMPLE }) @IsUUID() schoolId: string;
  @ApiProperty({ example: 'M. Okafor (front office)' }) @IsString() @IsNotEmpty() @MaxLength(200) requester: string;
  @ApiProperty({ enum: CATEGORIES, example: 'hardware' }) @IsIn(CATEGORIES) category: Category;
  @ApiProperty({ enum: PRIORITIES, example: 'high' }) @IsIn(PRIORITIES) priority: Priority;
  @ApiProperty({ example: 'Projector in room 204 shows no signal' }) @IsString() @IsNotEmpty() @MaxLength(300) subject: string;
  @ApiPropertyOptional({ example: '5a0f3c2e-9b7d-4e1a-8c6f-1d2e3f4a5b6c' }) @IsOptional() @IsUUID() deviceId?: string;
  @ApiPropertyOptional({ example: '2026-11-23T13:05:00Z', description: 'when the request came in (default: now)' }) @IsOptional() @IsISO8601({ strict: true }) openedAt?: string;
}

export class RespondDto {
  @ApiPropertyOptional({ example: '2026-11-23T13:20:00Z', description: 'default: now' }) @IsOptional() @IsISO8601({ strict: true }) at?: string;
}

export class ResolveDto {
  @ApiProperty({ example: true, description: 'solved during the first contact, with no follow-up' }) @IsBoolean() firstContact: boolean;
  @ApiPropertyOptional({ example: 'Replaced HDMI cable' }) @IsOptional() @IsString() @MaxLength(2000) resolution?: string;
  @ApiPropertyOptional({ example: '2026-11-23T15:00:00Z', description: 'default: now' }) @IsOptional() @IsISO8601({ strict: true }) at?: string;
}

export class TicketQuery extends PageQuery {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ['open', 'resolved'] }) @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
}

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ example: '2026-11-23', description: 'overdue as of the end of this day (today: as of now)' })
  @IsOptional() @Matches(DATE_PATTERN, { message: `date ${DATE_MESSAGE}` }) date?: string;
}

export class TicketResponse {
  @ApiProperty({ example: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' }) id: string;
  @ApiProperty({ example: 1042 }) number: number;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) schoolId: string;
  @ApiProperty({ example: 'M. Okafor (front office)' }) requester: string;
  @ApiProperty({ enum: CATEGORIES, example: 'hardware' }) category: string;
  @ApiProperty({ enum: PRIORITIES, example: 'high' }) priority: string;
  @ApiProperty({ example: 'Projector in room 204 shows no signal' }) subject: string;
  @ApiProperty({ example: null, nullable: true }) deviceId: string | null;
  @ApiProperty({ example: '2026-11-23T13:05:00.000Z' }) openedAt: Date;
  @ApiProperty({ example: '2026-11-23T15:05:00.000Z' }) responseDueAt: Date;
  @ApiProperty({ example: '2026-11-24T13:05:00.000Z' }) resolutionDueAt: Date;
  @ApiProperty({ example: null, nullable: true }) firstResponseAt: Date | null;
  @ApiProperty({ example: null, nullable: true }) resolvedAt: Date | null;
  @ApiProperty({ example: null, nullable: true }) resolvedOnFirstContact: boolean | null;
  @ApiProperty({ example: null, nullable: true }) resolution: string | null;
  @ApiProperty({ example: 'open', enum: ['open', 'resolved'] }) status: string;
}

export class OverdueTicket extends TicketResponse {
  @ApiProperty({ example: 'resolution', enum: ['resolution', 'first-response'] }) overdue: string;
}

export class TicketPage {
  @ApiProperty({ type: [TicketResponse] }) items: TicketResponse[];
  @ApiProperty({ example: 230 }) total: number;
}

export class OverduePage {
  @ApiProperty({ type: [OverdueTicket] }) items: OverdueTicket[];
  @ApiProperty({ example: 4 }) total: number;
  @ApiProperty({ example: '2026-11-23T18:00:00.000Z' }) asOf: Date;
}

export class SlaTargetDto {
  @ApiProperty({ example: 120 }) @IsInt() @Min(1) @Max(525_600) firstResponseMinutes: number;
  @ApiProperty({ example: 1440 }) @IsInt() @Min(1) @Max(525_600) resolutionMinutes: number;
}

export class SlaTargetResponse extends SlaTargetDto {
  @ApiProperty({ enum: PRIORITIES, example: 'high' }) priority: string;
}
