import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BriefReply, DepartmentKpisReply, SchoolSummariesReply, TransportationRpc, TransportationSchoolSection, TransportationStudentSummary } from '@district/contracts';
import { KpisRequestDto } from '@district/service-kit';
import { TransportationKpisService } from '../kpis/kpis.service';
import { DepartmentQueriesService } from './department-queries.service';
import { BriefRequestDto, SchoolSummariesRequestDto, StudentSummaryRequestDto } from '@district/service-kit';

/** The gateway's department queries (queue group `transportation`); payloads validated like HTTP bodies. */
@Controller()
export class DepartmentQueriesHandlers {
  constructor(
    private readonly queries: DepartmentQueriesService,
    private readonly kpis: TransportationKpisService,
  ) {}

  @MessagePattern(TransportationRpc.SchoolSummariesGet)
  schoolSummaries(@Payload() req: SchoolSummariesRequestDto): Promise<SchoolSummariesReply<TransportationSchoolSection>> {
    return this.queries.schoolSummaries(req);
  }

  @MessagePattern(TransportationRpc.KpisGet)
  kpisGet(@Payload() req: KpisRequestDto): Promise<DepartmentKpisReply> {
    return this.kpis.kpis(req);
  }

  @MessagePattern(TransportationRpc.BriefGet)
  brief(@Payload() req: BriefRequestDto): Promise<BriefReply> {
    return this.queries.brief(req);
  }

  @MessagePattern(TransportationRpc.StudentSummaryGet)
  studentSummary(@Payload() req: StudentSummaryRequestDto): Promise<TransportationStudentSummary> {
    return this.queries.studentSummary(req);
  }
}
