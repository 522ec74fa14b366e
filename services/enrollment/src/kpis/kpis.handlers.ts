import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EnrollmentKpis, EnrollmentRpc } from '@district/contracts';
import { EnrollmentKpisRequestDto } from './dto/enrollment-kpis.request';
import { EnrollmentKpisService } from './enrollment-kpis.service';

/** Request/reply for the gateway's KPI scorecard (queue group `enrollment`). */
@Controller()
export class KpisHandlers {
  constructor(private readonly kpis: EnrollmentKpisService) {}

  @MessagePattern(EnrollmentRpc.KpisGet)
  get(@Payload() req: EnrollmentKpisRequestDto): Promise<EnrollmentKpis> {
    return this.kpis.kpis(req);
  }
}
