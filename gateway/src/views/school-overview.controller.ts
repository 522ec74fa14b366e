import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { SchoolOverviewResponse } from './dto/school-overview.response';
import { SchoolOverviewService } from './school-overview.service';

@ApiTags('views')
@Controller('api/schools')
export class SchoolOverviewController {
  constructor(private readonly overviews: SchoolOverviewService) {}

  @Get(':id/overview')
  @Roles(ROLES.coo, ROLES.enrollmentRead, ROLES.transportationRead)
  @ApiOperation({
    summary: 'One school across departments: enrollment and transportation, asked in parallel',
    description: 'A department that does not answer within its timeout (or whose circuit is open) leaves its section null and is marked `unavailable` in `sources`; the answer is still 200.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'school id' })
  @ApiOkResponse({ type: SchoolOverviewResponse })
  @ApiBadRequestResponse({ description: 'id is not a UUID' })
  @ApiNotFoundResponse({ description: 'enrollment knows no such school' })
  overview(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser): Promise<SchoolOverviewResponse> {
    return this.overviews.overview(id, user);
  }
}
