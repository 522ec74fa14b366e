import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { ClosuresService } from './closures.service';
import { ChangeClosureDto, ClosurePage, ClosureQuery, ClosureResponse, DeclareClosureDto, LiftClosureDto } from './dto/closure.dto';

@ApiTags('closures')
@Controller('api/closures')
export class ClosuresController {
  constructor(private readonly closures: ClosuresService) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Declare a building closure, emergency or planned (publishes evt.facilities.building.closed.v1)' })
  @ApiCreatedResponse({ type: ClosureResponse })
  @ApiBadRequestResponse({ description: 'invalid fields, listed in `errors`' })
  @ApiUnprocessableEntityResponse({ description: 'dates out of order, or no such school or building' })
  @ApiConflictResponse({ description: 'the building has a closure on some of these days' })
  declare(@Body() dto: DeclareClosureDto, @CurrentUser() user: AuthUser) {
    return this.closures.declare(dto, user);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Closures, latest first; `activeOn` lists those keeping a building closed that day' })
  @ApiOkResponse({ type: ClosurePage })
  list(@Query() q: ClosureQuery, @CurrentUser() user: AuthUser) {
    return this.closures.list(q, user);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: ClosureResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.closures.get(id, user);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Change a closure's dates, reason or kind (publishes evt.facilities.building.closed.v1 with the next version)" })
  @ApiOkResponse({ type: ClosureResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'lifted already, or overlapping another closure' })
  change(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ChangeClosureDto, @CurrentUser() user: AuthUser) {
    return this.closures.change(id, dto, user);
  }

  @Post(':id/lift')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Reopen: lift a closure from a day on, or cancel it (publishes evt.facilities.building.reopened.v1)' })
  @ApiOkResponse({ type: ClosureResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'lifted already' })
  @ApiUnprocessableEntityResponse({ description: 'liftedFrom outside the closure' })
  lift(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: LiftClosureDto, @CurrentUser() user: AuthUser) {
    return this.closures.lift(id, dto, user);
  }
}
