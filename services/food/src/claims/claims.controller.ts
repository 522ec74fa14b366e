import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { ClaimsService } from './claims.service';
import { ClaimResponse, MonthParam, MonthSchoolParam } from './dto/claims.dto';

const READERS = [ROLES.coo, ROLES.foodRead, ROLES.foodWrite];

@ApiTags('claims')
@Controller('api/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get(':month')
  @Roles(...READERS)
  @ApiOperation({ summary: "The month's reimbursement claim: meals × the dated rates per meal type and category, CEP schools split by claiming percentage, after edit checks (meals per category per day never above the eligible students)" })
  @ApiOkResponse({ type: ClaimResponse })
  @ApiUnprocessableEntityResponse({ description: 'no rate table on or before a day of the month' })
  month(@Param() p: MonthParam, @CurrentUser() user: AuthUser) {
    return this.claims.monthClaim(p.month, undefined, user);
  }

  @Get(':month/schools/:schoolId')
  @Roles(...READERS)
  @ApiOperation({ summary: "One school's part of the month's claim" })
  @ApiOkResponse({ type: ClaimResponse })
  @ApiNotFoundResponse()
  school(@Param() p: MonthSchoolParam, @CurrentUser() user: AuthUser) {
    return this.claims.monthClaim(p.month, p.schoolId, user);
  }
}
