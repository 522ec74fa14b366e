import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { CreatePmScheduleDto, GenerateResponse, PmSchedulePage, PmScheduleQuery, PmScheduleResponse, UpdatePmScheduleDto } from './dto/pm.dto';
import { PmService } from './pm.service';

@ApiTags('preventive maintenance')
@Controller('api/pm-schedules')
export class PmController {
  constructor(private readonly pm: PmService) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: "A preventive-maintenance schedule for an asset, every N days or months; a work order is generated for each due date (PM_LEAD_DAYS ahead)" })
  @ApiCreatedResponse({ type: PmScheduleResponse })
  @ApiUnprocessableEntityResponse({ description: 'no such asset' })
  create(@Body() dto: CreatePmScheduleDto, @CurrentUser() user: AuthUser) {
    return this.pm.create(dto, user);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Schedules, next due first' })
  @ApiOkResponse({ type: PmSchedulePage })
  list(@Query() q: PmScheduleQuery, @CurrentUser() user: AuthUser) {
    return this.pm.list(q, user);
  }

  @Post('generate')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Generate the work orders due now instead of waiting for the next tick (each due date still yields one work order)' })
  @ApiOkResponse({ type: GenerateResponse })
  async generate(): Promise<GenerateResponse> {
    return { generated: await this.pm.generateDue() };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: PmScheduleResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.pm.get(id, user);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Pause or resume a schedule, rename it, change its trade' })
  @ApiOkResponse({ type: PmScheduleResponse })
  @ApiNotFoundResponse()
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdatePmScheduleDto, @CurrentUser() user: AuthUser) {
    return this.pm.update(id, dto, user);
  }
}
