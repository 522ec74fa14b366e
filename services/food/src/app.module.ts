import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { CepController } from './cep/cep.controller';
import { CepService } from './cep/cep.service';
import { ClaimsController } from './claims/claims.controller';
import { ClaimsService } from './claims/claims.service';
import { FoodEnv } from './config';
import { CostsController } from './costs/costs.controller';
import { CostsService } from './costs/costs.service';
import { CensusService } from './eligibility/census.service';
import { EligibilityController } from './eligibility/eligibility.controller';
import { EligibilityService } from './eligibility/eligibility.service';
import { TimelineService } from './eligibility/timeline.service';
import { MealsController } from './meals/meals.controller';
import { MealsService } from './meals/meals.service';
import { FoodSchema1763900000300 } from './migrations/1763900000300-food-schema';
import { FoodReferenceData1763900000301 } from './migrations/1763900000301-food-reference-data';
import { EnrollmentEventHandlers } from './projection/enrollment.handlers';
import { ProjectionService } from './projection/projection.service';
import { DepartmentQueryHandlers } from './queries/department-queries.handlers';
import { DepartmentQueriesService } from './queries/department-queries.service';
import { ReferenceService } from './reference/reference.service';
import { FoodSeeder } from './seed/food-seeder.service';
import { CancellationsController } from './service-days/cancellations.controller';
import { CancellationsService } from './service-days/cancellations.service';
import { ClosureEventHandlers } from './service-days/closure.handlers';
import { FOOD_SETTINGS, FoodSettings, foodSettingsProvider } from './settings';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'food',
      defaultPort: 3003,
      env: FoodEnv,
      description: 'Food and nutrition: meal accounts, eligibility (direct certification, applications), CEP, point-of-sale meal counts, monthly reimbursement claims, labor and costs, KPIs.',
      database: {
        name: 'district_food',
        entities: [],
        migrations: [MessagingTables1763900000000, FoodSchema1763900000300, FoodReferenceData1763900000301],
        ownStream: streamFor('food'),
      },
    }),
  ],
  controllers: [EligibilityController, CepController, MealsController, ClaimsController, CostsController, CancellationsController, DepartmentQueryHandlers],
  providers: [
    foodSettingsProvider, ReferenceService, TimelineService, CensusService, ProjectionService, EnrollmentEventHandlers, EligibilityService, CepService,
    MealsService, ClaimsService, CostsService, CancellationsService, ClosureEventHandlers, DepartmentQueriesService, FoodSeeder,
  ],
})
export class AppModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  /** Direct certification files arrive as text/csv, read up to their own limit (the kit parses JSON only). */
  configure(_consumer: MiddlewareConsumer): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    if (!fastify.hasContentTypeParser('text/csv')) {
      fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: this.settings.importMaxBytes }, (_req, body, done) => done(null, body));
    }
  }
}
