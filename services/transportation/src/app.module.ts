import { Module } from '@nestjs/common';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { StopAssignmentsController } from './assignments/stop-assignments.controller';
import { StopAssignmentsService } from './assignments/stop-assignments.service';
import { CancellationsService } from './closures/cancellations.service';
import { ClosureEventHandlers } from './closures/closures.handlers';
import { TransportationClock } from './common/district-clock';
import { settingsProvider } from './common/settings';
import { TransportationEnv } from './config';
import { ContractorCostsController } from './costs/contractor-costs.controller';
import { ContractorCostsService } from './costs/contractor-costs.service';
import { EligibilityController } from './eligibility/eligibility.controller';
import { Eligibility } from './eligibility/eligibility.entity';
import { EligibilityRpcHandlers, EnrollmentEventHandlers } from './eligibility/eligibility.handlers';
import { eligibilityPolicyProvider } from './eligibility/eligibility-policy.provider';
import { EligibilityService } from './eligibility/eligibility.service';
import { VehiclesController } from './fleet/vehicles.controller';
import { VehiclesService } from './fleet/vehicles.service';
import { IngestionController } from './ingestion/ingestion.controller';
import { IngestionService } from './ingestion/ingestion.service';
import { TransportationKpisService } from './kpis/kpis.service';
import { TransportationSchema1763900000200 } from './migrations/1763900000200-transportation-schema';
import { Operations1763900000201 } from './migrations/1763900000201-operations';
import { ProjectedSchool } from './projection/projected-school.entity';
import { ProjectedStudent } from './projection/projected-student.entity';
import { DepartmentQueriesService } from './queries/department-queries.service';
import { DepartmentQueriesHandlers } from './queries/queries.handlers';
import { RoutesService } from './runs/routes.service';
import { RoutesController, RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { IncidentsController } from './safety/incidents.controller';
import { IncidentsService } from './safety/incidents.service';
import { TransportationSeeder } from './seed/transportation-seeder.service';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'transportation',
      defaultPort: 3002,
      env: TransportationEnv,
      description: 'Transportation: eligibility, fleet, routes, runs and stops, stop assignment, ridership and arrivals, safety, costs and KPIs.',
      database: {
        name: 'district_transportation',
        entities: [ProjectedSchool, ProjectedStudent, Eligibility],
        migrations: [MessagingTables1763900000000, TransportationSchema1763900000200, Operations1763900000201],
        ownStream: streamFor('transportation'),
      },
    }),
  ],
  controllers: [
    EligibilityController, EligibilityRpcHandlers, VehiclesController, RoutesController, RunsController, StopAssignmentsController,
    IngestionController, IncidentsController, ContractorCostsController, DepartmentQueriesHandlers,
  ],
  providers: [
    settingsProvider, TransportationClock, eligibilityPolicyProvider, EligibilityService, EnrollmentEventHandlers,
    StopAssignmentsService, VehiclesService, RoutesService, RunsService, CancellationsService, ClosureEventHandlers,
    IngestionService, IncidentsService, ContractorCostsService, TransportationKpisService, DepartmentQueriesService, TransportationSeeder,
  ],
})
export class AppModule {}
