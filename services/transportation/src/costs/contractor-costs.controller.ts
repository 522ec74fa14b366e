import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { Roles } from '@district/service-kit';
import { ContractorCostsService } from './contractor-costs.service';
import { CostPage, CostQuery, CostView, CreateCostDto, UpdateCostDto } from './dto/cost.dto';

@ApiTags('costs')
@Controller('api/contractor-costs')
export class ContractorCostsController {
  constructor(private readonly costs: ContractorCostsService) {}

  @Post()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Record a month’s cost of a contractor (409 when that month and contractor exist: PATCH it)' })
  @ApiCreatedResponse({ type: CostView })
  create(@Body() dto: CreateCostDto) {
    return this.costs.create(dto);
  }

  @Get()
  @Roles(ROLES.transportationRead, ROLES.transportationWrite, ROLES.coo)
  @ApiOperation({ summary: 'Monthly costs by contractor' })
  @ApiOkResponse({ type: CostPage })
  list(@Query() q: CostQuery) {
    return this.costs.list(q);
  }

  @Patch(':id')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Correct a month’s cost' })
  @ApiOkResponse({ type: CostView })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCostDto) {
    return this.costs.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Delete a cost entered by mistake' })
  @ApiNoContentResponse()
  remove(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.costs.remove(id);
  }
}
