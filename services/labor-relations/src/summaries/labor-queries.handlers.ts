import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BriefReply, DepartmentKpisReply, DepartmentQueries, LaborSchoolSummary, SchoolSummariesReply } from '@district/contracts';
import { BriefRequestDto, SchoolSummariesRequestDto } from '@district/service-kit';
import { LaborKpisRequestDto } from '../kpis/dto/labor-queries.request';
import { LaborKpisService } from '../kpis/labor-kpis.service';
import { LaborSummariesService } from './labor-summaries.service';

/** The gateway's department queries (libs/contracts department-queries.ts), queue group `labor-relations`. */
@Controller()
export class LaborQueriesHandlers {
  constructor(
    private readonly summaries: LaborSummariesService,
    private readonly kpis: LaborKpisService,
  ) {}

  @MessagePattern(DepartmentQueries.schoolSummaries('labor-relations'))
  schoolSummaries(@Payload() req: SchoolSummariesRequestDto): Promise<SchoolSummariesReply<LaborSchoolSummary>> {
    return this.summaries.schoolSummaries(req.schoolIds, req.date);
  }

  @MessagePattern(DepartmentQueries.kpis('labor-relations'))
  getKpis(@Payload() req: LaborKpisRequestDto): Promise<DepartmentKpisReply> {
    return this.kpis.kpis(req);
  }

  @MessagePattern(DepartmentQueries.brief('labor-relations'))
  brief(@Payload() req: BriefRequestDto): Promise<BriefReply> {
    return this.summaries.brief(req.date);
  }
}
