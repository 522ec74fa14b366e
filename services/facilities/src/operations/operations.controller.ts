import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { StaffingDto, StaffingPage, StaffingQuery, StaffingResponse, UtilityBillPage, UtilityBillQuery, UtilityBillsDto, UtilityBillsSaved } from './dto/operations.dto';
import { OperationsService } from './operations.service';

@ApiTags('custodial staffing and utilities')
@Controller('api')
export class OperationsController {
  constructor(private readonly ops: OperationsService) {}

  @Put('buildings/:id/custodial-staffing')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Set a building's custodial FTEs from a date on" })
  @ApiOkResponse({ type: StaffingResponse })
  @ApiNotFoundResponse()
  setStaffing(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StaffingDto, @CurrentUser() user: AuthUser) {
    return this.ops.setStaffing(id, dto, user);
  }

  @Get('custodial-staffing')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Custodial FTEs per building on a date, with square feet per FTE' })
  @ApiOkResponse({ type: StaffingPage })
  staffing(@Query() q: StaffingQuery, @CurrentUser() user: AuthUser) {
    return this.ops.staffing(q, user);
  }

  @Post('utility-bills')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record monthly utility bills (electricity, heating fuel, water, sewer), up to 500 per call' })
  @ApiOkResponse({ type: UtilityBillsSaved })
  @ApiUnprocessableEntityResponse({ description: 'unknown buildings or a repeated bill, listed in `errors`' })
  saveBills(@Body() dto: UtilityBillsDto, @CurrentUser() user: AuthUser) {
    return this.ops.saveBills(dto, user);
  }

  @Get('utility-bills')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Utility bills, latest month first' })
  @ApiOkResponse({ type: UtilityBillPage })
  bills(@Query() q: UtilityBillQuery, @CurrentUser() user: AuthUser) {
    return this.ops.bills(q, user);
  }
}
