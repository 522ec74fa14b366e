import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from './jwt';

export const PUBLIC_ROUTE = 'auth:public';
export const ROLES_ANY = 'auth:roles';
export const STUDENT_DATA = 'auth:student-data';

/** No token needed (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles. A route without @Roles or @Public is refused (deny by default). */
export const Roles = (...roles: string[]) =>
  applyDecorators(
    SetMetadata(ROLES_ANY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'no valid token' }),
    ApiForbiddenResponse({ description: `needs one of: ${roles.join(', ')}` }),
  );

/** Student-level data (FERPA): the caller also needs `student-records`, and school scope is checked by the use case. */
export const StudentData = () => SetMetadata(STUDENT_DATA, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
