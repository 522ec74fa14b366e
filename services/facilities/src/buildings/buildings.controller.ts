import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { READERS, WRITERS } from '../common/roles';
import { BuildingsService } from './buildings.service';
import { AssetListQuery, AssetPage, AssetResponse, BuildingListQuery, BuildingPage, BuildingResponse, CreateAssetDto, CreateBuildingDto, UpdateBuildingDto } from './dto/building.dto';

@ApiTags('buildings')
@Controller('api')
export class BuildingsController {
  constructor(private readonly buildings: BuildingsService) {}

  @Get('buildings')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Buildings with square feet, year built, replacement value, vacancy and FCI (a school-scoped caller sees its schools only)' })
  @ApiOkResponse({ type: BuildingPage })
  list(@Query() q: BuildingListQuery, @CurrentUser() user: AuthUser) {
    return this.buildings.list(q, user);
  }

  @Post('buildings')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Add a building (a school's main building is created when the school appears in enrollment's events)" })
  @ApiCreatedResponse({ type: BuildingResponse })
  @ApiBadRequestResponse({ description: 'invalid fields, listed in `errors`' })
  @ApiUnprocessableEntityResponse({ description: 'unknown school' })
  create(@Body() dto: CreateBuildingDto, @CurrentUser() user: AuthUser) {
    return this.buildings.create(dto, user);
  }

  @Get('buildings/:id')
  @Roles(...READERS)
  @ApiOkResponse({ type: BuildingResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.buildings.get(id, user);
  }

  @Patch('buildings/:id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Record a building's figures: square feet, year built, current replacement value, vacancy" })
  @ApiOkResponse({ type: BuildingResponse })
  @ApiNotFoundResponse()
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateBuildingDto, @CurrentUser() user: AuthUser) {
    return this.buildings.update(id, dto, user);
  }

  @Post('buildings/:id/assets')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Add an asset (boiler, roof, HVAC, kitchen equipment, ...) with its install year and expected life' })
  @ApiCreatedResponse({ type: AssetResponse })
  @ApiNotFoundResponse()
  addAsset(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateAssetDto, @CurrentUser() user: AuthUser) {
    return this.buildings.addAsset(id, dto, user);
  }

  @Get('assets')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Assets, soonest end of life first; `pastLifeIn=2026` lists those due for replacement' })
  @ApiOkResponse({ type: AssetPage })
  assets(@Query() q: AssetListQuery, @CurrentUser() user: AuthUser) {
    return this.buildings.assets(q, user);
  }
}
