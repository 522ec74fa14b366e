import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asPostgresUser, dockerAvailable, execQuiet, freePort, isRoot, postgresBinDir, waitForPort } from './processes';

export interface TestPostgres {
  /** server URL (database `postgres`) */
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'No PostgreSQL for tests: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres), or install PostgreSQL server binaries (Debian: apt-get install postgresql), or run a Docker engine.';

/**
 * Finds a PostgreSQL server (DESIGN.md section 5): TEST_DATABASE_URL; else a private server started from
 * the local binaries on a free port in a temporary folder (as the `postgres` user when we are root);
 * else a container. Suites then create their own uniquely named databases on it.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => undefined };
  const bin = postgresBinDir();
  if (bin) return startLocalPostgres(bin);
  if (await dockerAvailable()) return startContainerPostgres();
  throw new Error(INSTALL_HINT);
}

async function startLocalPostgres(bin: string): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'district-pg-'));
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  execQuiet(...asPostgresUser(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']));
  const port = await freePort();
  const [cmd, args] = asPostgresUser(`${bin}/postgres`, [
    '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300',
  ]);
  const proc: ChildProcess = spawn(cmd, args, { stdio: 'ignore' });
  proc.unref();
  await waitForPort(port, 20_000);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // signals sent to runuser do not reach postgres; pg_ctl stops it by its pid file
      execQuiet(...asPostgresUser(`${bin}/pg_ctl`, ['stop', '-D', data, '-m', 'immediate', '-w']));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const out = require('node:child_process').execFileSync('id', ['postgres']).toString();
  const uid = Number(/uid=(\d+)/.exec(out)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(out)?.[1]);
  return { uid, gid };
}

async function startContainerPostgres(): Promise<TestPostgres> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const c = await new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return { url: `postgres://postgres@${c.getHost()}:${c.getMappedPort(5432)}/postgres`, stop: async () => void (await c.stop()) };
}

