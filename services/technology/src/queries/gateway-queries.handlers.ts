import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BriefReply, DepartmentKpisReply, DepartmentQueries, SchoolSummariesReply, TechnologySchoolSummary, TechnologyStudentSummary } from '@district/contracts';
import { TechnologyKpisService } from '../kpis/technology-kpis.service';
import { BriefRequestDto, KpisRequestDto, SchoolSummariesRequestDto, StudentSummaryRequestDto } from '@district/service-kit';
import { GatewayQueriesService } from './gateway-queries.service';

/** Request/reply for the gateway (queue group `technology`): the four department queries. */
@Controller()
export class GatewayQueryHandlers {
  constructor(
    private readonly queries: GatewayQueriesService,
    private readonly kpis: TechnologyKpisService,
  ) {}

  @MessagePattern(DepartmentQueries.schoolSummaries('technology'))
  schoolSummaries(@Payload() req: SchoolSummariesRequestDto): Promise<SchoolSummariesReply<TechnologySchoolSummary>> {
    return this.queries.schoolSummaries(req.schoolIds, req.date);
  }

  @MessagePattern(DepartmentQueries.kpis('technology'))
  kpisGet(@Payload() req: KpisRequestDto): Promise<DepartmentKpisReply> {
    return this.kpis.kpis(req);
  }

  @MessagePattern(DepartmentQueries.brief('technology'))
  brief(@Payload() req: BriefRequestDto): Promise<BriefReply> {
    return this.queries.brief(req.date);
  }

  @MessagePattern(DepartmentQueries.studentSummary('technology'))
  studentSummary(@Payload() req: StudentSummaryRequestDto): Promise<TechnologyStudentSummary> {
    return this.queries.studentSummary(req.studentId);
  }
}
