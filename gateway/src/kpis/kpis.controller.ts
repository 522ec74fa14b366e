import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { addMonths, MAX_KPI_MONTHS, monthRange, ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, ProblemException, Roles } from '@district/service-kit';
import { SCHOOL_VIEW_ROLES } from '../views/school-views.controller';
import { KpiTargetsService } from './kpi-targets.service';
import { KpisService } from './kpis.service';
import { KpiHistoryResponse, KpiRankingResponse, KpiTargetsResponse, ScorecardResponse } from './dto/kpi.responses';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ScorecardQuery {
  @ApiPropertyOptional({ example: '2026-10', description: 'month (YYYY-MM); default: the current month in the district' })
  @IsOptional() @Matches(MONTH, { message: 'period must be YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ example: 12, minimum: 1, maximum: MAX_KPI_MONTHS, description: 'also return each KPI’s last N months (`series`) for sparklines' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_KPI_MONTHS)
  trend?: number;
}

export class PeriodQuery {
  @ApiPropertyOptional({ example: '2026-10', description: 'month (YYYY-MM); default: the current month' })
  @IsOptional() @Matches(MONTH, { message: 'period must be YYYY-MM' })
  period?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ example: '2025-12', description: 'first month; default: 11 months before `to`' })
  @IsOptional() @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'last month; default: the current month' })
  @IsOptional() @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to?: string;
}

export class TargetChangeDto {
  @ApiProperty({ example: 'enrollment.first-choice-rate' })
  @IsString() @MaxLength(100)
  kpiId: string;

  @ApiProperty({ example: 80, nullable: true, type: Number, description: 'in the KPI’s unit; null: no target (watched, not judged)' })
  @ValidateIf((_, v) => v !== null) @IsNumber({ allowNaN: false, allowInfinity: false })
  target: number | null;

  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: 100, description: 'how far short of the target (% of it) is still "watch"; default 10' })
  @IsOptional() @IsNumber() @Min(0) @Max(100)
  watchPercent?: number;
}

export class SetTargetsDto {
  @ApiProperty({ type: [TargetChangeDto] })
  @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => TargetChangeDto)
  targets: TargetChangeDto[];
}

@ApiTags('kpis')
@Controller('api/kpis')
export class KpisController {
  constructor(
    private readonly kpis: KpisService,
    private readonly targets: KpiTargetsService,
  ) {}

  @Get()
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({
    summary: 'Every department’s KPIs for a month, with target, status and change against the previous month',
    description: 'Each department is asked once, in parallel, behind its breaker; answers are cached briefly and dropped when the department publishes an event. A department that is down shows its KPIs with status `unavailable`; the rest still answer.',
  })
  @ApiOkResponse({ type: ScorecardResponse })
  @ApiBadRequestResponse({ description: 'bad period or trend' })
  scorecard(@Query() q: ScorecardQuery) {
    return this.kpis.scorecard(q.period ?? this.kpis.currentMonth(), q.trend ?? 1);
  }

  @Get('targets')
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({ summary: 'The target of every KPI: default, configured, or none' })
  @ApiOkResponse({ type: KpiTargetsResponse })
  async listTargets() {
    return { items: this.kpis.targetList(await this.targets.all()) };
  }

  @Put('targets')
  @Roles(ROLES.coo)
  @ApiOperation({ summary: 'Set or clear KPI targets (role coo); all the changes apply together or none do' })
  @ApiBody({ type: SetTargetsDto, examples: { onTime: { value: { targets: [{ kpiId: 'enrollment.first-choice-rate', target: 80, watchPercent: 5 }] } } } })
  @ApiOkResponse({ type: KpiTargetsResponse })
  @ApiUnprocessableEntityResponse({ description: 'unknown KPI, a target for a context KPI, or a KPI listed twice' })
  async setTargets(@Body() body: SetTargetsDto, @CurrentUser() user: AuthUser) {
    return { items: this.kpis.targetList(await this.targets.set(body.targets, user.sub)) };
  }

  @Get(':id/schools')
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({ summary: 'Schools ranked on one KPI for a month, best first for the KPI’s direction' })
  @ApiParam({ name: 'id', example: 'enrollment.seat-utilization' })
  @ApiOkResponse({ type: KpiRankingResponse })
  @ApiNotFoundResponse({ description: 'no such KPI' })
  @ApiUnprocessableEntityResponse({ description: 'the KPI is district-wide only' })
  @ApiServiceUnavailableResponse({ description: 'the KPI’s department is not answering (Retry-After)' })
  schools(@Param('id') id: string, @Query() q: PeriodQuery) {
    return this.kpis.schoolRanking(id, q.period ?? this.kpis.currentMonth());
  }

  @Get(':id/history')
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({ summary: 'One KPI month by month, with its status against today’s target', description: `At most ${MAX_KPI_MONTHS} months.` })
  @ApiParam({ name: 'id', example: 'enrollment.withdrawals' })
  @ApiOkResponse({ type: KpiHistoryResponse })
  @ApiBadRequestResponse({ description: 'bad months, `from` after `to`, or too long a range' })
  @ApiNotFoundResponse({ description: 'no such KPI' })
  @ApiServiceUnavailableResponse({ description: 'the KPI’s department is not answering (Retry-After)' })
  history(@Param('id') id: string, @Query() q: HistoryQuery) {
    const to = q.to ?? this.kpis.currentMonth();
    const from = q.from ?? addMonths(to, -11);
    const months = monthRange(from, to).length;
    if (months < 1 || months > MAX_KPI_MONTHS) {
      throw new ProblemException(400, `from must not be after to, and the range at most ${MAX_KPI_MONTHS} months`, { errors: [{ field: 'from', message: 'range' }] });
    }
    return this.kpis.history(id, from, to);
  }
}
