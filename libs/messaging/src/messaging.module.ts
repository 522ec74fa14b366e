import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventConsumers } from './consumers/event-consumers.service';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { NatsConnectionService } from './nats-connection.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';
import { OutboxRelay } from './outbox/outbox-relay';
import { UnitOfWork } from './outbox/unit-of-work';
import { ScheduledJobs } from './jobs/scheduled-jobs';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => MessagingOptions;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
}

/** Outbox, relay, consumers with inbox and dead letters, over one NATS connection. Needs a TypeORM DataSource. */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        NatsConnectionService,
        OutboxRelay,
        UnitOfWork,
        EventConsumers,
        DeadLettersService,
        ScheduledJobs,
      ],
      exports: [MESSAGING_OPTIONS, NatsConnectionService, OutboxRelay, UnitOfWork, EventConsumers, DeadLettersService, ScheduledJobs],
    };
  }
}
