import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { throwError } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { RpcRemoteError, RpcTimeoutError, RpcUnavailableError } from '@district/messaging';
import type { RpcErrorPayload } from '@district/contracts';

/** RFC 9457 problem details, the body of every error this platform returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** one entry per invalid field */
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra };
}

/** Throw from a use case to answer with this problem (status, detail, optional field errors). */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, extra: Partial<Problem> = {}) {
    super(problem(status, detail, extra), status);
  }
}

const TRANSIENT_DB = ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '08006', '08001', '08003'];

/** Maps anything thrown to a problem; `retryAfter` is set for 503s. Unknown errors are 500 and logged. */
export function toProblem(err: unknown, log?: Logger): { body: Problem; retryAfter?: number } {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    if (typeof res === 'object' && res !== null && 'type' in res && 'status' in res) return { body: res as Problem, retryAfter: status === 503 ? 5 : undefined };
    const r = (typeof res === 'object' ? res : { message: res }) as { message?: string | string[]; errors?: Problem['errors']; detail?: string };
    const detail = r.detail ?? (Array.isArray(r.message) ? r.message.join('; ') : r.message);
    return { body: problem(status, detail, r.errors ? { errors: r.errors } : {}), retryAfter: status === 503 ? 5 : undefined };
  }
  if (err instanceof RpcRemoteError) return { body: problem(err.status, err.detail ?? err.title) };
  if (err instanceof RpcTimeoutError || err instanceof RpcUnavailableError) {
    return { body: problem(503, 'a department this request needs is not answering; try again shortly'), retryAfter: 5 };
  }
  if (err instanceof QueryFailedError) {
    const code = (err as unknown as { code?: string }).code;
    const detail = (err as unknown as { detail?: string }).detail;
    if (code === '23505') return { body: problem(409, `already exists${detail ? `: ${detail}` : ''}`) };
    if (code === '23503') return { body: problem(409, 'refers to a record that does not exist') };
    if (code === '22P02' || code === '22003' || code === '22007' || code === '22008') return { body: problem(400, 'a value has the wrong format or is out of range') };
    if (code === '57014') return { body: problem(503, 'the database took too long; try again'), retryAfter: 5 };
    if (code && TRANSIENT_DB.includes(code)) return { body: problem(503, 'the database is not available; try again shortly'), retryAfter: 5 };
  }
  const e = err as { code?: string; statusCode?: number; message?: string; validation?: unknown };
  if (e?.code && TRANSIENT_DB.includes(e.code)) return { body: problem(503, 'the database is not available; try again shortly'), retryAfter: 5 };
  if (typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection refused/i.test(e.message)) {
    return { body: problem(503, 'the database is not available; try again shortly'), retryAfter: 5 };
  }
  // errors raised by Fastify before the handler: bad JSON, body too large, unsupported media type
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { body: problem(e.statusCode, e.message) };
  }
  log?.error(err instanceof Error ? err : new Error(String(err)));
  return { body: problem(500, 'an unexpected error occurred; it has been logged') };
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

export function sendProblem(reply: ReplyLike, err: unknown, log?: Logger, instance?: string): void {
  const { body, retryAfter } = toProblem(err, log);
  if (instance) body.instance = instance;
  if (retryAfter) reply.header('retry-after', String(retryAfter));
  if (body.status === 401) reply.header('www-authenticate', 'Bearer');
  reply.header('content-type', PROBLEM_CONTENT_TYPE).status(body.status).send(body);
}

/** One filter for HTTP (problem+json) and request/reply (an RpcErrorPayload the caller can read). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') {
      const { body } = err instanceof RpcException ? { body: err.getError() as Problem } : toProblem(err, this.log);
      const payload: RpcErrorPayload = { status: body.status ?? 500, title: body.title ?? 'Error', detail: body.detail };
      return throwError(() => payload);
    }
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ url?: string }>();
    sendProblem(ctx.getResponse<ReplyLike>(), err, this.log, req?.url?.split('?')[0]);
    return undefined;
  }
}

export { HttpStatus };
