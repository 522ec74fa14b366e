import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DepartmentKpisReply, DepartmentQueries } from '@district/contracts';
import { KpisRequestDto } from '@district/service-kit';
import { EnrollmentKpisService } from './enrollment-kpis.service';

/** Request/reply for the gateway's KPI scorecard (queue group `enrollment`). */
@Controller()
export class KpisHandlers {
  constructor(private readonly kpis: EnrollmentKpisService) {}

  @MessagePattern(DepartmentQueries.kpis('enrollment'))
  get(@Payload() req: KpisRequestDto): Promise<DepartmentKpisReply> {
    return this.kpis.kpis(req);
  }
}
