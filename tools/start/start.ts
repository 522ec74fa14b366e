import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { AppEntry, APPS } from './apps';

/**
 * `npm start`: checks PostgreSQL and NATS, seeds the demo district where a department is empty (which also
 * creates and migrates its database), then starts every app with its logs prefixed. Each app creates its
 * own database if missing, runs its migrations and provisions its JetStream stream and consumers before it
 * reports ready. Ctrl-C stops them all cleanly.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const COLORS = [36, 33, 35, 32, 34, 31, 90];
const children: ChildProcess[] = [];
let stopping = false;

const say = (msg: string) => process.stdout.write(`[start] ${msg}\n`);

async function checkPostgres(): Promise<void> {
  const url = new URL(DATABASE_URL);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (err) {
    fail(`PostgreSQL is not reachable at ${url.host} (${(err as Error).message}).
  Start it, e.g. on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  or point DATABASE_URL at a server (postgres://user:password@host:5432).`);
  }
}

async function checkNats(): Promise<void> {
  const first = new URL(NATS_URL.split(',')[0]);
  const ok = await new Promise<boolean>((resolve) => {
    const s = net.connect(Number(first.port || 4222), first.hostname);
    s.setTimeout(3000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
  if (!ok) {
    fail(`NATS is not reachable at ${first.host}.
  Start it with JetStream, e.g.: nats-server -js -sd /var/lib/nats-server
  or point NATS_URL at a server.`);
  }
}

function fail(message: string): never {
  process.stderr.write(`[start] ${message}\n`);
  process.exit(1);
}

function run(name: string, entry: string, args: string[], env: Record<string, string>, color: number): ChildProcess {
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'tools/register.js'), path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${color}m${name.padEnd(15)}|\x1b[0m `;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(prefix + line + '\n'));
  }
  return child;
}

async function waitReady(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s`);
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  const alive = children.filter((c) => c.exitCode === null);
  let left = alive.length;
  if (left === 0) process.exit(code);
  for (const c of alive) {
    c.once('exit', () => --left === 0 && process.exit(code));
    c.kill('SIGTERM');
  }
  setTimeout(() => process.exit(code), 20_000).unref();
}

async function main(): Promise<void> {
  await checkPostgres();
  await checkNats();
  say(`PostgreSQL and NATS are reachable`);
  process.on('SIGINT', () => stopAll(0));  // also during seeding
  process.on('SIGTERM', () => stopAll(0));

  const args = process.argv.slice(2);
  const scaleArg = args.indexOf('--scale');
  const scale = scaleArg >= 0 ? args[scaleArg + 1] : process.env.SEED_SCALE ?? 'demo';
  say(`seeding the demo district (${scale}) where a department is empty...`);
  // enrollment first: the departments' seeders place their data at the schools its events bring them
  const [first, ...others] = APPS.filter((app) => app.seed);
  const seeded = async (app: AppEntry) => {
    const child = run(`seed ${app.name}`, app.seed!, ['--scale', scale], {}, 90);
    const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
    if (code !== 0) fail(`seeding ${app.name} failed (see above)`);
  };
  await seeded(first);
  await Promise.all(others.map(seeded));
  if (args.includes('--seed-only')) return;

  APPS.forEach((app, i) => children.push(run(app.name, app.entry, [], { PORT: String(app.port) }, COLORS[i % COLORS.length])));
  for (const child of children) child.once('exit', (c) => !stopping && (say(`an app exited (code ${c}); stopping the others`), stopAll(1)));
  try {
    await Promise.all(APPS.map((app, i) => waitReady(app.port, children[i]).catch((err) => { throw new Error(`${app.name}: ${(err as Error).message}`); })));
  } catch (err) {
    say(`${(err as Error).message}`);
    return stopAll(1);
  }
  say('all apps are ready:');
  for (const app of APPS) say(`  ${app.name.padEnd(15)} http://localhost:${app.port}   (Swagger: http://localhost:${app.port}/docs)`);
  say('a token: npm run token -- --sub you --roles coo,enrollment:write,student-records');
  say('Ctrl-C stops everything.');
}

void main();
