import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, ProblemException, Roles } from '@district/service-kit';
import { PRIORITIES, Priority } from './domain/sla';
import { OpenTicketDto, OverduePage, OverdueQuery, ResolveDto, RespondDto, SlaTargetDto, SlaTargetResponse, TicketPage, TicketQuery, TicketResponse } from './dto/ticket.dto';
import { TicketsService } from './tickets.service';

const READERS = [ROLES.coo, ROLES.technologyRead, ROLES.technologyWrite];

@ApiTags('help desk')
@Controller('api/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: "Open a ticket; its response and resolution targets come from its priority's SLA" })
  @ApiCreatedResponse({ type: TicketResponse })
  @ApiUnprocessableEntityResponse({ description: 'unknown device, or openedAt in the future' })
  open(@Body() dto: OpenTicketDto, @CurrentUser() user: AuthUser) {
    return this.tickets.open(dto, user);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: TicketPage })
  list(@Query() q: TicketQuery, @CurrentUser() user: AuthUser) {
    return this.tickets.list(q, user);
  }

  @Get('overdue')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Open tickets past their resolution target, or without a response past that target' })
  @ApiOkResponse({ type: OverduePage })
  overdue(@Query() q: OverdueQuery, @CurrentUser() user: AuthUser) {
    return this.tickets.overdue(q, user);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: TicketResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.tickets.get(id, user);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Record the first response (idempotent)' })
  @ApiOkResponse({ type: TicketResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'resolved already' })
  respond(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RespondDto, @CurrentUser() user: AuthUser) {
    return this.tickets.respond(id, dto.at, user);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOkResponse({ type: TicketResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'resolved already' })
  resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResolveDto, @CurrentUser() user: AuthUser) {
    return this.tickets.resolve(id, dto, user);
  }
}

@ApiTags('help desk')
@Controller('api/help-desk/sla-targets')
export class SlaTargetsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'SLA targets per priority (configuration)' })
  @ApiOkResponse({ type: [SlaTargetResponse] })
  list() {
    return this.tickets.targets();
  }

  @Put(':priority')
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: "Set a priority's targets (applies to tickets opened from now on)" })
  @ApiParam({ name: 'priority', enum: PRIORITIES })
  @ApiOkResponse({ type: SlaTargetResponse })
  @ApiUnprocessableEntityResponse({ description: 'response target above the resolution target' })
  set(@Param('priority') priority: string, @Body() dto: SlaTargetDto) {
    if (!(PRIORITIES as readonly string[]).includes(priority)) throw new ProblemException(404, `no priority ${priority} (one of ${PRIORITIES.join(', ')})`);
    return this.tickets.setTarget(priority as Priority, dto);
  }
}
