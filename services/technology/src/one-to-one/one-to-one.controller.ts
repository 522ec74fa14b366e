import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, PageQuery, Roles, StudentData, assertSchoolScope } from '@district/service-kit';
import { TechnologyClock } from '../common/clock';
import {
  AssignQueuedDto, AssignQueuedResult, OneToOneConfigPage, OneToOneConfigResult, OneToOneConfigRow, QueuePage, QueueQuery, SetOneToOneGradesDto,
} from './dto/one-to-one.dto';
import { OneToOneService } from './one-to-one.service';

const READERS = [ROLES.coo, ROLES.technologyRead, ROLES.technologyWrite];

@ApiTags('one-to-one')
@Controller('api/one-to-one')
export class OneToOneController {
  constructor(
    private readonly oneToOne: OneToOneService,
    private readonly clock: TechnologyClock,
  ) {}

  @Get('schools')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Schools with 1:1 grades (configuration)' })
  @ApiOkResponse({ type: OneToOneConfigPage })
  list(@Query() q: PageQuery, @CurrentUser() user: AuthUser) {
    return this.oneToOne.listConfig(q, user);
  }

  @Get('schools/:schoolId')
  @Roles(...READERS)
  @ApiOperation({ summary: "A school's 1:1 grades ([] when it is not a 1:1 school)" })
  @ApiOkResponse({ type: OneToOneConfigRow })
  get(@Param('schoolId', new ParseUUIDPipe()) schoolId: string, @CurrentUser() user: AuthUser) {
    assertSchoolScope(user, schoolId);
    return this.oneToOne.getConfig(schoolId);
  }

  @Put('schools/:schoolId')
  @Roles(ROLES.technologyWrite)
  @ApiOperation({
    summary: "Set a school's 1:1 grades",
    description: 'Students enrolled in a newly 1:1 grade who hold no device join the queue and get devices from stock; students in a grade that is no longer 1:1 leave the queue (devices they hold stay with them).',
  })
  @ApiOkResponse({ type: OneToOneConfigResult })
  @ApiUnprocessableEntityResponse({ description: 'an unknown or repeated grade' })
  set(@Param('schoolId', new ParseUUIDPipe()) schoolId: string, @Body() dto: SetOneToOneGradesDto, @CurrentUser() user: AuthUser) {
    return this.oneToOne.setGrades(schoolId, dto.grades, user, this.clock.dateOr(dto.date));
  }

  @Get('queue')
  @StudentData()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Students waiting for a 1:1 device for lack of stock, in queue order per school. Needs student-records.' })
  @ApiOkResponse({ type: QueuePage })
  queue(@Query() q: QueueQuery, @CurrentUser() user: AuthUser) {
    return this.oneToOne.queue(q, user);
  }

  @Post('queue/assign')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Give waiting students the devices in stock at their school, in queue order (happens by itself whenever stock arrives; this is the manual pass)' })
  @ApiOkResponse({ type: AssignQueuedResult })
  @ApiNotFoundResponse()
  assign(@Body() dto: AssignQueuedDto, @CurrentUser() user: AuthUser) {
    return this.oneToOne.assignQueued(dto.schoolId, user, this.clock.dateOr(dto.date));
  }
}
