import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, ProblemException, Roles, StudentData } from '@district/service-kit';
import { ApplicationDecisionResponse, AsOfQuery, DirectCertificationImportResponse, HouseholdApplicationDto, StudentEligibilityResponse } from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';

/** Eligibility is sensitive (USDA restricts its disclosure): food roles plus student-records only. */
@ApiTags('eligibility')
@Controller('api/eligibility')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Post('direct-certifications')
  @HttpCode(201)
  @StudentData()
  @Roles(ROLES.foodWrite)
  @ApiOperation({
    summary: 'Import a direct certification match file (text/csv): columns student_id or local_id, program (SNAP, TANF, FDPIR, FOSTER, HOMELESS, MIGRANT, RUNAWAY, HEAD_START), certified_on. Extends to each household through sibling links. District-wide callers only.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'local_id,program,certified_on\nS0000001,SNAP,2026-08-15\n' } })
  @ApiCreatedResponse({ type: DirectCertificationImportResponse })
  @ApiUnprocessableEntityResponse({ description: 'the file is malformed or lacks a needed column' })
  importDirectCertification(@Body() body: unknown, @Headers('x-file-name') fileName: string | undefined, @CurrentUser() user: AuthUser) {
    if (user.schools) throw new ProblemException(403, 'direct certification covers the whole district: a school-scoped caller cannot import it');
    if (typeof body !== 'string' || !body.trim()) throw new ProblemException(400, 'send the file as the request body with Content-Type: text/csv');
    return this.eligibility.importDirectCertification(body, fileName?.slice(0, 200) ?? null, user);
  }

  @Post('applications')
  @HttpCode(201)
  @StudentData()
  @Roles(ROLES.foodWrite)
  @ApiOperation({ summary: 'Decide a household application against the income table in effect on the day received: free at or below the free limit (130 %), reduced at or below the reduced limit (185 %), else paid' })
  @ApiCreatedResponse({ type: ApplicationDecisionResponse })
  @ApiUnprocessableEntityResponse({ description: 'an unknown student, or no income table on or before the date' })
  decide(@Body() dto: HouseholdApplicationDto, @CurrentUser() user: AuthUser) {
    return this.eligibility.decideApplication(dto, user);
  }

  @Get('students/:studentId')
  @StudentData()
  @Roles(ROLES.foodRead, ROLES.foodWrite)
  @ApiOperation({ summary: "A student's meal account, category on a date and the full history of determinations" })
  @ApiOkResponse({ type: StudentEligibilityResponse })
  @ApiNotFoundResponse()
  student(@Param('studentId', new ParseUUIDPipe()) studentId: string, @Query() q: AsOfQuery, @CurrentUser() user: AuthUser) {
    return this.eligibility.studentEligibility(studentId, q.asOf, user);
  }
}
