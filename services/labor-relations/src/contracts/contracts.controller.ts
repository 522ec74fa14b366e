import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { Roles } from '@district/service-kit';
import { ContractsService } from './contracts.service';
import { ContractPage, ContractQuery, ContractView, CreateContractDto, RatifyDto, TentativeAgreementReachedDto, UpdateContractDto } from './dto/contract.dto';

@ApiTags('contracts')
@Controller('api/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @Roles(ROLES.laborWrite)
  @ApiOperation({
    summary: 'Records a contract: a successor to negotiate (no ratifiedOn), or a contract already ratified (publishes evt.labor.contract.ratified.v1). ' +
      'Its grievance procedure is data: ordered steps with who answers and each deadline in school, working or calendar days.',
  })
  @ApiCreatedResponse({ type: ContractView })
  create(@Body() dto: CreateContractDto) {
    return this.contracts.create(dto);
  }

  @Get()
  @Roles(ROLES.laborRead, ROLES.laborWrite, ROLES.coo)
  @ApiOperation({ summary: 'Contracts, by unit and status.' })
  @ApiOkResponse({ type: ContractPage })
  list(@Query() q: ContractQuery) {
    return this.contracts.list(q);
  }

  @Get(':id')
  @Roles(ROLES.laborRead, ROLES.laborWrite, ROLES.coo)
  @ApiOperation({ summary: 'One contract with its grievance procedure.' })
  @ApiOkResponse({ type: ContractView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.contracts.get(id);
  }

  @Patch(':id')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: "Changes the title, the term (before ratification only: 409 after) or the grievance procedure (recomputes the open grievances' deadlines)." })
  @ApiOkResponse({ type: ContractView })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateContractDto) {
    return this.contracts.update(id, dto);
  }

  @Post(':id/tentative-agreement')
  @HttpCode(200)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'The bargaining teams reached a tentative agreement on the whole contract (in negotiation → tentative agreement; else 409).' })
  @ApiOkResponse({ type: ContractView })
  tentativeAgreement(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TentativeAgreementReachedDto) {
    return this.contracts.reachTentativeAgreement(id, dto);
  }

  @Post(':id/ratify')
  @HttpCode(200)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Ratification: the contract is in force from its effective date, its predecessor superseded; publishes evt.labor.contract.ratified.v1.' })
  @ApiOkResponse({ type: ContractView })
  ratify(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RatifyDto) {
    return this.contracts.ratify(id, dto);
  }
}
