import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { CORRELATION_HEADER, runWithContext, sanitizeCorrelationId } from '@district/messaging';

/** Request/reply handlers run with the caller's correlation id, so their logs join the caller's. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'rpc') return next.handle();
    const nats = ctx.switchToRpc().getContext<NatsContext>();
    const correlationId = sanitizeCorrelationId(nats?.getHeaders?.()?.get(CORRELATION_HEADER));
    return new Observable((subscriber) => runWithContext({ correlationId }, () => next.handle().subscribe(subscriber)));
  }
}
