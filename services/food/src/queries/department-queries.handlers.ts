import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DepartmentQueries } from '@district/contracts';
import { DepartmentQueriesService } from './department-queries.service';
import { BriefRequestDto, KpisRequestDto, SchoolSummariesRequestDto, StudentSummaryRequestDto } from '@district/service-kit';

/** Request/reply for the gateway (queue group `food`). */
@Controller()
export class DepartmentQueryHandlers {
  constructor(private readonly queries: DepartmentQueriesService) {}

  @MessagePattern(DepartmentQueries.schoolSummaries('food'))
  schoolSummaries(@Payload() req: SchoolSummariesRequestDto) {
    return this.queries.schoolSummaries(req.schoolIds, req.date);
  }

  @MessagePattern(DepartmentQueries.kpis('food'))
  kpis(@Payload() req: KpisRequestDto) {
    return this.queries.kpis(req);
  }

  @MessagePattern(DepartmentQueries.brief('food'))
  brief(@Payload() req: BriefRequestDto) {
    return this.queries.brief(req.date);
  }

  @MessagePattern(DepartmentQueries.studentSummary('food'))
  studentSummary(@Payload() req: StudentSummaryRequestDto) {
    return this.queries.studentSummary(req.studentId, req.includeSensitive === true);
  }
}
