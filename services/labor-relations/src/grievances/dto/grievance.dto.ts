import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsIsoDate } from '../../common/validators';
import { GrievanceOutcome, OUTCOMES } from '../domain/grievance-rules';

export class FileGrievanceDto {
  @ApiProperty({ description: 'the bargaining unit (the union) filing' }) @IsUUID() unitId: string;
  @ApiPropertyOptional({ description: 'the contract grieved under; default: the one in force on filedOn, or the expired one under status quo' })
  @IsOptional() @IsUUID() contractId?: string;
  @ApiProperty({ example: 'Art. 15 §3 Preparation time' }) @IsString() @IsNotEmpty() @MaxLength(120) article: string;
  @ApiProperty({ example: 'Jordan Reyes', description: 'employee data, visible to labor roles only' }) @IsString() @IsNotEmpty() @MaxLength(160) grievantName: string;
  @ApiPropertyOptional({ example: 'E104233' }) @IsOptional() @IsString() @MaxLength(40) grievantEmployeeId?: string;
  @ApiPropertyOptional({ description: "the school where it arose (enrollment's school id); omitted for central office or depot grievances" })
  @IsOptional() @IsUUID() schoolId?: string;
  @ApiProperty({ example: 'Preparation periods cancelled on four days to cover classes.' }) @IsString() @IsNotEmpty() @MaxLength(20_000) description: string;
  @ApiProperty({ example: '2026-11-09', description: 'when what is grieved happened (the filing time limit counts from it)' }) @IsIsoDate() occurredOn: string;
  @ApiProperty({ example: '2026-11-16' }) @IsIsoDate() filedOn: string;
}

export class AnswerDto {
  @ApiProperty({ example: 1, description: 'the step answered (must be the current one)' }) @IsInt() @Min(1) @Max(6) step: number;
  @ApiProperty({ enum: OUTCOMES, example: 'denied', description: 'denied lets the union appeal to the next step; the others close the grievance' })
  @IsIn(OUTCOMES) outcome: GrievanceOutcome;
  @ApiProperty({ example: '2026-11-20' }) @IsIsoDate() answeredOn: string;
  @ApiPropertyOptional({ example: 'Coverage was assigned under the emergency clause of Art. 15 §5.' }) @IsOptional() @IsString() @MaxLength(20_000) response?: string;
}

export class AppealDto {
  @ApiProperty({ example: '2026-11-24', description: 'the day the union filed the appeal to the next step' }) @IsIsoDate() appealedOn: string;
}

export class WithdrawDto {
  @ApiProperty({ example: '2026-11-23' }) @IsIsoDate() on: string;
}

export const GRIEVANCE_STATUSES = ['open', 'closed'] as const;

export class GrievanceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GRIEVANCE_STATUSES }) @IsOptional() @IsIn(GRIEVANCE_STATUSES) status?: 'open' | 'closed';
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(6) step?: number;
}

export class GrievanceRow {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'G-2026-0042' }) number: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ example: 'Teachers' }) unitName: string;
  @ApiProperty() contractId: string;
  @ApiProperty({ example: 'Art. 15 §3 Preparation time' }) article: string;
  @ApiProperty({ example: 'Jordan Reyes' }) grievantName: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ example: 'Hernández K-8', nullable: true }) schoolName: string | null;
  @ApiProperty({ example: '2026-11-16' }) filedOn: string;
  @ApiProperty({ enum: GRIEVANCE_STATUSES }) status: string;
  @ApiProperty({ example: 1 }) currentStep: number;
  @ApiProperty({ example: 'Step 1: Principal' }) currentStepName: string;
  @ApiProperty({ example: 'answer', nullable: true, enum: ['answer', 'appeal'] }) awaiting: string | null;
  @ApiProperty({ example: '2026-12-02', nullable: true }) dueOn: string | null;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ example: null, nullable: true, enum: ['answer', 'final-step', 'withdrawn', 'union-deadline-missed'] }) closedReason: string | null;
  @ApiProperty({ example: null, nullable: true }) closedOn: string | null;
}

export class GrievancePage {
  @ApiProperty({ type: [GrievanceRow] }) items: GrievanceRow[];
  @ApiProperty({ example: 37 }) total: number;
}

export class GrievanceStepView {
  @ApiProperty({ example: 1 }) step: number;
  @ApiProperty({ example: 'Step 1: Principal' }) name: string;
  @ApiProperty({ example: 'principal or supervisor' }) answeredBy: string;
  @ApiProperty({ example: '2026-11-16' }) filedOn: string;
  @ApiProperty({ example: '2026-12-02' }) answerDueOn: string;
  @ApiProperty({ nullable: true }) answeredOn: string | null;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ nullable: true }) response: string | null;
  @ApiProperty({ example: false, description: 'the employer did not answer by the due date' }) employerMissed: boolean;
}

export class GrievanceHistoryView {
  @ApiProperty({ example: '2026-11-16' }) on: string;
  @ApiProperty({ example: 'filed' }) kind: string;
  @ApiProperty({ example: 1 }) step: number;
  @ApiProperty({ example: 'filed at Step 1: Principal; principal or supervisor answers by 2026-12-02' }) detail: string;
  @ApiProperty({ example: 'labor-analyst@district', nullable: true }) recordedBy: string | null;
  @ApiProperty() recordedAt: Date;
}

export class GrievanceView extends GrievanceRow {
  @ApiProperty({ example: 'Teachers 2023-2026' }) contractTitle: string;
  @ApiProperty({ nullable: true }) grievantEmployeeId: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ example: '2026-11-09' }) occurredOn: string;
  @ApiProperty({ type: [GrievanceStepView] }) steps: GrievanceStepView[];
  @ApiProperty({ type: [GrievanceHistoryView] }) history: GrievanceHistoryView[];
}

export class DeadlinesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '7d', default: '7d', description: 'the window from today: 1d to 366d' })
  @IsOptional() @IsString() within = '7d';
  @ApiPropertyOptional({ example: '2026-11-23', description: "the first day of the window (default: the district's today)" }) @IsOptional() @IsIsoDate() date?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
}

export class DeadlineItem {
  @ApiProperty({ enum: ['grievance-answer', 'grievance-appeal', 'contract-expiry'], example: 'grievance-answer' }) kind: string;
  @ApiProperty({ example: '2026-11-25' }) dueOn: string;
  @ApiProperty({ example: 'Step 1: Principal answer due: G-2026-0042 (Teachers, Art. 15 §3)' }) title: string;
  @ApiProperty({ nullable: true }) grievanceId: string | null;
  @ApiProperty({ example: 'G-2026-0042', nullable: true }) number: string | null;
  @ApiProperty({ example: 1, nullable: true }) step: number | null;
  @ApiProperty({ example: 'employer', nullable: true, enum: ['employer', 'union'] }) party: string | null;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ nullable: true }) schoolName: string | null;
  @ApiProperty() unitId: string;
  @ApiProperty({ example: 'Teachers' }) unitName: string;
  @ApiProperty() contractId: string;
}

export class DeadlinePage {
  @ApiProperty({ example: '2026-11-23' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [DeadlineItem] }) items: DeadlineItem[];
  @ApiProperty({ example: 12 }) total: number;
}
