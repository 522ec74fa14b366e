import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { CapitalService } from './capital.service';
import { CreateProjectDto, MilestoneDto, ProjectPage, ProjectQuery, ProjectResponse, UpdateMilestoneDto, UpdateProjectDto } from './dto/capital.dto';

@ApiTags('capital projects')
@Controller('api/capital-projects')
export class CapitalController {
  constructor(private readonly capital: CapitalService) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'A capital project with budget, committed, spent and milestones' })
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiUnprocessableEntityResponse({ description: 'no such school or building; dates out of order' })
  create(@Body() dto: CreateProjectDto, @CurrentUser() user: AuthUser) {
    return this.capital.create(dto, user);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Capital projects with their on budget / on schedule flags' })
  @ApiOkResponse({ type: ProjectPage })
  list(@Query() q: ProjectQuery, @CurrentUser() user: AuthUser) {
    return this.capital.list(q, user);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.capital.get(id, user);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Update status, budget, committed, spent, planned end' })
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse()
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateProjectDto, @CurrentUser() user: AuthUser) {
    return this.capital.update(id, dto, user);
  }

  @Post(':id/milestones')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse()
  addMilestone(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: MilestoneDto, @CurrentUser() user: AuthUser) {
    return this.capital.addMilestone(id, dto, user);
  }

  @Patch(':id/milestones/:milestoneId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Record a milestone's actual date or move its planned date" })
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse()
  updateMilestone(
    @Param('id', new ParseUUIDPipe()) id: string, @Param('milestoneId', new ParseUUIDPipe()) milestoneId: string,
    @Body() dto: UpdateMilestoneDto, @CurrentUser() user: AuthUser,
  ) {
    return this.capital.updateMilestone(id, milestoneId, dto, user);
  }
}
