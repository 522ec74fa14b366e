import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsIsoDate } from '../../common/validators';

export const PARTIES = ['union', 'district'] as const;
export type Party = (typeof PARTIES)[number];

export class CreateSessionDto {
  @ApiProperty({ example: '2026-11-12' }) @IsIsoDate() heldOn: string;
  @ApiPropertyOptional({ example: 'Bolling Building, room 2' }) @IsOptional() @IsString() @MaxLength(160) location?: string;
  @ApiProperty({ example: ['Chief of Labor Relations', 'Union president', 'Federal mediator'], description: 'names or roles, at most 60' })
  @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @MaxLength(120, { each: true }) attendees: string[];
  @ApiProperty({ example: 'Exchanged proposals on Articles 8 (class size) and 12 (compensation).' }) @IsString() @MaxLength(20_000) notes: string;
}

export class SessionView extends CreateSessionDto {
  @ApiProperty() id: string;
  @ApiProperty() contractId: string;
  @ApiProperty({ example: 2 }) proposals: number;
}

export class SessionPage {
  @ApiProperty({ type: [SessionView] }) items: SessionView[];
  @ApiProperty({ example: 6 }) total: number;
}

export class CreateProposalDto {
  @ApiProperty({ example: 'Art. 12 Compensation' }) @IsString() @IsNotEmpty() @MaxLength(120) article: string;
  @ApiProperty({ enum: PARTIES, example: 'union' }) @IsIn(PARTIES) party: Party;
  @ApiProperty({ example: '4% cost-of-living increase in each year' }) @IsString() @IsNotEmpty() @MaxLength(20_000) summary: string;
  @ApiProperty({ example: '2026-10-08' }) @IsIsoDate() proposedOn: string;
  @ApiPropertyOptional({ description: 'the session where it was passed across the table' }) @IsOptional() @IsUUID() sessionId?: string;
  @ApiPropertyOptional({ description: "the other party's proposal this counters (same article); it becomes `countered`" }) @IsOptional() @IsUUID() respondsTo?: string;
}

export class ProposalView {
  @ApiProperty() id: string;
  @ApiProperty() contractId: string;
  @ApiProperty({ nullable: true }) sessionId: string | null;
  @ApiProperty({ example: 'Art. 12 Compensation' }) article: string;
  @ApiProperty({ enum: PARTIES }) party: Party;
  @ApiProperty({ example: 'proposal', enum: ['proposal', 'counter-proposal'] }) kind: 'proposal' | 'counter-proposal';
  @ApiProperty({ nullable: true }) respondsTo: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ example: '2026-10-08' }) proposedOn: string;
  @ApiProperty({ example: 'open', enum: ['open', 'countered', 'withdrawn', 'tentatively-agreed'] }) status: string;
}

export class ProposalPage {
  @ApiProperty({ type: [ProposalView] }) items: ProposalView[];
  @ApiProperty({ example: 9 }) total: number;
}

export class ProposalQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Art. 12 Compensation' }) @IsOptional() @IsString() @MaxLength(120) article?: string;
}

export class CreateTentativeAgreementDto {
  @ApiProperty({ example: 'Art. 21 Grievance Procedure' }) @IsString() @IsNotEmpty() @MaxLength(120) article: string;
  @ApiProperty({ example: 'Step 2 answer within 10 school days (was 15).' }) @IsString() @IsNotEmpty() @MaxLength(20_000) summary: string;
  @ApiProperty({ example: '2026-11-12' }) @IsIsoDate() agreedOn: string;
  @ApiPropertyOptional({ description: 'the proposal agreed to (becomes tentatively-agreed)' }) @IsOptional() @IsUUID() proposalId?: string;
}

export class TentativeAgreementView extends CreateTentativeAgreementDto {
  @ApiProperty() id: string;
  @ApiProperty() contractId: string;
}

export class TentativeAgreementPage {
  @ApiProperty({ type: [TentativeAgreementView] }) items: TentativeAgreementView[];
  @ApiProperty({ example: 3 }) total: number;
}
