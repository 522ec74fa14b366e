import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EnrollmentRpc, SchoolEnrollmentOverview } from '@district/contracts';
import { SchoolRequest } from '@district/service-kit';
import { SchoolsService } from './schools.service';

/** Request/reply for other departments and the gateway (queue group `enrollment`). */
@Controller()
export class SchoolsHandlers {
  constructor(private readonly schools: SchoolsService) {}

  @MessagePattern(EnrollmentRpc.SchoolOverviewGet)
  overview(@Payload() req: SchoolRequest): Promise<SchoolEnrollmentOverview> {
    return this.schools.overview(req.schoolId);
  }
}
