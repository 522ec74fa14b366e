import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DEPARTMENTS, dateInTimeZone } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { GatewayEnv } from '../config';
import { OverviewSources } from '../views/dto/school-overview.response';
import { SCHOOL_VIEW_ROLES } from '../views/school-views.controller';
import { BriefService } from './brief.service';

export class BriefQuery {
  @ApiPropertyOptional({ example: '2026-11-23', description: 'YYYY-MM-DD; default: today in the district' })
  @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

class BriefRefDto {
  @ApiProperty({ example: 'work-order' }) type: string;
  @ApiProperty({ example: 'f1c9a2de-3b4c-4d5e-8f90-1a2b3c4d5e6f' }) id: string;
}

class BriefEntryDto {
  @ApiProperty({ example: 'facilities', enum: DEPARTMENTS }) department: string;
  @ApiProperty({ example: 'work-order.emergency', description: 'what kind of item, e.g. closure, run.cancelled, run.late, work-order.overdue, meal-service.cancelled, device.queued, grievance.deadline, contract.expiring' }) kind: string;
  @ApiProperty({ example: 'critical', enum: ['critical', 'warning', 'info'] }) severity: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schoolId: string | null;
  @ApiProperty({ example: 'Guild Elementary', nullable: true, type: String }) schoolName: string | null;
  @ApiProperty({ example: '/api/schools/8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e/overview', nullable: true, type: String }) schoolLink: string | null;
  @ApiProperty({ example: 'No heat: boiler 2 down' }) title: string;
  @ApiPropertyOptional({ example: 'opened 05:40, target 4 h' }) detail?: string;
  @ApiPropertyOptional({ example: '2026-11-23T10:40:00Z' }) at?: string;
  @ApiPropertyOptional({ type: BriefRefDto, description: 'the department’s own record' }) ref?: BriefRefDto;
}

class BriefResponse {
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty({ type: [BriefEntryDto], description: 'most severe first' }) items: BriefEntryDto[];
  @ApiProperty({ type: OverviewSources, description: 'transportation, food, facilities, technology and labor relations' }) sources: OverviewSources;
}

@ApiTags('brief')
@Controller('api/brief')
export class BriefController {
  constructor(
    private readonly briefs: BriefService,
    private readonly env: GatewayEnv,
  ) {}

  @Get()
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({
    summary: 'The morning brief: closures, cancelled runs and late buses, emergency and overdue work orders, meal service cancellations, devices queued for lack of stock, grievance deadlines and contract expiries in the next 7 days',
    description: 'Every department asked in parallel; one that does not answer is marked in `sources` and the rest still show.',
  })
  @ApiOkResponse({ type: BriefResponse })
  @ApiBadRequestResponse({ description: 'bad date' })
  brief(@Query() q: BriefQuery, @CurrentUser() user: AuthUser) {
    return this.briefs.brief(q.date ?? dateInTimeZone(this.env.DISTRICT_TIMEZONE), user);
  }
}
