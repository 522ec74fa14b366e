import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { connect, JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';
import { inboxPrefixOf, natsAuthOptions } from './nats-auth';
import { ensureStream, requireStream } from './provisioning';

/**
 * The service's NATS connection for events (JetStream), as the service's own NATS user. Reconnects forever;
 * provisions (or, with provision=false, checks) the service's own stream at start; drained on shutdown.
 */
@Injectable()
export class NatsConnectionService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Nats');
  private nc?: NatsConnection;
  private manager?: JetStreamManager;
  private connected = false;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions) {}

  async onModuleInit(): Promise<void> {
    this.log.log(`connecting to ${this.opts.natsUrl}`);
    this.nc = await connect({
      servers: this.opts.natsUrl.split(','),
      name: `${this.opts.serviceName}-events`,
      ...natsAuthOptions(this.opts.natsAuth),
      // replies (JetStream API, publish acks, pulls) come to the service's own inboxes, which only its user may read
      inboxPrefix: inboxPrefixOf(this.opts.serviceName),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      pingInterval: 5000,
      maxPingOut: 2,
    });
    this.connected = true;
    this.manager = await this.nc.jetstreamManager({ timeout: 5000 });
    void this.watchStatus(this.nc);
    // the service's own stream must exist before its relay publishes (idempotent)
    if (this.opts.ownStream && this.opts.provision === false) {
      await requireStream(this.manager, this.opts.ownStream);
    } else if (this.opts.ownStream) {
      await ensureStream(this.manager, this.opts.ownStream, { replicas: this.opts.streamReplicas, maxAgeDays: this.opts.streamMaxAgeDays });
    }
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        this.connected = false;
        this.log.warn(`disconnected from ${s.data}`);
      } else if (s.type === 'reconnect') {
        this.connected = true;
        this.log.log(`reconnected to ${s.data}`);
      }
    }
  }

  get connection(): NatsConnection {
    if (!this.nc) throw new Error('NATS is not connected yet');
    return this.nc;
  }

  get jetstream(): JetStreamClient {
    return this.connection.jetstream({ timeout: 5000 });
  }

  get jetstreamManager(): JetStreamManager {
    if (!this.manager) throw new Error('NATS is not connected yet');
    return this.manager;
  }

  isConnected(): boolean {
    return !!this.nc && this.connected && !this.nc.isClosed();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) {
      await this.nc.drain().catch((err) => this.log.warn(`drain failed: ${String(err)}`));
    }
  }
}
