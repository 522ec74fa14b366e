import { Module } from '@nestjs/common';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { TechnologyClock } from './common/clock';
import { TechnologyEnv } from './config';
import { DeviceCareService } from './devices/device-care.service';
import { DeviceLedger } from './devices/device-ledger';
import { DevicesController, LoanersController, RepairsController, ReturnTasksController, CSV_CONTENT_TYPES } from './devices/devices.controller';
import { DevicesService } from './devices/devices.service';
import { SlaTargetsController, TicketsController } from './help-desk/tickets.controller';
import { TicketsService } from './help-desk/tickets.service';
import { TechnologyKpisService } from './kpis/technology-kpis.service';
import { TechnologySchema1763900000500 } from './migrations/1763900000500-technology-schema';
import { EnrollmentEventHandlers } from './one-to-one/enrollment.handlers';
import { OneToOneController } from './one-to-one/one-to-one.controller';
import { OneToOneService } from './one-to-one/one-to-one.service';
import { GatewayQueryHandlers } from './queries/gateway-queries.handlers';
import { GatewayQueriesService } from './queries/gateway-queries.service';
import { RefreshController } from './refresh/refresh.controller';
import { RefreshService } from './refresh/refresh.service';
import { TechnologySeeder } from './seed/technology-seeder.service';
import { SettingsController } from './settings/settings.controller';
import { SettingsService } from './settings/settings.service';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'technology',
      defaultPort: 3005,
      env: TechnologyEnv,
      description: 'Technology: device fleet with status history, 1:1 assignment driven by enrollment, loaners, repairs, help desk with SLA targets, refresh planning, KPIs.',
      database: {
        name: 'district_technology',
        entities: [],
        migrations: [MessagingTables1763900000000, TechnologySchema1763900000500],
        ownStream: streamFor('technology'),
      },
      uploads: { maxBytes: (env: TechnologyEnv) => env.DEVICE_IMPORT_MAX_BYTES, maxFiles: 1, streamTypes: CSV_CONTENT_TYPES },
    }),
  ],
  controllers: [
    OneToOneController, DevicesController, ReturnTasksController, LoanersController, RepairsController, TicketsController, SlaTargetsController,
    SettingsController, RefreshController, GatewayQueryHandlers,
  ],
  providers: [
    TechnologyClock, DeviceLedger, OneToOneService, EnrollmentEventHandlers, DevicesService, DeviceCareService, TicketsService, SettingsService,
    RefreshService, TechnologyKpisService, GatewayQueriesService, TechnologySeeder,
  ],
})
export class AppModule {}
