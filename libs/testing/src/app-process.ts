import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, waitFor } from './processes';

/** An app of the platform running as its own process, as in production (end-to-end tests). */
export interface AppProcess {
  name: string;
  url: string;
  /** last lines the process printed, for failure messages */
  output(): string;
  /** SIGTERM and wait for a clean exit; resolves with the exit code */
  stop(): Promise<number | null>;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Starts `entry` (e.g. services/enrollment/src/main.ts) on a free port and waits until /health/ready is 200. */
export async function startAppProcess(name: string, entry: string, env: Record<string, string>, readyTimeoutMs = 60_000): Promise<AppProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', path.join(ROOT, 'tools/register.js'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 50));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    name,
    url,
    output: () => lines.join('\n'),
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
      return (await fetch(`${url}/health/ready`)).status === 200;
    }, { timeoutMs: readyTimeoutMs, intervalMs: 200, what: `${name} ready` });
  } catch (err) {
    await app.stop();
    throw new Error(`${(err as Error).message}\n${app.output()}`);
  }
  return app;
}

/** Runs a seeder (e.g. services/food/src/seed/seed.main.ts) to completion with `--scale demo`; throws with its output if it fails. */
export async function runSeedProcess(entry: string, env: Record<string, string>, timeoutMs = 300_000, scale = 'demo'): Promise<string> {
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'tools/register.js'), path.join(ROOT, entry), '--scale', scale], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${entry} exited with ${code}:\n${output}`);
  return output;
}
