/**
 * `npm run token -- --sub NAME --roles coo,enrollment:write [--schools ID,ID] [--ttl SECONDS]`
 * Signs a development JWT the services accept. The description goes to stderr and the token is the
 * last line of stdout, so `TOKEN=$(npm run -s token -- ...)` captures just the token.
 */
import { JWT_AUDIENCE, JWT_ISSUER } from '@district/contracts';
import { DEV_JWT_SECRET, signToken } from '@district/service-kit';
import { TOKEN_USAGE, UsageError, parseTokenArgs } from './token-args';

/** The services refuse a shorter secret at boot (BaseEnv), so a token signed with one is useless. */
const MIN_SECRET_LENGTH = 32;

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return 0;
  }
  let args;
  try {
    args = parseTokenArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`token: ${err.message}\n${TOKEN_USAGE}\n`);
    return 2;
  }

  // empty counts as unset, as in the services' loadEnv
  const secret = process.env.JWT_SECRET || DEV_JWT_SECRET;
  const issuer = process.env.JWT_ISSUER || JWT_ISSUER;
  const audience = process.env.JWT_AUDIENCE || JWT_AUDIENCE;
  if (secret.length < MIN_SECRET_LENGTH) {
    process.stderr.write(`token: JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters, as the services require\n`);
    return 1;
  }

  const token = signToken({ sub: args.sub, roles: args.roles, schools: args.schools, expiresInSeconds: args.ttlSeconds }, { secret, issuer, audience });
  const expires = new Date(Date.now() + args.ttlSeconds * 1000).toISOString();
  const scope = args.schools ? `schools ${args.schools.join(',')}` : 'district-wide';
  const key = secret === DEV_JWT_SECRET ? 'the development secret' : 'JWT_SECRET';
  process.stderr.write(`token for ${args.sub}, roles ${args.roles.join(',')}, ${scope}, expires ${expires}, signed with ${key} (iss ${issuer}, aud ${audience})\n`);
  process.stdout.write(`${token}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
