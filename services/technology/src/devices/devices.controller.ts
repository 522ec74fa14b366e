import type { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, PageQuery, ProblemException, Roles, StudentData } from '@district/service-kit';
import { TechnologyClock } from '../common/clock';
import { DatedAction } from '../common/dto';
import { TechnologyEnv } from '../config';
import { DeviceCareService } from './device-care.service';
import { DevicesService } from './devices.service';
import {
  AssignmentPage, AssignmentRow, CheckoutLoanerDto, CloseRepairDto, CreateDeviceDto, DevicePage, DeviceQuery, DeviceResponse, FoundDto, ImportQuery, ImportResult,
  LoanerQuery, MarkLostDto, OpenRepairDto, RepairPage, RepairQuery, RepairResponse, ReturnDeviceDto, ReturnTaskPage, ReturnTaskQuery, StatusHistoryPage,
} from './dto/device.dto';

const READERS = [ROLES.coo, ROLES.technologyRead, ROLES.technologyWrite];
export const CSV_CONTENT_TYPES = ['text/csv'];

async function readBody(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new ProblemException(413, `the file is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

@ApiTags('devices')
@Controller('api/devices')
export class DevicesController {
  constructor(
    private readonly devices: DevicesService,
    private readonly clock: TechnologyClock,
    private readonly env: TechnologyEnv,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Add a device in stock at a school (waiting students at that school get it)' })
  @ApiCreatedResponse({ type: DeviceResponse })
  @ApiConflictResponse({ description: 'a device with this serial exists' })
  create(@Body() dto: CreateDeviceDto, @CurrentUser() user: AuthUser) {
    return this.devices.create(dto, user, this.clock.dateOr(dto.date));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Devices by school, status, type or serial' })
  @ApiOkResponse({ type: DevicePage })
  list(@Query() q: DeviceQuery, @CurrentUser() user: AuthUser) {
    return this.devices.list(q, user);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({
    summary: 'Import devices from CSV, updating existing ones by serial',
    description:
      'Columns: serial, model, type, purchase_date, school_code (required); warranty_end, auto_update_expiration, status (in-stock or retired), loaner_pool (optional). ' +
      'One transaction with batched writes. Each rejected row is reported with its line and reason; with onError=abort (default) any rejection means nothing is applied (422). ' +
      'A device someone holds, in repair or lost keeps its school and status. New stock is given to students waiting at the school.',
  })
  @ApiConsumes(...CSV_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', example: 'serial,model,type,purchase_date,school_code\n5CD1234XYZ,Dell Chromebook 3110,chromebook,2024-08-01,4061\n' } })
  @ApiOkResponse({ type: ImportResult })
  @ApiUnprocessableEntityResponse({ description: 'an unreadable file or header, or rejected rows with onError=abort (listed in `rejected`)' })
  @ApiPayloadTooLargeResponse({ description: 'larger than DEVICE_IMPORT_MAX_BYTES' })
  async import(@Req() req: FastifyRequest, @Query() q: ImportQuery, @CurrentUser() user: AuthUser) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!CSV_CONTENT_TYPES.includes(type)) throw new ProblemException(415, 'send the file as text/csv');
    const csv = await readBody(req.body as Readable, this.env.DEVICE_IMPORT_MAX_BYTES);
    return this.devices.import(csv, q.onError, user, this.clock.today());
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: DeviceResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.devices.get(id, user);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: "The device's every status change: from, to, who, when, why" })
  @ApiOkResponse({ type: StatusHistoryPage })
  @ApiNotFoundResponse()
  history(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQuery, @CurrentUser() user: AuthUser) {
    return this.devices.history(id, q, user);
  }

  @Get(':id/assignments')
  @StudentData()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Who has held the device, newest first. Needs student-records.' })
  @ApiOkResponse({ type: AssignmentPage })
  @ApiNotFoundResponse()
  assignments(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQuery, @CurrentUser() user: AuthUser) {
    return this.devices.assignments(id, q, user);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'The device came back: assignment ended, return task closed, back in stock; waiting students get it' })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'nobody holds the device' })
  returnDevice(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReturnDeviceDto, @CurrentUser() user: AuthUser) {
    return this.devices.returnDevice(id, dto.schoolId, user, this.clock.dateOr(dto.date));
  }

  @Post(':id/lost')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Mark lost or stolen: the assignment ends; a 1:1 student gets another device or joins the queue' })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'lost or retired already' })
  lost(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: MarkLostDto, @CurrentUser() user: AuthUser) {
    return this.devices.markLost(id, dto, user, this.clock.dateOr(dto.date));
  }

  @Post(':id/found')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'A lost device turned up: back in stock' })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'not lost' })
  found(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: FoundDto, @CurrentUser() user: AuthUser) {
    return this.devices.found(id, dto.schoolId, user, this.clock.dateOr(dto.date));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Retire a device in stock (or lost)' })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'held by someone or in repair' })
  retire(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DatedAction, @CurrentUser() user: AuthUser) {
    return this.devices.retire(id, user, this.clock.dateOr(dto.date));
  }
}

@ApiTags('return tasks')
@Controller('api/return-tasks')
export class ReturnTasksController {
  constructor(
    private readonly devices: DevicesService,
    private readonly clock: TechnologyClock,
  ) {}

  @Get()
  @StudentData()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Devices to collect from students who withdrew or transferred (open by default). Needs student-records.' })
  @ApiOkResponse({ type: ReturnTaskPage })
  list(@Query() q: ReturnTaskQuery, @CurrentUser() user: AuthUser) {
    return this.devices.returnTasks(q, user);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'The device was collected: same as returning the device' })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the task is closed' })
  complete(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReturnDeviceDto, @CurrentUser() user: AuthUser) {
    return this.devices.completeReturnTask(id, dto.schoolId, user, this.clock.dateOr(dto.date));
  }
}

@ApiTags('loaners')
@Controller('api/loaners')
export class LoanersController {
  constructor(
    private readonly care: DeviceCareService,
    private readonly clock: TechnologyClock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Lend a device of the loaner pool to a student (needs student-records) or a staff member' })
  @ApiCreatedResponse({ type: AssignmentRow })
  @ApiConflictResponse({ description: 'not a loaner, or not in stock' })
  checkout(@Body() dto: CheckoutLoanerDto, @CurrentUser() user: AuthUser) {
    return this.care.checkout(dto, user, this.clock.dateOr(dto.date));
  }

  @Get()
  @StudentData()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Loaners out, by due date (overdue=true: past due). Needs student-records.' })
  @ApiOkResponse({ type: AssignmentPage })
  list(@Query() q: LoanerQuery, @CurrentUser() user: AuthUser) {
    return this.care.loaners(q, user, this.clock.today());
  }

  @Post(':assignmentId/return')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'The loaner came back' })
  @ApiOkResponse({ type: AssignmentRow })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'back already' })
  returnLoaner(@Param('assignmentId', new ParseUUIDPipe()) id: string, @Body() dto: DatedAction, @CurrentUser() user: AuthUser) {
    return this.care.returnLoaner(id, user, this.clock.dateOr(dto.date));
  }
}

@ApiTags('repairs')
@Controller('api/repairs')
export class RepairsController {
  constructor(
    private readonly care: DeviceCareService,
    private readonly clock: TechnologyClock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Send a device for repair (its holder keeps the assignment)' })
  @ApiCreatedResponse({ type: RepairResponse })
  @ApiConflictResponse({ description: 'the device is lost, retired or in repair already' })
  open(@Body() dto: OpenRepairDto, @CurrentUser() user: AuthUser) {
    return this.care.openRepair(dto, user, this.clock.dateOr(dto.date));
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: RepairPage })
  list(@Query() q: RepairQuery, @CurrentUser() user: AuthUser) {
    return this.care.repairs(q, user);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: RepairResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.care.repair(id, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Close a repair: repaired (back to its holder or stock) or unrepairable (retired; a 1:1 student gets another device)' })
  @ApiOkResponse({ type: RepairResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'closed already' })
  close(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CloseRepairDto, @CurrentUser() user: AuthUser) {
    return this.care.closeRepair(id, dto, user, this.clock.dateOr(dto.date));
  }
}
