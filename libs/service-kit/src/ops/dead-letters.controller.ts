import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DeadLettersService } from '@district/messaging';
import { ROLES } from '@district/contracts';
import { Roles } from '../auth/decorators';
import { PageQuery } from '../http/paging';
import { ProblemException } from '../http/problem';

class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'include dead letters already replayed', default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeReplayed = false;
}

/** Operators list the events this service could not handle and replay them once the cause is fixed. */
@ApiTags('operations')
@Roles(ROLES.ops)
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'Events that failed their last delivery attempt' })
  list(@Query() q: DeadLetterQuery) {
    return this.deadLetters.list(q);
  }

  @Post(':id/replay')
  @ApiOperation({ summary: 'Handle a dead-lettered event again (once; a handled event is not applied twice)' })
  @ApiOkResponse({ schema: { example: { status: 'replayed' } } })
  async replay(@Param('id', new ParseUUIDPipe()) id: string) {
    const result = await this.deadLetters.replay(id);
    if (result.status === 'not-found') throw new ProblemException(404, 'no such dead letter');
    if (result.status === 'failed' || result.status === 'not-replayable') throw new ProblemException(409, `replay failed: ${result.error}`);
    return result;
  }
}
