import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import type { ContractStatus, DayUnit } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { IsIsoDate } from '../../common/validators';
import { DAY_UNITS, SUMMER_RULES, SummerRule } from '../../calendar/domain/deadlines';
import { MAX_DEADLINE_DAYS, MAX_STEPS } from '../domain/grievance-procedure';

export const CONTRACT_STATUSES: ContractStatus[] = ['in-negotiation', 'tentative-agreement', 'ratified', 'active', 'expired', 'superseded'];

export class DeadlineRuleDto {
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(MAX_DEADLINE_DAYS) days: number;
  @ApiProperty({ enum: DAY_UNITS, example: 'school' }) @IsIn(DAY_UNITS) unit: DayUnit;
}

export class GrievanceStepDto {
  @ApiProperty({ example: 1, description: '1, 2, 3… in order' }) @IsInt() @Min(1) @Max(MAX_STEPS) step: number;
  @ApiProperty({ example: 'Step 1: Principal' }) @IsString() @IsNotEmpty() @MaxLength(80) name: string;
  @ApiProperty({ example: 'principal or supervisor' }) @IsString() @IsNotEmpty() @MaxLength(120) answeredBy: string;
  @ApiProperty({ type: DeadlineRuleDto, description: 'step 1: time to file from the event; later steps: time to appeal from the previous answer (or its due date)' })
  @ValidateNested() @Type(() => DeadlineRuleDto) fileWithin: DeadlineRuleDto;
  @ApiProperty({ type: DeadlineRuleDto, description: "the employer's time to answer after the step is filed" })
  @ValidateNested() @Type(() => DeadlineRuleDto) answerWithin: DeadlineRuleDto;
}

export class GrievanceProcedureDto {
  @ApiProperty({ type: [GrievanceStepDto] })
  @ValidateNested({ each: true }) @Type(() => GrievanceStepDto) @ArrayMinSize(1) @ArrayMaxSize(MAX_STEPS) steps: GrievanceStepDto[];
  @ApiProperty({ enum: SUMMER_RULES, example: 'calendar-days', description: 'what school days become when school is out for the summer' })
  @IsIn(SUMMER_RULES) summerRule: SummerRule;
  @ApiProperty({ example: true, description: 'a deadline landing on a weekend or holiday moves to the next working day' })
  @IsBoolean() rollToWorkingDay: boolean;
}

export class CreateContractDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty({ example: 'Teachers 2026-2029' }) @IsString() @IsNotEmpty() @MaxLength(160) title: string;
  @ApiProperty({ example: '2026-09-01' }) @IsIsoDate() effectiveOn: string;
  @ApiProperty({ example: '2029-08-31' }) @IsIsoDate() expiresOn: string;
  @ApiPropertyOptional({ description: 'the contract this one succeeds' }) @IsOptional() @IsUUID() predecessorId?: string;
  @ApiPropertyOptional({ example: '2023-06-14', description: 'set for a contract already ratified (recorded as ratified or in force); omitted for a successor to negotiate' })
  @IsOptional() @IsIsoDate() ratifiedOn?: string;
  @ApiPropertyOptional({ type: GrievanceProcedureDto, description: "default: the predecessor's procedure, else a typical four-step procedure" })
  @IsOptional() @ValidateNested() @Type(() => GrievanceProcedureDto) grievanceProcedure?: GrievanceProcedureDto;
}

export class UpdateContractDto {
  @ApiPropertyOptional({ example: 'Teachers 2026-2029' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(160) title?: string;
  @ApiPropertyOptional({ example: '2026-09-01', description: 'only before ratification' }) @IsOptional() @IsIsoDate() effectiveOn?: string;
  @ApiPropertyOptional({ example: '2029-08-31', description: 'only before ratification' }) @IsOptional() @IsIsoDate() expiresOn?: string;
  @ApiPropertyOptional({ type: GrievanceProcedureDto, description: "changes the deadlines of the contract's open grievances from their current step on" })
  @IsOptional() @ValidateNested() @Type(() => GrievanceProcedureDto) grievanceProcedure?: GrievanceProcedureDto;
}

export class ContractQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
}

export class TentativeAgreementReachedDto {
  @ApiProperty({ example: '2026-11-18', description: 'the day the bargaining teams reached a tentative agreement on the whole contract' })
  @IsIsoDate() agreedOn: string;
}

export class RatifyDto {
  @ApiProperty({ example: '2026-12-10', description: 'the day the last party (membership or school committee) ratified' }) @IsIsoDate() ratifiedOn: string;
}

export class ContractView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ example: 'Teachers' }) unitName: string;
  @ApiProperty({ example: 'Teachers 2026-2029' }) title: string;
  @ApiProperty({ example: '2026-09-01' }) effectiveOn: string;
  @ApiProperty({ example: '2029-08-31' }) expiresOn: string;
  @ApiProperty({ enum: CONTRACT_STATUSES, example: 'in-negotiation' }) status: ContractStatus;
  @ApiProperty({ example: null, nullable: true }) tentativeAgreementOn: string | null;
  @ApiProperty({ example: null, nullable: true }) ratifiedOn: string | null;
  @ApiProperty({ nullable: true }) predecessorId: string | null;
  @ApiProperty({ nullable: true }) successorId: string | null;
  @ApiProperty({ type: GrievanceProcedureDto }) grievanceProcedure: GrievanceProcedureDto;
  @ApiProperty({ example: 3 }) version: number;
}

export class ContractPage {
  @ApiProperty({ type: [ContractView] }) items: ContractView[];
  @ApiProperty({ example: 12 }) total: number;
}
