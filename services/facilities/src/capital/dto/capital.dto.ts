import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../common/validation';

export const PROJECT_STATUSES = ['planned', 'design', 'construction', 'closeout', 'completed', 'cancelled'] as const;

export class MilestoneDto {
  @ApiProperty({ example: 'Design complete' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '2026-09-15' }) @IsBusinessDate() plannedDate: string;
  @ApiPropertyOptional({ example: '2026-09-12' }) @IsOptional() @IsBusinessDate() actualDate?: string;
}

export class UpdateMilestoneDto {
  @ApiPropertyOptional({ example: '2026-10-01' }) @IsOptional() @IsBusinessDate() plannedDate?: string;
  @ApiPropertyOptional({ example: '2026-09-30' }) @IsOptional() @IsBusinessDate() actualDate?: string;
}

export class CreateProjectDto {
  @ApiPropertyOptional({ description: "the school's primary building unless buildingId is given" }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiProperty({ example: 'Roof replacement' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ enum: PROJECT_STATUSES, example: 'construction' }) @IsIn(PROJECT_STATUSES) status: string;
  @ApiProperty({ example: 1_850_000 }) @IsNumber() @IsPositive() budget: number;
  @ApiPropertyOptional({ example: 1_700_000, description: 'under contract' }) @IsOptional() @IsNumber() @Min(0) committed?: number;
  @ApiPropertyOptional({ example: 640_000 }) @IsOptional() @IsNumber() @Min(0) spent?: number;
  @ApiProperty({ example: '2026-06-15' }) @IsBusinessDate() startDate: string;
  @ApiProperty({ example: '2026-12-20' }) @IsBusinessDate() plannedEnd: string;
  @ApiPropertyOptional({ type: [MilestoneDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MilestoneDto) milestones?: MilestoneDto[];
}

export class UpdateProjectDto {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES }) @IsOptional() @IsIn(PROJECT_STATUSES) status?: string;
  @ApiPropertyOptional({ example: 1_900_000 }) @IsOptional() @IsNumber() @IsPositive() budget?: number;
  @ApiPropertyOptional({ example: 1_750_000 }) @IsOptional() @IsNumber() @Min(0) committed?: number;
  @ApiPropertyOptional({ example: 900_000 }) @IsOptional() @IsNumber() @Min(0) spent?: number;
  @ApiPropertyOptional({ example: '2027-01-15' }) @IsOptional() @IsBusinessDate() plannedEnd?: string;
  @ApiPropertyOptional({ example: '2026-12-18', description: 'set with status completed' }) @IsOptional() @IsBusinessDate() completedOn?: string;
}

export class ProjectQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: PROJECT_STATUSES }) @IsOptional() @IsIn(PROJECT_STATUSES) status?: string;
}

export class MilestoneResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Design complete' }) name: string;
  @ApiProperty({ example: '2026-09-15' }) plannedDate: string;
  @ApiProperty({ nullable: true, example: '2026-09-12' }) actualDate: string | null;
}

export class ProjectResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true }) buildingId: string | null;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ example: 'Roof replacement' }) name: string;
  @ApiProperty({ enum: PROJECT_STATUSES, example: 'construction' }) status: string;
  @ApiProperty({ example: 1_850_000 }) budget: number;
  @ApiProperty({ example: 1_700_000 }) committed: number;
  @ApiProperty({ example: 640_000 }) spent: number;
  @ApiProperty({ example: '2026-06-15' }) startDate: string;
  @ApiProperty({ example: '2026-12-20' }) plannedEnd: string;
  @ApiProperty({ nullable: true, example: null }) completedOn: string | null;
  @ApiProperty({ type: [MilestoneResponse] }) milestones: MilestoneResponse[];
  @ApiProperty({ example: true, description: 'committed and spent within budget' }) onBudget: boolean;
  @ApiProperty({ example: false, description: "no milestone late as of the district's today" }) onSchedule: boolean;
}

export class ProjectPage {
  @ApiProperty({ type: [ProjectResponse] }) items: ProjectResponse[];
  @ApiProperty({ example: 5 }) total: number;
}
