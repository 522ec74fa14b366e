import { Global, Module } from '@nestjs/common';
import { READINESS_CHECKS, ReadinessChecks } from '@district/service-kit';
import { DepartmentClient } from './department-client';

/**
 * Global so that the platform's HealthController (declared in PlatformModule) can see the gateway's
 * READINESS_CHECKS: a provider of AppModule itself would be out of its reach.
 */
@Global()
@Module({
  providers: [
    DepartmentClient,
    {
      provide: READINESS_CHECKS,
      useFactory: (departments: DepartmentClient): ReadinessChecks => ({
        nats: () => (departments.isConnected() ? { status: 'up' } : { status: 'down', detail: 'not connected' }),
      }),
      inject: [DepartmentClient],
    },
  ],
  exports: [DepartmentClient, READINESS_CHECKS],
})
export class DepartmentsModule {}
