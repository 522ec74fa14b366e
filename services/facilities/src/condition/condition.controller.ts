import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { ConditionService } from './condition.service';
import { CorrectDeficiencyDto, CreateDeficiencyDto, DeficiencyPage, DeficiencyQuery, DeficiencyResponse, FciResponse } from './dto/deficiency.dto';

@ApiTags('condition')
@Controller('api')
export class ConditionController {
  constructor(private readonly condition: ConditionService) {}

  @Post('deficiencies')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Record a deficiency with its estimated cost (raises the building's FCI)" })
  @ApiCreatedResponse({ type: DeficiencyResponse })
  @ApiUnprocessableEntityResponse({ description: 'no such building or asset' })
  create(@Body() dto: CreateDeficiencyDto, @CurrentUser() user: AuthUser) {
    return this.condition.create(dto, user);
  }

  @Get('deficiencies')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Deficiencies, costliest first' })
  @ApiOkResponse({ type: DeficiencyPage })
  list(@Query() q: DeficiencyQuery, @CurrentUser() user: AuthUser) {
    return this.condition.list(q, user);
  }

  @Get('deficiencies/:id')
  @Roles(...READERS)
  @ApiOkResponse({ type: DeficiencyResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.condition.get(id, user);
  }

  @Post('deficiencies/:id/correct')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Mark a deficiency corrected (lowers the FCI from that month on)' })
  @ApiOkResponse({ type: DeficiencyResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'corrected already' })
  correct(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CorrectDeficiencyDto, @CurrentUser() user: AuthUser) {
    return this.condition.correct(id, dto, user);
  }

  @Get('fci')
  @Roles(...READERS)
  @ApiOperation({ summary: 'District Facility Condition Index, its band, and buildings per band (per building: GET /api/buildings)' })
  @ApiOkResponse({ type: FciResponse })
  fci(@CurrentUser() user: AuthUser) {
    return this.condition.districtFci(user);
  }
}
