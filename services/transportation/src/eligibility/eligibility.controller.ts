import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles, StudentData } from '@district/service-kit';
import { EligibilityPage, EligibilityQuery } from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';

@ApiTags('eligibility')
@Controller('api/eligibility')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Get()
  @StudentData()
  @Roles(ROLES.transportationRead, ROLES.transportationWrite)
  @ApiOperation({ summary: "Students' transportation eligibility, by school and status. Needs student-records; school-scoped callers see their schools only." })
  @ApiOkResponse({ type: EligibilityPage })
  list(@Query() q: EligibilityQuery, @CurrentUser() user: AuthUser) {
    return this.eligibility.list(q, user);
  }
}
