import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Grade, GRADES, ROLES, SCHOOL_TYPES, SchoolType } from '@district/contracts';
import { AuthUser, CurrentUser, PageQuery, Roles } from '@district/service-kit';
import { SchoolListResponse, SchoolOverviewResponse } from './dto/school-overview.response';
import { SchoolViewsService } from './school-views.service';

/** Who may look at school-level (not student-level) figures: the COO's office and every department. */
export const SCHOOL_VIEW_ROLES = [
  ROLES.coo, ROLES.enrollmentRead, ROLES.transportationRead, ROLES.foodRead, ROLES.facilitiesRead, ROLES.technologyRead, ROLES.laborRead,
];

export class SchoolListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SCHOOL_TYPES, description: 'level, derived from the grades served' })
  @IsOptional() @IsIn(SCHOOL_TYPES)
  type?: SchoolType;

  @ApiPropertyOptional({ enum: GRADES, description: 'schools serving this grade' })
  @IsOptional() @IsIn(GRADES)
  grade?: Grade;

  @ApiPropertyOptional({ example: 'guild', description: 'part of the name or code, any case' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}

@ApiTags('schools')
@Controller('api/schools')
export class SchoolViewsController {
  constructor(private readonly views: SchoolViewsService) {}

  @Get()
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({
    summary: 'Schools with headline figures from every department',
    description:
      'A page of schools (filter by type, grade served, name) from enrollment; every other department is asked once for all the schools on the page, in parallel. ' +
      'A department that does not answer leaves its sections null and is marked in `sources`; without enrollment there is no list (503). School-scoped tokens see their schools only.',
  })
  @ApiOkResponse({ type: SchoolListResponse })
  @ApiBadRequestResponse({ description: 'bad paging or filter' })
  @ApiServiceUnavailableResponse({ description: 'enrollment is not answering (Retry-After)' })
  list(@Query() q: SchoolListQuery, @CurrentUser() user: AuthUser): Promise<SchoolListResponse> {
    return this.views.list({ limit: q.limit, offset: q.offset, type: q.type, grade: q.grade, q: q.q }, user) as Promise<SchoolListResponse>;
  }

  @Get(':id/overview')
  @Roles(...SCHOOL_VIEW_ROLES)
  @ApiOperation({
    summary: 'One school across every department, asked in parallel',
    description:
      'Enrollment (total, by grade, capacity, utilization), transportation, food, facilities, technology and labor relations sections. ' +
      'A department that does not answer within its timeout (or whose circuit is open) leaves its section null and is marked `unavailable` in `sources`; the answer is still 200.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'school id' })
  @ApiOkResponse({ type: SchoolOverviewResponse })
  @ApiBadRequestResponse({ description: 'id is not a UUID' })
  @ApiForbiddenResponse({ description: 'a school-scoped token asking about another school' })
  @ApiNotFoundResponse({ description: 'enrollment knows no such school' })
  overview(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser): Promise<SchoolOverviewResponse> {
    return this.views.overview(id, user) as Promise<SchoolOverviewResponse>;
  }
}
