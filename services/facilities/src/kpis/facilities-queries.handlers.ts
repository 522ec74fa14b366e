import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BriefReply, DepartmentKpisReply, DepartmentQueries, FacilitiesSchoolSummary, SchoolSummariesReply } from '@district/contracts';
import { BriefRequestDto, KpisRequestDto, SchoolSummariesRequestDto } from '@district/service-kit';
import { FacilitiesQueriesService } from './facilities-queries.service';

/** Request/reply for the gateway (queue group `facilities`): one request per view, never one per school. */
@Controller()
export class FacilitiesQueryHandlers {
  constructor(private readonly queries: FacilitiesQueriesService) {}

  @MessagePattern(DepartmentQueries.schoolSummaries('facilities'))
  schoolSummaries(@Payload() req: SchoolSummariesRequestDto): Promise<SchoolSummariesReply<FacilitiesSchoolSummary>> {
    return this.queries.schoolSummaries(req.schoolIds, req.date);
  }

  @MessagePattern(DepartmentQueries.kpis('facilities'))
  kpis(@Payload() req: KpisRequestDto): Promise<DepartmentKpisReply> {
    return this.queries.kpis(req);
  }

  @MessagePattern(DepartmentQueries.brief('facilities'))
  brief(@Payload() req: BriefRequestDto): Promise<BriefReply> {
    return this.queries.brief(req.date);
  }
}
