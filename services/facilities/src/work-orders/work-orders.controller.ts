import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { CreateWorkOrderDto, OverdueQuery, TransitionDto, UpdateWorkOrderDto, WorkOrderDetail, WorkOrderPage, WorkOrderQuery } from './dto/work-order.dto';
import { WorkOrdersService } from './work-orders.service';

@ApiTags('work orders')
@Controller('api/work-orders')
export class WorkOrdersController {
  constructor(private readonly workOrders: WorkOrdersService) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Request a work order; its target follows from its priority. An emergency can close the building in the same step (`closeBuilding`).' })
  @ApiCreatedResponse({ type: WorkOrderDetail })
  @ApiBadRequestResponse({ description: 'invalid fields, listed in `errors`' })
  @ApiUnprocessableEntityResponse({ description: 'no such school, building or asset; scheduled work without a due date' })
  @ApiConflictResponse({ description: 'the building already has a closure on those days' })
  create(@Body() dto: CreateWorkOrderDto, @CurrentUser() user: AuthUser) {
    return this.workOrders.create(dto, user);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Work orders, newest first, by school, building, status, priority, age (days since requested), overdue, preventive' })
  @ApiOkResponse({ type: WorkOrderPage })
  list(@Query() q: WorkOrderQuery, @CurrentUser() user: AuthUser) {
    return this.workOrders.list(q, user);
  }

  @Get('overdue')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Open work orders past their priority target, most overdue first' })
  @ApiOkResponse({ type: WorkOrderPage })
  overdue(@Query() q: OverdueQuery, @CurrentUser() user: AuthUser) {
    return this.workOrders.overdue(q, user);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A work order with its full status history' })
  @ApiOkResponse({ type: WorkOrderDetail })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.workOrders.get(id, user);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Change status: assign (to a trade crew or contractor), start, hold, complete (with labor hours and costs) or cancel' })
  @ApiOkResponse({ type: WorkOrderDetail })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'not allowed from the current status' })
  @ApiUnprocessableEntityResponse({ description: 'missing assignee, or a time before the previous change' })
  transition(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TransitionDto, @CurrentUser() user: AuthUser) {
    return this.workOrders.transition(id, dto, user);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Triage (priority, due date, trade) or record labor hours and costs' })
  @ApiOkResponse({ type: WorkOrderDetail })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'cancelled, or re-triaging a completed work order' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateWorkOrderDto, @CurrentUser() user: AuthUser) {
    return this.workOrders.update(id, dto, user);
  }
}
