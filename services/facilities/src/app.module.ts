import { Module } from '@nestjs/common';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000, ScheduledJobTables1763900000001 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { BuildingsController } from './buildings/buildings.controller';
import { SchoolEventHandlers } from './buildings/buildings.handlers';
import { BuildingsService } from './buildings/buildings.service';
import { CapitalController } from './capital/capital.controller';
import { CapitalService } from './capital/capital.service';
import { ClosuresController } from './closures/closures.controller';
import { ClosuresService } from './closures/closures.service';
import { FacilitiesSettings } from './common/settings';
import { ConditionController } from './condition/condition.controller';
import { ConditionService } from './condition/condition.service';
import { FacilitiesEnv } from './config';
import { FacilitiesQueryHandlers } from './kpis/facilities-queries.handlers';
import { FacilitiesQueriesService } from './kpis/facilities-queries.service';
import { FacilitiesSchema1763900000400 } from './migrations/1763900000400-facilities-schema';
import { OperationsController } from './operations/operations.controller';
import { OperationsService } from './operations/operations.service';
import { PmController } from './pm/pm.controller';
import { PmService } from './pm/pm.service';
import { FacilitiesSeeder } from './seed/facilities-seeder.service';
import { WorkOrdersController } from './work-orders/work-orders.controller';
import { WorkOrdersService } from './work-orders/work-orders.service';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'facilities',
      defaultPort: 3004,
      env: FacilitiesEnv,
      description:
        'Facilities: buildings and assets, work orders with response targets, preventive maintenance, deficiencies and FCI, capital projects, custodial staffing, utilities, building closures and KPIs.',
      database: {
        name: 'district_facilities',
        entities: [],
        migrations: [MessagingTables1763900000000, ScheduledJobTables1763900000001, FacilitiesSchema1763900000400],
        ownStream: streamFor('facilities'),
      },
    }),
  ],
  controllers: [
    BuildingsController, WorkOrdersController, PmController, ConditionController, CapitalController, OperationsController, ClosuresController,
    FacilitiesQueryHandlers,
  ],
  providers: [
    FacilitiesSettings, BuildingsService, SchoolEventHandlers, WorkOrdersService, PmService, ConditionService, CapitalService, OperationsService,
    ClosuresService, FacilitiesQueriesService, FacilitiesSeeder,
  ],
})
export class AppModule {}
