import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What travels with one unit of work (an HTTP request, a NATS request or an event being handled):
 * the correlation id that ties logs and events together across services, and the cause.
 */
export interface RequestContext {
  correlationId: string;
  /** id of the request or event that caused the current work */
  causationId: string | null;
  /** the authenticated caller, when there is one */
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` with this context; the object itself is the store, so what is set on it later (the user) is seen by all. */
export function runWithContext<T>(ctx: Partial<RequestContext>, fn: () => T): T {
  ctx.correlationId ||= randomUUID();
  ctx.causationId ??= null;
  return storage.run(ctx as RequestContext, fn);
}

/** Validates an incoming correlation id (from a header) before trusting it in logs. */
export function sanitizeCorrelationId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
