import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { signToken, TokenError, verifyToken } from './jwt';

const settings = { secret: 'a-test-secret-that-is-long-enough-000', issuer: 'district-ops', audience: 'district-ops-api' };
const sign = (claims: object, opts: jwt.SignOptions = {}, secret = settings.secret) =>
  jwt.sign(claims, secret, { algorithm: 'HS256', issuer: settings.issuer, audience: settings.audience, subject: 'alice', expiresIn: 60, ...opts });

describe('token verification', () => {
  it('accepts a valid token and returns its subject, roles and schools', () => {
    const token = signToken({ sub: 'alice', roles: ['coo'], schools: ['s1'] }, settings);
    expect(verifyToken(token, settings)).toEqual({ sub: 'alice', roles: ['coo'], schools: ['s1'] });
  });

  const bad: [string, () => string][] = [
    ['malformed', () => 'not.a.token'],
    ['bad signature', () => sign({ roles: ['coo'] }, {}, 'another-secret-that-is-long-enough-000')],
    ['alg none', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'a', roles: ['coo'], iss: 'district-ops', aud: 'district-ops-api', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url')}.`],
    ['expired', () => sign({ roles: ['coo'] }, { expiresIn: -60 })],
    ['not yet valid', () => sign({ roles: ['coo'] }, { notBefore: 3600 })],
    ['wrong issuer', () => sign({ roles: ['coo'] }, { issuer: 'someone-else' })],
    ['wrong audience', () => sign({ roles: ['coo'] }, { audience: 'another-api' })],
    ['no expiry', () => jwt.sign({ roles: ['coo'], sub: 'a' }, settings.secret, { issuer: settings.issuer, audience: settings.audience })],
    ['roles not a list', () => sign({ roles: 'coo' })],
    ['bad role name', () => sign({ roles: ['COO; drop table'] })],
    ['schools not a list', () => sign({ roles: ['coo'], schools: 's1' })],
  ];
  it.each(bad)('rejects a token that is %s', (_name, make) => {
    expect(() => verifyToken(make(), settings)).toThrow(TokenError);
  });

  it('verifies RS256 with a public key and then refuses HS256 tokens', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = jwt.sign({ roles: ['coo'] }, privateKey, { algorithm: 'RS256', issuer: settings.issuer, audience: settings.audience, subject: 'bob', expiresIn: 60 });
    expect(verifyToken(rs, { ...settings, publicKey: pem }).sub).toBe('bob');
    expect(() => verifyToken(sign({ roles: ['coo'] }), { ...settings, publicKey: pem })).toThrow(TokenError);
  });
});
