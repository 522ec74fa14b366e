import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEPARTMENTS } from '@district/contracts';
import { OverviewSources } from '../../views/dto/school-overview.response';

const STATUSES = ['on-track', 'watch', 'off-track', 'no-target', 'no-data', 'unavailable'];
const UNITS = ['%', 'ratio', 'count', 'USD', 'days', 'hours', 'minutes', 'miles', 'years', 'sq ft', 'per 100', 'kbps'];

export class KpiDefinitionDto {
  @ApiProperty({ example: 'enrollment.first-choice-rate' }) id: string;
  @ApiProperty({ example: 'enrollment', enum: DEPARTMENTS }) department: string;
  @ApiProperty({ example: 'Applicants assigned their first choice' }) name: string;
  @ApiProperty({ example: '%', enum: UNITS, description: '`%` values are percentages 0–100' }) unit: string;
  @ApiProperty({ example: 'higher', enum: ['higher', 'lower', 'context'] }) direction: string;
  @ApiProperty({ example: 'applicants assigned their first choice ÷ applicants' }) description: string;
  @ApiProperty({ example: true, description: 'whether schools can be ranked on it' }) perSchool: boolean;
}

export class SeriesPoint {
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ example: 81.5, nullable: true, type: Number }) value: number | null;
}

export class ScorecardKpiDto extends KpiDefinitionDto {
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ example: 83.2, nullable: true, type: Number, description: 'null: no data for the month, or the department is unavailable' }) value: number | null;
  @ApiProperty({ example: 80, nullable: true, type: Number }) target: number | null;
  @ApiProperty({ example: 'on-track', enum: STATUSES }) status: string;
  @ApiProperty({ example: 81.5, nullable: true, type: Number, description: 'the previous month' }) previous: number | null;
  @ApiProperty({ example: 1.7, nullable: true, type: Number, description: 'value − previous' }) change: number | null;
  @ApiProperty({ example: 2.0859, nullable: true, type: Number, description: 'change ÷ |previous|, in %' }) changePercent: number | null;
  @ApiPropertyOptional({ type: [SeriesPoint], description: 'with `trend`: the months up to `period`' }) series?: SeriesPoint[];
}

export class ScorecardResponse {
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ type: [ScorecardKpiDto] }) kpis: ScorecardKpiDto[];
  @ApiProperty({ type: OverviewSources, description: 'the departments with KPIs, and whether each answered' }) sources: OverviewSources;
}

export class RankedSchool {
  @ApiProperty({ example: 1, nullable: true, type: Number, description: 'ties share a rank; null without a value' }) rank: number | null;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Guild Elementary', nullable: true, type: String }) schoolName: string | null;
  @ApiProperty({ example: 97.1, nullable: true, type: Number }) value: number | null;
  @ApiProperty({ example: 'on-track', enum: STATUSES }) status: string;
}

export class KpiRankingResponse {
  @ApiProperty({ type: KpiDefinitionDto }) kpi: KpiDefinitionDto;
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ example: 90, nullable: true, type: Number }) target: number | null;
  @ApiProperty({ type: [RankedSchool] }) items: RankedSchool[];
}

export class HistoryPoint extends SeriesPoint {
  @ApiProperty({ example: 'watch', enum: STATUSES }) status: string;
}

export class KpiHistoryResponse {
  @ApiProperty({ type: KpiDefinitionDto }) kpi: KpiDefinitionDto;
  @ApiProperty({ example: 90, nullable: true, type: Number }) target: number | null;
  @ApiProperty({ type: [HistoryPoint] }) points: HistoryPoint[];
}

export class KpiTargetDto {
  @ApiProperty({ example: 'transportation.on-time-performance' }) kpiId: string;
  @ApiProperty({ example: 95, nullable: true, type: Number }) target: number | null;
  @ApiProperty({ example: 10, nullable: true, type: Number }) watchPercent: number | null;
  @ApiProperty({ example: 'configured', enum: ['default', 'configured', 'none'] }) source: string;
  @ApiProperty({ example: 'coo.jones', nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty({ example: '2026-11-20T15:04:05Z', nullable: true, type: String }) updatedAt: string | null;
}

export class KpiTargetsResponse {
  @ApiProperty({ type: [KpiTargetDto] }) items: KpiTargetDto[];
}
