import { Module } from '@nestjs/common';
import { PlatformModule } from '@district/service-kit';
import { DepartmentsModule } from './clients/departments.module';
import { GatewayEnv } from './config';
import { SchoolOverviewController } from './views/school-overview.controller';
import { SchoolOverviewService } from './views/school-overview.service';

@Module({
  imports: [
    // no database: the gateway is stateless and only asks the departments
    PlatformModule.forRoot({
      service: 'gateway',
      defaultPort: 3000,
      env: GatewayEnv,
      description: "The COO's entry point: cross-department views built from the departments' answers over NATS request/reply.",
    }),
    DepartmentsModule,
  ],
  controllers: [SchoolOverviewController],
  providers: [SchoolOverviewService],
})
export class AppModule {}
