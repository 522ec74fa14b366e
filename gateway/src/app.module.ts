import { Module } from '@nestjs/common';
import { MessagingTables1763900000000 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { AuditController } from './audit/audit.controller';
import { StudentAccessLog } from './audit/student-access-log';
import { BriefController } from './brief/brief.controller';
import { BriefService } from './brief/brief.service';
import { DepartmentsModule } from './clients/departments.module';
import { GatewayEnv } from './config';
import { DepartmentKpis } from './kpis/department-kpis';
import { KpiTargetsService } from './kpis/kpi-targets.service';
import { KpisController } from './kpis/kpis.controller';
import { KpisService } from './kpis/kpis.service';
import { GatewaySchema1763900000900 } from './migrations/1763900000900-gateway-schema';
import { SchoolViewsController } from './views/school-views.controller';
import { SchoolViewsService } from './views/school-views.service';
import { StudentViewsController } from './views/student-views.controller';
import { StudentViewsService } from './views/student-views.service';

@Module({
  imports: [
    // the gateway holds no department's data; its database keeps only the FERPA access log and KPI targets (ADR 0026)
    PlatformModule.forRoot({
      service: 'gateway',
      defaultPort: 3000,
      env: GatewayEnv,
      description:
        "The COO's entry point: cross-department school and student views, the KPI scorecard and the daily brief, built from the departments' answers over NATS request/reply.",
      database: { name: 'district_gateway', entities: [], migrations: [MessagingTables1763900000000, GatewaySchema1763900000900] },
    }),
    DepartmentsModule,
  ],
  controllers: [SchoolViewsController, StudentViewsController, KpisController, BriefController, AuditController],
  providers: [SchoolViewsService, StudentViewsService, StudentAccessLog, DepartmentKpis, KpiTargetsService, KpisService, BriefService],
})
export class AppModule {}
