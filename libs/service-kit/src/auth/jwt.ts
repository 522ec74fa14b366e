import jwt, { Algorithm } from 'jsonwebtoken';

/** The caller, from a verified token. `schools` limits a school leader to those schools. */
export interface AuthUser {
  sub: string;
  roles: string[];
  /** undefined: district-wide; otherwise only these school ids */
  schools?: string[];
}

export interface JwtSettings {
  secret: string;
  publicKey?: string;
  issuer: string;
  audience: string;
}

export class TokenError extends Error {}

const ROLE = /^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$/;

/** Verifies signature, algorithm (never `none`), issuer, audience, expiry and the claims' shape. */
export function verifyToken(token: string, s: JwtSettings): AuthUser {
  const algorithms: Algorithm[] = s.publicKey ? ['RS256'] : ['HS256'];
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, s.publicKey ?? s.secret, { algorithms, issuer: s.issuer, audience: s.audience, clockTolerance: 5 });
  } catch (err) {
    throw new TokenError((err as Error).message);
  }
  if (typeof payload !== 'object') throw new TokenError('token payload is not an object');
  if (typeof payload.exp !== 'number') throw new TokenError('token has no expiry');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new TokenError('token has no subject');
  const roles = payload.roles;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string' && ROLE.test(r))) throw new TokenError('roles claim must be a list of role names');
  const schools = payload.schools;
  if (schools !== undefined && (!Array.isArray(schools) || !schools.every((s) => typeof s === 'string'))) throw new TokenError('schools claim must be a list of school ids');
  return { sub: payload.sub, roles, schools };
}

export interface SignOptions {
  sub: string;
  roles: string[];
  schools?: string[];
  expiresInSeconds?: number;
}

/** Signs a development token with the shared secret (the `npm run token` CLI and tests). */
export function signToken(opts: SignOptions, s: Pick<JwtSettings, 'secret' | 'issuer' | 'audience'>): string {
  const claims: Record<string, unknown> = { roles: opts.roles };
  if (opts.schools) claims.schools = opts.schools;
  return jwt.sign(claims, s.secret, {
    algorithm: 'HS256',
    subject: opts.sub,
    issuer: s.issuer,
    audience: s.audience,
    expiresIn: opts.expiresInSeconds ?? 900,
  });
}
