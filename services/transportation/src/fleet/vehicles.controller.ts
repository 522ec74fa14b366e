import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { Roles } from '@district/service-kit';
import { CreateVehicleDto, UpdateVehicleDto, VehiclePage, VehicleQuery, VehicleView } from './dto/vehicle.dto';
import { VehiclesService } from './vehicles.service';

const READ = [ROLES.transportationRead, ROLES.transportationWrite, ROLES.coo];

@ApiTags('fleet')
@Controller('api/vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Post()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Add a vehicle to the fleet (409 when its number exists)' })
  @ApiCreatedResponse({ type: VehicleView })
  create(@Body() dto: CreateVehicleDto) {
    return this.vehicles.create(dto);
  }

  @Get()
  @Roles(...READ)
  @ApiOperation({ summary: 'The fleet, by status and operator' })
  @ApiOkResponse({ type: VehiclePage })
  list(@Query() q: VehicleQuery) {
    return this.vehicles.list(q);
  }

  @Get(':id')
  @Roles(...READ)
  @ApiOperation({ summary: 'One vehicle' })
  @ApiOkResponse({ type: VehicleView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.vehicles.get(id);
  }

  @Patch(':id')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Change a vehicle; retiring one that serves active runs, or cutting seats below a run’s assigned students, is 409' })
  @ApiOkResponse({ type: VehicleView })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateVehicleDto) {
    return this.vehicles.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Delete a vehicle entered by mistake (409 once it has runs or records: retire it instead)' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseUUIDPipe) id: string) {
    return this.vehicles.remove(id);
  }
}
