import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { AnswerDto, AppealDto, DeadlinePage, DeadlinesQuery, FileGrievanceDto, GrievancePage, GrievanceQuery, GrievanceView, WithdrawDto } from './dto/grievance.dto';
import { GrievancesService } from './grievances.service';

/** Grievances carry employee data (grievant names): labor roles only, school-scoped callers see their schools only. */
@ApiTags('grievances')
@Controller('api')
export class GrievancesController {
  constructor(private readonly grievances: GrievancesService) {}

  @Post('grievances')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: "Files a grievance at Step 1 under the unit's contract; refused (422) when filed after the contract's filing deadline. The answer's due date comes from the district calendar." })
  @ApiCreatedResponse({ type: GrievanceView })
  file(@Body() dto: FileGrievanceDto, @CurrentUser() user: AuthUser) {
    return this.grievances.file(dto, user);
  }

  @Get('grievances')
  @Roles(ROLES.laborRead, ROLES.laborWrite)
  @ApiOperation({ summary: 'Grievances, newest first, by status, school, unit and step.' })
  @ApiOkResponse({ type: GrievancePage })
  list(@Query() q: GrievanceQuery, @CurrentUser() user: AuthUser) {
    return this.grievances.list(q, user);
  }

  @Get('grievances/:id')
  @Roles(ROLES.laborRead, ROLES.laborWrite)
  @ApiOperation({ summary: 'One grievance with its steps (due dates, answers) and its history (missed deadlines included).' })
  @ApiOkResponse({ type: GrievanceView })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.grievances.get(id, user);
  }

  @Post('grievances/:id/answers')
  @HttpCode(200)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: "The employer's answer to the current step: denied opens the union's appeal window; sustained, settled or withdrawn close it. Late answers are recorded as late." })
  @ApiOkResponse({ type: GrievanceView })
  answer(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerDto, @CurrentUser() user: AuthUser) {
    return this.grievances.answer(id, dto, user);
  }

  @Post('grievances/:id/appeals')
  @HttpCode(200)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: "The union appeals to the next step, after a denial or a missed employer deadline, within its own deadline (409 once the grievance closed for a missed appeal)." })
  @ApiOkResponse({ type: GrievanceView })
  appeal(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AppealDto, @CurrentUser() user: AuthUser) {
    return this.grievances.appeal(id, dto, user);
  }

  @Post('grievances/:id/withdraw')
  @HttpCode(200)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'The union withdraws the grievance.' })
  @ApiOkResponse({ type: GrievanceView })
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawDto, @CurrentUser() user: AuthUser) {
    return this.grievances.withdraw(id, dto, user);
  }

  @Get('deadlines')
  @Roles(ROLES.laborRead, ROLES.laborWrite)
  @ApiOperation({ summary: 'What falls due within the window (`within=7d`, `2w`; 1 to 366 days) from today: grievance answers and appeals, contract expiries.' })
  @ApiOkResponse({ type: DeadlinePage })
  deadlines(@Query() q: DeadlinesQuery, @CurrentUser() user: AuthUser) {
    return this.grievances.deadlines(q, user);
  }
}
