import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { CostsService } from './costs.service';
import { CostsPage, CostsParam, CostsQuery, MonthCostsDto, MonthCostsResponse } from './dto/costs.dto';

@ApiTags('costs')
@Controller('api/costs')
export class CostsController {
  constructor(private readonly costs: CostsService) {}

  @Put(':schoolId/:month')
  @Roles(ROLES.foodWrite)
  @ApiOperation({ summary: "Record (or correct) a school kitchen's labor hours, costs and other revenue for a month" })
  @ApiOkResponse({ type: MonthCostsResponse })
  @ApiNotFoundResponse({ description: 'no such school' })
  put(@Param() p: CostsParam, @Body() dto: MonthCostsDto, @CurrentUser() user: AuthUser) {
    return this.costs.put(p.schoolId, p.month, dto, user);
  }

  @Get()
  @Roles(ROLES.coo, ROLES.foodRead, ROLES.foodWrite)
  @ApiOperation({ summary: 'Labor hours and costs per school and month' })
  @ApiOkResponse({ type: CostsPage })
  list(@Query() q: CostsQuery, @CurrentUser() user: AuthUser) {
    return this.costs.list(q, user);
  }
}
