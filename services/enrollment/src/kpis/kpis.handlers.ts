import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EnrollmentKpis, EnrollmentKpisRequest, EnrollmentRpc } from '@district/contracts';
import { EnrollmentKpisService } from './enrollment-kpis.service';

/** Request/reply for the gateway's KPI scorecard (queue group `enrollment`). */
@Controller()
export class KpisHandlers {
  constructor(private readonly kpis: EnrollmentKpisService) {}

  @MessagePattern(EnrollmentRpc.KpisGet)
  get(@Payload() req: EnrollmentKpisRequest): Promise<EnrollmentKpis> {
    return this.kpis.kpis(req);
  }
}
