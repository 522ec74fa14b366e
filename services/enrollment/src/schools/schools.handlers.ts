import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EnrollmentRpc, SchoolEnrollmentOverview, SchoolOverviewRequest } from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { SchoolsService } from './schools.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Request/reply for other departments and the gateway (queue group `enrollment`). */
@Controller()
export class SchoolsHandlers {
  constructor(private readonly schools: SchoolsService) {}

  @MessagePattern(EnrollmentRpc.SchoolOverviewGet)
  overview(@Payload() req: SchoolOverviewRequest): Promise<SchoolEnrollmentOverview> {
    if (!req || typeof req.schoolId !== 'string' || !UUID.test(req.schoolId)) throw new ProblemException(400, 'schoolId must be a UUID');
    return this.schools.overview(req.schoolId);
  }
}
