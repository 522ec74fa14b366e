import { Logger } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, NatsRecordBuilder, Transport } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { firstValueFrom, timeout as rxTimeout, TimeoutError } from 'rxjs';
import { isRpcErrorPayload } from '@district/contracts';
import { CORRELATION_HEADER, currentContext } from '../context';
import { messagingMetrics } from '../metrics';
import { inboxPrefixOf, NatsAuth, natsAuthOptions } from '../nats-auth';

/** The department did not answer within the timeout (or nobody is listening on the subject). */
export class RpcTimeoutError extends Error {
  constructor(readonly subject: string, readonly timeoutMs: number) {
    super(`${subject} did not answer within ${timeoutMs} ms`);
  }
}
/** The department answered with an error it meant to send, e.g. 404 for an unknown school. */
export class RpcRemoteError extends Error {
  constructor(readonly subject: string, readonly status: number, readonly title: string, readonly detail?: string) {
    super(`${subject}: ${status} ${title}${detail ? ` (${detail})` : ''}`);
  }
}
/** The department failed (an unexpected error on its side, or NATS is unreachable). */
export class RpcUnavailableError extends Error {
  constructor(readonly subject: string, cause: string) {
    super(`${subject} failed: ${cause}`);
  }
}

/**
 * Request/reply over NATS through Nest's client, with a timeout on every call (Nest sets none)
 * and the correlation id carried in a header.
 */
export class RpcClient {
  private readonly log = new Logger('RpcClient');
  private readonly proxy: ClientProxy;
  private connected = false;

  constructor(
    natsUrl: string,
    private readonly callerName: string,
    private readonly defaultTimeoutMs: number,
    /** the caller's NATS user (deploy/nats/auth.conf); none for a development server */
    auth?: NatsAuth,
  ) {
    this.proxy = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: natsUrl.split(','), name: `${callerName}-rpc`, maxReconnectAttempts: -1, reconnectTimeWait: 500, inboxPrefix: inboxPrefixOf(callerName), ...natsAuthOptions(auth) },
    });
    // Nest reports connected / disconnected / reconnecting here; readiness reads the latest
    this.proxy.status.subscribe((status) => (this.connected = status === 'connected'));
  }

  isConnected(): boolean {
    return this.connected;
  }

  async connect(): Promise<void> {
    await this.proxy.connect();
  }

  async request<TRes, TReq = unknown>(subject: string, data: TReq, opts: { timeoutMs?: number } = {}): Promise<TRes> {
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const hdrs = natsHeaders();
    const ctx = currentContext();
    if (ctx) hdrs.set(CORRELATION_HEADER, ctx.correlationId);
    const record = new NatsRecordBuilder(data).setHeaders(hdrs).build();
    const end = messagingMetrics.rpcSeconds.startTimer({ service: this.callerName, subject });
    try {
      const result = await firstValueFrom(this.proxy.send<TRes>(subject, record).pipe(rxTimeout(timeoutMs)));
      end({ outcome: 'ok' });
      return result;
    } catch (err) {
      if (err instanceof TimeoutError) {
        end({ outcome: 'timeout' });
        throw new RpcTimeoutError(subject, timeoutMs);
      }
      if (isRpcErrorPayload(err)) {
        end({ outcome: err.status < 500 ? 'client-error' : 'error' });
        if (err.status < 500) throw new RpcRemoteError(subject, err.status, err.title, err.detail);
        throw new RpcUnavailableError(subject, `${err.status} ${err.title}`);
      }
      end({ outcome: 'error' });
      const message = (err as Error)?.message ?? JSON.stringify(err);
      this.log.warn(`${subject}: ${message}`);
      throw new RpcUnavailableError(subject, message);
    }
  }

  async close(): Promise<void> {
    this.connected = false;
    await this.proxy.close();
  }
}
