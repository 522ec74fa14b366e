import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, PageQuery, Roles } from '@district/service-kit';
import { CepService } from './cep.service';
import { CepElectionDto, CepElectionPage, CepElectionResponse, IspQuery, SchoolIspPage } from './dto/cep.dto';

const READERS = [ROLES.coo, ROLES.foodRead, ROLES.foodWrite];

@ApiTags('cep')
@Controller('api/cep')
export class CepController {
  constructor(private readonly cep: CepService) {}

  @Post('elections')
  @HttpCode(201)
  @Roles(ROLES.foodWrite)
  @ApiOperation({ summary: 'Elect a school or group into CEP: ISP = identified ÷ enrolled on `asOf` (from the census), free claiming % = min(ISP × 1.6, 100 %), computed, never typed in' })
  @ApiCreatedResponse({ type: CepElectionResponse })
  @ApiUnprocessableEntityResponse({ description: 'ISP below the minimum (25 % by default), unknown schools, or nobody enrolled' })
  @ApiConflictResponse({ description: 'a school already has an election starting on or after effectiveFrom' })
  elect(@Body() dto: CepElectionDto, @CurrentUser() user: AuthUser) {
    return this.cep.elect(dto, user);
  }

  @Get('elections')
  @Roles(...READERS)
  @ApiOperation({ summary: 'CEP elections with their ISP and claiming percentages' })
  @ApiOkResponse({ type: CepElectionPage })
  list(@Query() q: PageQuery) {
    return this.cep.list(q.limit, q.offset);
  }

  @Get('isp')
  @Roles(...READERS)
  @ApiOperation({ summary: "Each school's identified student percentage on a day and whether it qualifies for CEP alone" })
  @ApiOkResponse({ type: SchoolIspPage })
  isp(@Query() q: IspQuery, @CurrentUser() user: AuthUser) {
    return this.cep.ispBySchool(q, user);
  }
}
