import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { Roles } from '@district/service-kit';
import { CreateUnitDto, UnitPage, UnitQuery, UnitView, UpdateUnitDto } from './dto/unit.dto';
import { UnitsService } from './units.service';

@ApiTags('bargaining units')
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Adds a bargaining unit. A name already used is 409.' })
  @ApiCreatedResponse({ type: UnitView })
  create(@Body() dto: CreateUnitDto) {
    return this.units.create(dto);
  }

  @Get()
  @Roles(ROLES.laborRead, ROLES.laborWrite, ROLES.coo)
  @ApiOperation({ summary: 'Bargaining units with their current and pending contracts.' })
  @ApiOkResponse({ type: UnitPage })
  list(@Query() q: UnitQuery) {
    return this.units.list(q);
  }

  @Get(':id')
  @Roles(ROLES.laborRead, ROLES.laborWrite, ROLES.coo)
  @ApiOperation({ summary: 'One bargaining unit.' })
  @ApiOkResponse({ type: UnitView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.units.get(id);
  }

  @Patch(':id')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: "Changes a unit's name, union, local or employee count." })
  @ApiOkResponse({ type: UnitView })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUnitDto) {
    return this.units.update(id, dto);
  }
}
