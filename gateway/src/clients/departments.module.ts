import { Module } from '@nestjs/common';
import { READINESS_CHECKS, ReadinessChecks } from '@district/service-kit';
import { DepartmentClient } from './department-client';

/** The departments' client, and the gateway's readiness check of its NATS connection. */
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
