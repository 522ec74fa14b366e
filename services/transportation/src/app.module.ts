import { Module } from '@nestjs/common';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { TransportationEnv } from './config';
import { EligibilityController } from './eligibility/eligibility.controller';
import { Eligibility } from './eligibility/eligibility.entity';
import { EligibilityRpcHandlers, EnrollmentEventHandlers } from './eligibility/eligibility.handlers';
import { eligibilityPolicyProvider } from './eligibility/eligibility-policy.provider';
import { EligibilityService } from './eligibility/eligibility.service';
import { TransportationSchema1763900000200 } from './migrations/1763900000200-transportation-schema';
import { ProjectedSchool } from './projection/projected-school.entity';
import { ProjectedStudent } from './projection/projected-student.entity';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'transportation',
      defaultPort: 3002,
      env: TransportationEnv,
      description: 'Transportation: eligibility, and (next) fleet, routes, stops, ridership and on-time performance.',
      database: {
        name: 'district_transportation',
        entities: [ProjectedSchool, ProjectedStudent, Eligibility],
        migrations: [MessagingTables1763900000000, TransportationSchema1763900000200],
        ownStream: streamFor('transportation'),
      },
    }),
  ],
  controllers: [EligibilityController, EligibilityRpcHandlers],
  providers: [eligibilityPolicyProvider, EligibilityService, EnrollmentEventHandlers],
})
export class AppModule {}
