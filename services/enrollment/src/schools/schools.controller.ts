import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { CreateSchoolDto, SchoolListQuery, SchoolPage, SchoolResponse, SchoolUtilizationResponse, UpdateSchoolDto } from './dto/school.dto';
import { SchoolsService } from './schools.service';

const READERS = [ROLES.coo, ROLES.enrollmentRead, ROLES.enrollmentWrite];

@ApiTags('schools')
@Controller('api/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Add a school (publishes evt.enrollment.school.upserted.v1)' })
  @ApiCreatedResponse({ type: SchoolResponse })
  @ApiBadRequestResponse({ description: 'invalid fields, listed in `errors`' })
  @ApiConflictResponse({ description: 'a school with this code exists' })
  create(@Body() dto: CreateSchoolDto) {
    return this.schools.create(dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Schools, by code (a school-scoped caller sees only its schools)' })
  @ApiOkResponse({ type: SchoolPage })
  list(@Query() q: SchoolListQuery, @CurrentUser() user: AuthUser) {
    return this.schools.list(q, user);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: SchoolResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.schools.get(id, user);
  }

  @Get(':id/utilization')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Seat utilisation per grade: enrolled ÷ capacity (from maintained counts)' })
  @ApiOkResponse({ type: SchoolUtilizationResponse })
  @ApiNotFoundResponse()
  utilization(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.schools.utilization(id, user);
  }

  @Patch(':id')
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Change a school (publishes evt.enrollment.school.upserted.v1)' })
  @ApiOkResponse({ type: SchoolResponse })
  @ApiNotFoundResponse()
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateSchoolDto) {
    return this.schools.update(id, dto);
  }
}
