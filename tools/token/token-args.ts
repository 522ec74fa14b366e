/** Command line of `npm run token`, parsed without side effects so it can be unit tested. */

export const TOKEN_USAGE =
  'usage: npm run token -- --sub NAME --roles ROLE[,ROLE...] [--schools ID[,ID...]] [--ttl SECONDS]\n' +
  '  prints a development JWT as the last line of stdout; JWT_SECRET, JWT_ISSUER and JWT_AUDIENCE as the services read them';

export const DEFAULT_TTL_SECONDS = 900;
/** 12 hours: a development token should not outlive a working day. */
export const MAX_TTL_SECONDS = 43_200;

export interface TokenArgs {
  sub: string;
  roles: string[];
  /** undefined: district-wide */
  schools?: string[];
  ttlSeconds: number;
}

export class UsageError extends Error {}

const FLAGS = ['--sub', '--roles', '--schools', '--ttl'] as const;
type Flag = (typeof FLAGS)[number];

// The services' verifier refuses any other role name, so a token carrying one would be useless.
const ROLE = /^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$/;

/** Reads `--flag value` or `--flag=value` pairs; throws UsageError naming the first problem. */
export function parseTokenArgs(argv: readonly string[]): TokenArgs {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (!isFlag(name)) throw new UsageError(arg.startsWith('-') ? `unknown option ${name}` : `unexpected argument "${arg}"`);
    if (values.has(name)) throw new UsageError(`${name} given twice`);
    let value: string | undefined;
    if (name !== arg) {
      value = arg.slice(equals + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      i++;
    }
    values.set(name, value.trim());
  }

  const sub = values.get('--sub');
  if (!sub) throw new UsageError('--sub is required');
  const rolesText = values.get('--roles');
  if (rolesText === undefined) throw new UsageError('--roles is required');
  const roles = list('--roles', rolesText);
  const badRole = roles.find((role) => !ROLE.test(role));
  if (badRole !== undefined) throw new UsageError(`--roles: "${badRole}" is not a role name (e.g. coo, enrollment:write)`);
  const schoolsText = values.get('--schools');
  const schools = schoolsText === undefined ? undefined : list('--schools', schoolsText);
  const ttlText = values.get('--ttl');
  const ttlSeconds = ttlText === undefined ? DEFAULT_TTL_SECONDS : parseTtl(ttlText);
  return { sub, roles, ...(schools && { schools }), ttlSeconds };
}

function isFlag(arg: string): arg is Flag {
  return (FLAGS as readonly string[]).includes(arg);
}

function parseTtl(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new UsageError(`--ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, not "${text}"`);
  }
  return seconds;
}

/** A comma-separated list; an empty item is a typo, a repeated one is dropped. */
function list(flag: Flag, text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`${flag} has an empty item in "${text}"`);
  return [...new Set(items)];
}
