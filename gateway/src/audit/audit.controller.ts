import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES } from '@district/contracts';
import { PageQuery, Roles } from '@district/service-kit';
import { StudentAccessLog } from './student-access-log';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'reads of this student’s record' })
  @IsOptional() @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ example: 'jdoe', description: 'reads by this user (token `sub`)' })
  @IsOptional() @IsString() @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

class AccessEntry {
  @ApiProperty({ example: 412 }) seq: number;
  @ApiProperty({ example: '2026-11-23T14:02:11.532Z' }) at: string;
  @ApiProperty({ example: 'principal.guild' }) actor: string;
  @ApiProperty({ example: ['enrollment:read', 'student-records'] }) actorRoles: string[];
  @ApiProperty({ example: ['8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e'], nullable: true, type: [String], description: 'the token’s school scope; null for district-wide' }) actorSchools: string[] | null;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schoolId: string | null;
  @ApiProperty({ example: ['enrollment', 'transportation', 'food.account', 'technology'], description: 'what was shown' }) fields: string[];
  @ApiProperty({ example: 'GET /api/students/:id/overview' }) purpose: string;
  @ApiProperty({ example: '0f9c2a1e-8d1b-4a51-9b8e-4d0a5c6e7f80', description: 'correlation id of the request' }) requestId: string;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'sha256 chained to the previous entry' }) hash: string;
}

class AccessPage {
  @ApiProperty({ type: [AccessEntry] }) items: AccessEntry[];
  @ApiProperty({ example: 1 }) total: number;
}

class ChainCheck {
  @ApiProperty({ example: 1204 }) entries: number;
  @ApiProperty({ example: true }) intact: boolean;
  @ApiProperty({ example: null, nullable: true, type: 'integer' }) firstBrokenSeq: number | null;
}

@ApiTags('audit')
@Controller('api/audit')
@Roles(ROLES.auditor)
export class AuditController {
  constructor(private readonly log: StudentAccessLog) {}

  @Get()
  @ApiOperation({ summary: 'Who read which student’s record, when, what they saw and under which request (FERPA)', description: 'Newest first. Role `auditor`.' })
  @ApiOkResponse({ type: AccessPage })
  @ApiBadRequestResponse({ description: 'bad filter or paging' })
  list(@Query() q: AuditQuery): Promise<AccessPage> {
    return this.log.list(q);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain of the access log: proves no entry was changed or removed' })
  @ApiOkResponse({ type: ChainCheck })
  verify(): Promise<ChainCheck> {
    return this.log.verify();
  }
}
