import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, PageQuery, Roles } from '@district/service-kit';
import { CancellationsService } from '../closures/cancellations.service';
import { CancellationPage, CancellationQuery, CancellationView, CancelRunDto } from '../closures/dto/cancellation.dto';
import { CreateRouteDto, CreateRunDto, ReplaceStopsDto, RoutePage, RouteView, RunPage, RunQuery, RunView, SchoolRunQuery, UpdateRouteDto, UpdateRunDto } from './dto/run.dto';
import { RoutesService } from './routes.service';
import { RunsService } from './runs.service';

const READ = [ROLES.transportationRead, ROLES.transportationWrite, ROLES.coo];

@ApiTags('routes')
@Controller('api/routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Post()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Create a route (a vehicle’s day of runs)' })
  @ApiCreatedResponse({ type: RouteView })
  create(@Body() dto: CreateRouteDto) {
    return this.routes.create(dto);
  }

  @Get()
  @Roles(...READ)
  @ApiOperation({ summary: 'Routes' })
  @ApiOkResponse({ type: RoutePage })
  list(@Query() q: PageQuery) {
    return this.routes.list(q);
  }

  @Get(':id')
  @Roles(...READ)
  @ApiOperation({ summary: 'One route' })
  @ApiOkResponse({ type: RouteView })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.routes.get(id);
  }

  @Patch(':id')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Rename a route' })
  @ApiOkResponse({ type: RouteView })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateRouteDto) {
    return this.routes.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Delete a route without runs' })
  @ApiNoContentResponse()
  remove(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.routes.remove(id);
  }
}

@ApiTags('runs')
@Controller('api')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly cancellations: CancellationsService,
  ) {}

  @Post('runs')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Create a run: one school, AM or PM, a bell, a scheduled arrival, a vehicle and ordered stops (422 when the timetable does not hold)' })
  @ApiCreatedResponse({ type: RunView })
  create(@Body() dto: CreateRunDto) {
    return this.runs.create(dto);
  }

  @Get('runs')
  @Roles(...READ)
  @ApiOperation({ summary: 'Runs, by school, route and session' })
  @ApiOkResponse({ type: RunPage })
  list(@Query() q: RunQuery) {
    return this.runs.list(q);
  }

  @Get('schools/:id/runs')
  @Roles(...READ)
  @ApiOperation({ summary: 'The runs serving a school, with vehicle, seats and students assigned' })
  @ApiOkResponse({ type: RunPage })
  forSchool(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: SchoolRunQuery, @CurrentUser() user: AuthUser) {
    return this.runs.forSchool(id, q, user);
  }

  @Get('runs/:id')
  @Roles(...READ)
  @ApiOperation({ summary: 'One run with its stops' })
  @ApiOkResponse({ type: RunView })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.get(id);
  }

  @Patch('runs/:id')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Change a run’s timetable, vehicle (409 when it seats fewer than the students assigned), route or active flag' })
  @ApiOkResponse({ type: RunView })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateRunDto) {
    return this.runs.update(id, dto);
  }

  @Put('runs/:id/stops')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Replace the ordered stops; stops kept by id keep their students, removed stops’ students are moved to the nearest other stop' })
  @ApiOkResponse({ type: RunView })
  replaceStops(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReplaceStopsDto) {
    return this.runs.replaceStops(id, dto);
  }

  @Delete('runs/:id')
  @HttpCode(204)
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Delete a run never operated (409 otherwise: deactivate it)' })
  @ApiNoContentResponse()
  remove(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.remove(id);
  }

  @Post('runs/:id/cancellations')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Cancel a run on one day (409 when already cancelled)' })
  @ApiCreatedResponse({ type: CancellationView })
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CancelRunDto) {
    return this.cancellations.cancel(id, dto.date, dto.reason);
  }

  @Delete('runs/:id/cancellations/:date')
  @HttpCode(204)
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Withdraw a manual cancellation (a closure’s ends when facilities lifts the closure: 409)' })
  @ApiNoContentResponse()
  restore(@Param('id', new ParseUUIDPipe()) id: string, @Param('date') date: string) {
    return this.cancellations.restore(id, date);
  }

  @Get('cancellations')
  @Roles(...READ)
  @ApiOperation({ summary: 'Cancelled run-days, by school and dates' })
  @ApiOkResponse({ type: CancellationPage })
  cancellationsList(@Query() q: CancellationQuery) {
    return this.cancellations.list(q);
  }
}
