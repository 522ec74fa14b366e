import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@district/persistence';
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
  await waitForPort(port, 20_000);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGINT');
      await exited;
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

/** A fresh database with a unique name on the test server; `drop` removes it. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest.config.js (its global setup finds a server)');
  const name = `t_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`.slice(0, 63);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  await ensureDatabase(url);
  return { url, name, drop: () => dropDatabase(url) };
}
