import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Counter, register } from 'prom-client';
import { Observable, tap } from 'rxjs';
import { CORRELATION_HEADER, runWithContext, sanitizeCorrelationId } from '@district/messaging';

/** Requests this process answered, by subject and outcome: how a queue group's load is shared among replicas. */
export const rpcHandled =
  (register.getSingleMetric('rpc_requests_handled_total') as Counter<string>) ??
  new Counter({ name: 'rpc_requests_handled_total', help: 'Request/reply calls this process answered, by subject and outcome', labelNames: ['subject', 'outcome'] });

/** Request/reply handlers run with the caller's correlation id, so their logs join the caller's. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'rpc') return next.handle();
    const nats = ctx.switchToRpc().getContext<NatsContext>();
    const correlationId = sanitizeCorrelationId(nats?.getHeaders?.()?.get(CORRELATION_HEADER));
    const subject = nats?.getSubject?.() ?? 'unknown';
    return new Observable((subscriber) =>
      runWithContext({ correlationId }, () =>
        next
          .handle()
          .pipe(tap({ complete: () => rpcHandled.inc({ subject, outcome: 'ok' }), error: () => rpcHandled.inc({ subject, outcome: 'error' }) }))
          .subscribe(subscriber),
      ),
    );
  }
}
