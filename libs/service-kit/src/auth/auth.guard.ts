import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES } from '@district/contracts';
import { currentContext } from '@district/messaging';
import { ProblemException } from '../http/problem';
import { PUBLIC_ROUTE, ROLES_ANY, STUDENT_DATA } from './decorators';
import { AuthUser, JwtSettings, TokenError, verifyToken } from './jwt';

export const JWT_SETTINGS = Symbol('JWT_SETTINGS');

/**
 * Global guard: every HTTP route needs a valid bearer token and one of its roles, unless @Public.
 * Student-level routes also need `student-records`. Request/reply handlers are internal and pass.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SETTINGS) private readonly settings: JwtSettings,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers.authorization;
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
    if (!match) throw new ProblemException(401, header ? 'Authorization must be "Bearer <token>"' : 'a bearer token is required');
    let user: AuthUser;
    try {
      user = verifyToken(match[1], this.settings);
    } catch (err) {
      throw new ProblemException(401, `invalid token: ${err instanceof TokenError ? err.message : 'unreadable'}`);
    }
    req.user = user;
    const ctxStore = currentContext();
    if (ctxStore) ctxStore.userId = user.sub;

    const anyOf = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_ANY, targets);
    if (!anyOf) throw new ProblemException(403, 'this route has no access policy');
    if (!anyOf.some((r) => user.roles.includes(r))) throw new ProblemException(403, `needs one of the roles: ${anyOf.join(', ')}`);
    if (this.reflector.getAllAndOverride<boolean>(STUDENT_DATA, targets) && !user.roles.includes(ROLES.studentRecords)) {
      throw new ProblemException(403, `student-level data needs the role ${ROLES.studentRecords}`);
    }
    return true;
  }
}

