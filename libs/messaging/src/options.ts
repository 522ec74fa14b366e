import type { StreamDefinition } from '@district/contracts';
import type { NatsAuth } from './nats-auth';

export interface MessagingOptions {
  /** this service's name: the `source` of its events, its durable consumer and queue group name */
  serviceName: string;
  natsUrl: string;
  /** credentials of the service's NATS user; none for a development server without authentication */
  natsAuth?: NatsAuth;
  /**
   * true (default): the service creates or updates its own stream and its durable consumers at start.
   * false: they must exist already (applied from deploy/nats/jetstream by the provisioning step); the
   * service only checks, so its NATS user needs no right to change streams or consumers.
   */
  provision?: boolean;
  /** the stream this service publishes to (its own department's), if it publishes */
  ownStream?: StreamDefinition;
  /** streams whose events this service handles */
  consumes: StreamDefinition[];
  /** deliveries before an event goes to dead letters */
  maxDeliver: number;
  /** first retry delay; doubles per attempt up to maxBackoffMs */
  backoffMs: number;
  maxBackoffMs: number;
  /** how often the sweeper retries unpublished outbox rows */
  sweepIntervalMs: number;
  /** events handled in one consumer transaction */
  consumerBatchSize: number;
  /** redelivery of an unacknowledged event after this long */
  consumerAckWaitMs: number;
  /** hours a published outbox row is kept before it is deleted */
  outboxRetentionHours: number;
  streamReplicas: number;
  streamMaxAgeDays: number;
  /** default timeout for request/reply calls */
  rpcTimeoutMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
