import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles, StudentData } from '@district/service-kit';
import { ChoiceService } from './choice.service';
import { ChoiceRoundResponse, SetSeatsDto, CreateApplicationDto, CreateProgramDto, CreateRoundDto, ResultPage, ResultsQuery, RunRoundDto, RunSummaryResponse } from './dto/choice.dto';

const READERS = [ROLES.coo, ROLES.enrollmentRead, ROLES.enrollmentWrite];

@ApiTags('school choice')
@Controller('api/choice/rounds')
export class ChoiceController {
  constructor(private readonly choice: ChoiceService) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Open a school choice round with its priority policy' })
  @ApiCreatedResponse({ type: ChoiceRoundResponse })
  @ApiConflictResponse({ description: 'a round with this name exists for the school year' })
  createRound(@Body() dto: CreateRoundDto) {
    return this.choice.createRound(dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: ChoiceRoundResponse })
  @ApiNotFoundResponse()
  getRound(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.choice.getRound(id);
  }

  @Post(':id/programs')
  @HttpCode(201)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Offer seats at a school in an entry grade (optionally split into reserved blocks)' })
  @ApiUnprocessableEntityResponse({ description: 'unknown school, a grade it does not serve, or not an entry grade' })
  addProgram(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateProgramDto) {
    return this.choice.addProgram(id, dto);
  }

  @Post(':id/applications')
  @HttpCode(201)
  @StudentData()
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: "A student's ranked list of schools (up to 20) for one grade" })
  @ApiUnprocessableEntityResponse({ description: 'a choice without a program for the grade, or an unknown student' })
  addApplication(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateApplicationDto) {
    return this.choice.addApplication(id, dto);
  }

  @Post(':id/run')
  @HttpCode(200)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Draw the lottery from the seed and run student-proposing deferred acceptance (publishes evt.enrollment.assignment.completed.v1)' })
  @ApiOkResponse({ type: RunSummaryResponse })
  @ApiConflictResponse({ description: 'offers were already answered' })
  run(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RunRoundDto) {
    return this.choice.run(id, dto.seed);
  }

  @Get(':id/results')
  @StudentData()
  @Roles(ROLES.enrollmentRead, ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Every application: lottery number, tiers per choice, assignment and waitlist positions' })
  @ApiOkResponse({ type: ResultPage })
  results(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: ResultsQuery, @CurrentUser() user: AuthUser) {
    return this.choice.results(id, q, user);
  }

  @Post(':id/applications/:applicationId/accept')
  @HttpCode(200)
  @StudentData()
  @Roles(ROLES.enrollmentWrite)
  accept(@Param('id', new ParseUUIDPipe()) id: string, @Param('applicationId', new ParseUUIDPipe()) applicationId: string) {
    return this.choice.accept(id, applicationId);
  }

  @Post(':id/programs/:programId/seats')
  @HttpCode(200)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Change a program\'s seats after the run: new or released seats go down the waitlist (the moves are returned)' })
  setSeats(@Param('id', new ParseUUIDPipe()) id: string, @Param('programId', new ParseUUIDPipe()) programId: string, @Body() dto: SetSeatsDto) {
    return this.choice.setSeats(id, programId, dto.seats);
  }

  @Post(':id/applications/:applicationId/decline')
  @HttpCode(200)
  @StudentData()
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Decline an offer: the seat moves down the waitlist (the moves are returned)' })
  decline(@Param('id', new ParseUUIDPipe()) id: string, @Param('applicationId', new ParseUUIDPipe()) applicationId: string) {
    return this.choice.decline(id, applicationId);
  }
}
