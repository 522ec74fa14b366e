import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, tap } from 'rxjs';
import { currentContext } from '@district/messaging';
import { STUDENT_DATA } from './decorators';
import type { AuthUser } from './jwt';

const MAX_IDS = 500;

/** The student ids an answer discloses: `studentId`/`id` of the body, or of each of its `items`. */
export function disclosedStudentIds(body: unknown, params: Record<string, string> = {}): string[] {
  const ids = new Set<string>();
  const take = (x: unknown) => {
    const r = x as { studentId?: unknown; id?: unknown } | null;
    const id = r?.studentId ?? r?.id;
    if (typeof id === 'string' && ids.size < MAX_IDS) ids.add(id);
  };
  const items = (body as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) items.forEach(take);
  else if (Array.isArray(body)) body.forEach(take);
  else take(body);
  for (const [k, v] of Object.entries(params)) if (/^(id|studentId)$/.test(k) && ids.size < MAX_IDS) ids.add(v);
  return [...ids];
}

/**
 * FERPA (34 CFR 99.32): every HTTP route marked @StudentData writes one structured `StudentRecordAccess` log
 * line per answered request: who (sub, roles, school scope), when, which route and records, and the request's
 * correlation id. Every department gets it from the kit; the gateway's student view also keeps a durable,
 * tamper-evident log (ADR 0026).
 */
@Injectable()
export class StudentRecordAccessInterceptor implements NestInterceptor {
  private readonly log = new Logger('StudentRecordAccess');

  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || !this.reflector.getAllAndOverride<boolean>(STUDENT_DATA, [ctx.getHandler(), ctx.getClass()])) return next.handle();
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser; method: string; routeOptions?: { url?: string }; params?: Record<string, string> }>();
    return next.handle().pipe(
      tap((body) => {
        const user = req.user;
        this.log.log({
          audit: 'student-record-access',
          user: user?.sub,
          roles: user?.roles,
          schools: user?.schools ?? null,
          method: req.method,
          route: req.routeOptions?.url,
          studentIds: disclosedStudentIds(body, req.params),
          correlationId: currentContext()?.correlationId,
        });
      }),
    );
  }
}
