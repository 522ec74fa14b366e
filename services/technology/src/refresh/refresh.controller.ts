import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { TechnologyClock } from '../common/clock';
import { RefreshPlanQuery, RefreshPlanResponse } from './dto/refresh.dto';
import { RefreshService } from './refresh.service';

@ApiTags('refresh')
@Controller('api/refresh-plan')
export class RefreshController {
  constructor(
    private readonly refresh: RefreshService,
    private readonly clock: TechnologyClock,
  ) {}

  @Get()
  @Roles(ROLES.coo, ROLES.technologyRead, ROLES.technologyWrite)
  @ApiOperation({ summary: 'Devices falling due for refresh (past the cycle, default 4 years, or the auto-update expiration) by school and school year, with estimated replacement cost' })
  @ApiOkResponse({ type: RefreshPlanResponse })
  plan(@Query() q: RefreshPlanQuery, @CurrentUser() user: AuthUser) {
    return this.refresh.plan(q.schoolId, this.clock.dateOr(q.date), user);
  }
}
