import { SetMetadata } from '@nestjs/common';
import type { EventDefinition, EventEnvelope } from '@district/contracts';
import type { Tx } from '../outbox/unit-of-work';

export const ON_EVENT = Symbol('ON_EVENT');

/** A handler runs inside the consumer's transaction: its writes, its inbox row and its own events commit together. */
export type EventHandlerFn<T> = (event: EventEnvelope<T>, tx: Tx) => Promise<void>;

/**
 * Marks a provider method as the handler of one event type and version. The method receives
 * `(event, tx)`; it must do all its writes through `tx.manager` and publish through `tx.publish`.
 */
export function OnEvent<T>(def: EventDefinition<T>): MethodDecorator {
  return SetMetadata(ON_EVENT, def);
}
