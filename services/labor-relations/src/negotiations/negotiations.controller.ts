import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { PageQuery, Roles } from '@district/service-kit';
import {
  CreateProposalDto, CreateSessionDto, CreateTentativeAgreementDto, ProposalPage, ProposalQuery, ProposalView, SessionPage, SessionView,
  TentativeAgreementPage, TentativeAgreementView,
} from './dto/negotiation.dto';
import { NegotiationsService } from './negotiations.service';

const READ = [ROLES.laborRead, ROLES.laborWrite, ROLES.coo];

@ApiTags('negotiations')
@Controller('api/contracts/:contractId')
export class NegotiationsController {
  constructor(private readonly negotiations: NegotiationsService) {}

  @Post('sessions')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Records a bargaining session (date, attendees, notes) of a contract in negotiation (409 otherwise).' })
  @ApiCreatedResponse({ type: SessionView })
  addSession(@Param('contractId', ParseUUIDPipe) contractId: string, @Body() dto: CreateSessionDto) {
    return this.negotiations.addSession(contractId, dto);
  }

  @Get('sessions')
  @Roles(...READ)
  @ApiOperation({ summary: "The contract's bargaining sessions, in date order." })
  @ApiOkResponse({ type: SessionPage })
  sessions(@Param('contractId', ParseUUIDPipe) contractId: string, @Query() q: PageQuery) {
    return this.negotiations.sessions(contractId, q);
  }

  @Post('proposals')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'A proposal on an article, or a counter-proposal (respondsTo: the other party’s open proposal on the same article).' })
  @ApiCreatedResponse({ type: ProposalView })
  addProposal(@Param('contractId', ParseUUIDPipe) contractId: string, @Body() dto: CreateProposalDto) {
    return this.negotiations.addProposal(contractId, dto);
  }

  @Get('proposals')
  @Roles(...READ)
  @ApiOperation({ summary: 'Proposals and counter-proposals, by article and date.' })
  @ApiOkResponse({ type: ProposalPage })
  proposals(@Param('contractId', ParseUUIDPipe) contractId: string, @Query() q: ProposalQuery) {
    return this.negotiations.proposals(contractId, q);
  }

  @Post('proposals/:proposalId/withdraw')
  @HttpCode(200)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Withdraws an open proposal.' })
  @ApiOkResponse({ type: ProposalView })
  withdraw(@Param('contractId', ParseUUIDPipe) contractId: string, @Param('proposalId', ParseUUIDPipe) proposalId: string) {
    return this.negotiations.withdrawProposal(contractId, proposalId);
  }

  @Post('tentative-agreements')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'A tentative agreement on one article (one per article; 409 for a second).' })
  @ApiCreatedResponse({ type: TentativeAgreementView })
  addTa(@Param('contractId', ParseUUIDPipe) contractId: string, @Body() dto: CreateTentativeAgreementDto) {
    return this.negotiations.addTentativeAgreement(contractId, dto);
  }

  @Get('tentative-agreements')
  @Roles(...READ)
  @ApiOperation({ summary: 'Articles tentatively agreed so far.' })
  @ApiOkResponse({ type: TentativeAgreementPage })
  tas(@Param('contractId', ParseUUIDPipe) contractId: string, @Query() q: PageQuery) {
    return this.negotiations.tentativeAgreements(contractId, q);
  }
}
