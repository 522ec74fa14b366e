import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dockerAvailable, findBinary, freePort, sleep, waitForPort } from './processes';

/** A NATS server for one test suite. `kill` and `start` exist only for a private server (fault tests). */
export interface TestNats {
  url: string;
  /** true when this suite owns the server and may stop it */
  private: boolean;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'No NATS server for tests: set TEST_NATS_URL, or install nats-server (Debian: apt-get install nats-server), or run a Docker engine.';

/**
 * Finds a NATS server with JetStream (DESIGN.md section 5): TEST_NATS_URL; else a private `nats-server`
 * on a free port with its own storage folder (killable, restartable with the same storage); else a container.
 */
export async function startNats(opts: { requirePrivate?: boolean } = {}): Promise<TestNats> {
  const fromEnv = process.env.TEST_NATS_URL;
  if (fromEnv && !opts.requirePrivate) {
    return { url: fromEnv, private: false, kill: notPrivate, start: notPrivate, stop: async () => undefined };
  }
  const bin = process.env.NATS_SERVER_BIN ?? findBinary('nats-server', ['/usr/sbin', '/usr/local/sbin']);
  if (bin) return startLocalNats(bin);
  if (await dockerAvailable()) return startContainerNats();
  throw new Error(INSTALL_HINT);
}

async function notPrivate(): Promise<void> {
  throw new Error('this NATS server comes from TEST_NATS_URL: the test cannot stop it');
}

async function startLocalNats(bin: string): Promise<TestNats> {
  const port = await freePort();
  const storeDir = mkdtempSync(path.join(tmpdir(), 'district-nats-'));
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    await waitForPort(port, 10_000);
  };
  const kill = async () => {
    if (!proc) return;
    const p = proc;
    proc = undefined;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
    await sleep(50);
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    private: true,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

async function startContainerNats(): Promise<TestNats> {
  // loaded only here: testcontainers costs time to load and fails at once without an engine
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('nats:2.10').withCommand(['-js']).withExposedPorts(4222).withWaitStrategy(Wait.forLogMessage(/Server is ready/)).start();
  const url = `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  return {
    url,
    private: true,
    kill: async () => void (await container.stop({ remove: false, timeout: 0 })),
    start: async () => void (await container.restart()),
    stop: async () => void (await container.stop()),
  };
}
