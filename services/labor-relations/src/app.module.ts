import { Module } from '@nestjs/common';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000, ScheduledJobTables1763900000001 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarReader } from './calendar/calendar.reader';
import { CalendarService } from './calendar/calendar.service';
import { LaborRelationsEnv } from './config';
import { ContractsController } from './contracts/contracts.controller';
import { ContractsService } from './contracts/contracts.service';
import { GrievanceDeadlines } from './grievances/grievance-deadlines.service';
import { GrievancesController } from './grievances/grievances.controller';
import { GrievancesService } from './grievances/grievances.service';
import { LaborDailyJobs } from './jobs/labor-daily-jobs';
import { LaborKpisService } from './kpis/labor-kpis.service';
import { LaborRelationsSchema1763900000600 } from './migrations/1763900000600-labor-relations-schema';
import { Grievances1763900000601 } from './migrations/1763900000601-grievances';
import { NegotiationsController } from './negotiations/negotiations.controller';
import { NegotiationsService } from './negotiations/negotiations.service';
import { SchoolProjection } from './projection/schools.handlers';
import { LaborDemoSeeder } from './seed/labor-seeder.service';
import { LaborQueriesHandlers } from './summaries/labor-queries.handlers';
import { LaborSummariesService } from './summaries/labor-summaries.service';
import { UnitsController } from './units/units.controller';
import { UnitsService } from './units/units.service';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'labor-relations',
      defaultPort: 3006,
      env: LaborRelationsEnv,
      description:
        'Labor relations: bargaining units, contracts with their grievance procedure as data, the district calendar, negotiations, ' +
        'grievances with contractual deadlines, and the KPIs of DOMAIN.md section 6.',
      database: {
        name: 'district_labor_relations',
        entities: [],
        migrations: [MessagingTables1763900000000, ScheduledJobTables1763900000001, LaborRelationsSchema1763900000600, Grievances1763900000601],
        ownStream: streamFor('labor-relations'),
      },
    }),
  ],
  controllers: [UnitsController, ContractsController, NegotiationsController, CalendarController, GrievancesController, LaborQueriesHandlers],
  providers: [
    CalendarReader, CalendarService, UnitsService, ContractsService, NegotiationsService, GrievanceDeadlines, GrievancesService,
    LaborKpisService, LaborSummariesService, LaborDailyJobs, SchoolProjection, LaborDemoSeeder,
  ],
})
export class AppModule {}
