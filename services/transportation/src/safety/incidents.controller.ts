import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { Roles } from '@district/service-kit';
import { CreateIncidentDto, IncidentPage, IncidentQuery, IncidentView } from './dto/incident.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('safety')
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Record an incident or an accident of a vehicle on a date' })
  @ApiCreatedResponse({ type: IncidentView })
  create(@Body() dto: CreateIncidentDto) {
    return this.incidents.create(dto);
  }

  @Get()
  @Roles(ROLES.transportationRead, ROLES.transportationWrite, ROLES.coo)
  @ApiOperation({ summary: 'Incidents and accidents, newest first, by type, vehicle and dates' })
  @ApiOkResponse({ type: IncidentPage })
  list(@Query() q: IncidentQuery) {
    return this.incidents.list(q);
  }

  @Get(':id')
  @Roles(ROLES.transportationRead, ROLES.transportationWrite, ROLES.coo)
  @ApiOperation({ summary: 'One incident or accident' })
  @ApiOkResponse({ type: IncidentView })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.incidents.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Delete a record entered by mistake' })
  @ApiNoContentResponse()
  remove(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.incidents.remove(id);
  }
}
