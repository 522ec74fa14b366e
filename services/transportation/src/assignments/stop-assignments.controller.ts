import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, ProblemException, Roles, StudentData } from '@district/service-kit';
import { AssignStopDto, AutoAssignQuery, AutoAssignResult, StopAssignmentPage, StopAssignmentQuery } from './dto/stop-assignment.dto';
import { StopAssignmentsService } from './stop-assignments.service';

@ApiTags('stop assignments')
@Controller('api/stop-assignments')
export class StopAssignmentsController {
  constructor(private readonly assignments: StopAssignmentsService) {}

  @Post('auto')
  @HttpCode(200)
  @StudentData()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({
    summary: 'Assign every eligible student without a stop to the nearest stop of a run serving their school, within the walk limit and the seats; lists those it cannot place and why',
  })
  @ApiOkResponse({ type: AutoAssignResult })
  auto(@Query() q: AutoAssignQuery, @CurrentUser() user: AuthUser) {
    return this.assignments.auto(user, q.schoolId);
  }

  @Get()
  @StudentData()
  @Roles(ROLES.transportationRead, ROLES.transportationWrite)
  @ApiOperation({ summary: "Students' stops, by school, run and session (school-scoped callers see their schools only)" })
  @ApiOkResponse({ type: StopAssignmentPage })
  list(@Query() q: StopAssignmentQuery, @CurrentUser() user: AuthUser) {
    return this.assignments.list(q, user);
  }

  @Put(':studentId')
  @StudentData()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: "Place a student at a chosen stop (replaces that session's stop); 422 when not eligible or beyond the walk limit, 409 when the run is full" })
  @ApiOkResponse({ description: 'the assignment' })
  assign(@Param('studentId', new ParseUUIDPipe()) studentId: string, @Body() dto: AssignStopDto, @CurrentUser() user: AuthUser) {
    return this.assignments.assign(user, studentId, dto.stopId);
  }

  @Delete(':studentId/:session')
  @HttpCode(204)
  @StudentData()
  @Roles(ROLES.transportationWrite)
  @ApiParam({ name: 'session', enum: ['AM', 'PM'] })
  @ApiOperation({ summary: "Remove a student's stop for one session" })
  @ApiNoContentResponse()
  remove(@Param('studentId', new ParseUUIDPipe()) studentId: string, @Param('session') session: string, @CurrentUser() user: AuthUser) {
    if (session !== 'AM' && session !== 'PM') throw new ProblemException(400, 'session must be AM or PM', { errors: [{ field: 'session', message: 'must be AM or PM' }] });
    return this.assignments.remove(user, studentId, session);
  }
}
