import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, UsageError, parseTokenArgs } from './token-args';

describe('parseTokenArgs', () => {
  it('reads sub and roles, with the default ttl and no school limit', () => {
    expect(parseTokenArgs(['--sub', 'alice', '--roles', 'coo,enrollment:write'])).toEqual({ sub: 'alice', roles: ['coo', 'enrollment:write'], ttlSeconds: DEFAULT_TTL_SECONDS });
  });

  it('reads schools and ttl, in any order and in --flag=value form', () => {
    expect(parseTokenArgs(['--ttl=60', '--schools', '4061, 4541', '--roles=enrollment:read', '--sub=bob'])).toEqual({
      sub: 'bob',
      roles: ['enrollment:read'],
      schools: ['4061', '4541'],
      ttlSeconds: 60,
    });
  });

  it('drops repeated list items', () => {
    expect(parseTokenArgs(['--sub', 'a', '--roles', 'coo,coo']).roles).toEqual(['coo']);
  });

  it.each<[string[], string]>([
    [[], '--sub is required'],
    [['--roles', 'coo'], '--sub is required'],
    [['--sub', 'alice'], '--roles is required'],
    [['--sub', 'alice', '--roles'], '--roles needs a value'],
    [['--sub', '--roles', 'coo'], '--sub needs a value'],
    [['--sub', 'alice', '--roles', 'coo', '--role', 'x'], 'unknown option --role'],
    [['--sub', 'alice', '--roles', 'coo', '-v'], 'unknown option -v'],
    [['--sub', 'alice', '--roles', 'coo', 'extra'], 'unexpected argument "extra"'],
    [['--sub', 'alice', '--sub', 'bob', '--roles', 'coo'], '--sub given twice'],
    [['--sub', 'alice', '--roles', 'coo,,ops'], '--roles has an empty item in "coo,,ops"'],
    [['--sub', 'alice', '--roles', 'COO'], '--roles: "COO" is not a role name (e.g. coo, enrollment:write)'],
    [['--sub', 'alice', '--roles', 'coo', '--schools', ''], '--schools has an empty item in ""'],
    [['--sub', 'alice', '--roles', 'coo', '--ttl', '0'], '--ttl must be a whole number of seconds from 1 to 43200, not "0"'],
    [['--sub', 'alice', '--roles', 'coo', '--ttl', '1.5'], '--ttl must be a whole number'],
    [['--sub', 'alice', '--roles', 'coo', '--ttl', '15m'], '--ttl must be a whole number'],
  ])('rejects %j: %s', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(UsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });

  it('accepts the longest ttl and refuses one second more', () => {
    expect(parseTokenArgs(['--sub', 'a', '--roles', 'coo', '--ttl', String(MAX_TTL_SECONDS)]).ttlSeconds).toBe(43_200);
    expect(() => parseTokenArgs(['--sub', 'a', '--roles', 'coo', '--ttl', String(MAX_TTL_SECONDS + 1)])).toThrow(UsageError);
  });
});
