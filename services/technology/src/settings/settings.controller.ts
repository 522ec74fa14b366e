import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { BandwidthContractDto, BandwidthContractResponse, BandwidthPage, BandwidthQuery, UnitCostDto, UnitCostResponse } from './dto/settings.dto';
import { SettingsService } from './settings.service';

const READERS = [ROLES.coo, ROLES.technologyRead, ROLES.technologyWrite];

@ApiTags('settings')
@Controller('api')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get('unit-costs')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Replacement cost per device type, and per model where recorded (used by the refresh plan)' })
  @ApiOkResponse({ type: [UnitCostResponse] })
  unitCosts() {
    return this.settings.unitCosts();
  }

  @Put('unit-costs')
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: 'Set the replacement cost of a type, or of one model' })
  @ApiOkResponse({ type: UnitCostResponse })
  setUnitCost(@Body() dto: UnitCostDto) {
    return this.settings.setUnitCost(dto);
  }

  @Get('bandwidth-contracts')
  @Roles(...READERS)
  @ApiOperation({ summary: "Schools' contracted internet bandwidth, dated (the newest on or before a date is in effect)" })
  @ApiOkResponse({ type: BandwidthPage })
  bandwidth(@Query() q: BandwidthQuery, @CurrentUser() user: AuthUser) {
    return this.settings.bandwidth(q, user);
  }

  @Put('bandwidth-contracts')
  @Roles(ROLES.technologyWrite)
  @ApiOperation({ summary: "Record a school's contracted Kbps from a date" })
  @ApiOkResponse({ type: BandwidthContractResponse })
  setBandwidth(@Body() dto: BandwidthContractDto, @CurrentUser() user: AuthUser) {
    return this.settings.setBandwidth(dto, user);
  }
}
