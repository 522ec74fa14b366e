import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DepartmentQueries, EnrollmentRpc, EnrollmentSchoolSummary, SchoolEnrollmentOverview, SchoolListReply, SchoolSummariesReply } from '@district/contracts';
import { SchoolRequest, SchoolSummariesRequestDto } from '@district/service-kit';
import { SchoolListRequestDto } from './dto/school-list.request';
import { SchoolsService } from './schools.service';

/** Request/reply for other departments and the gateway (queue group `enrollment`). */
@Controller()
export class SchoolsHandlers {
  constructor(private readonly schools: SchoolsService) {}

  @MessagePattern(EnrollmentRpc.SchoolOverviewGet)
  overview(@Payload() req: SchoolRequest): Promise<SchoolEnrollmentOverview> {
    return this.schools.overview(req.schoolId);
  }

  @MessagePattern(DepartmentQueries.schoolSummaries('enrollment'))
  async summaries(@Payload() req: SchoolSummariesRequestDto): Promise<SchoolSummariesReply<EnrollmentSchoolSummary>> {
    return { date: req.date, schools: await this.schools.summaries(req.schoolIds) };
  }

  @MessagePattern(EnrollmentRpc.SchoolsList)
  list(@Payload() req: SchoolListRequestDto): Promise<SchoolListReply> {
    return this.schools.page(req);
  }
}
