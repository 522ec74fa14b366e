import type { StreamDefinition } from '@district/contracts';

export interface MessagingOptions {
  /** this service's name: the `source` of its events, its durable consumer and queue group name */
  serviceName: string;
  natsUrl: string;
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
