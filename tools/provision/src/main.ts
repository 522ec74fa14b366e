// The provisioning step: applies the declared JetStream streams and consumers (deploy/nats/jetstream) with
// the `provisioner` NATS user, then exits. Idempotent: run it before every rollout (Kubernetes Job
// `nats-provision`, compose service `provision`). Usage: node dist/main.js [--dir DIR]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { connect } from 'nats';
import { applyDeclarations, inboxPrefixOf, loadDeclarations, natsAuthOptions } from '@district/messaging';

async function main(): Promise<void> {
  const argDir = process.argv.indexOf('--dir');
  const candidates = [argDir > 0 ? process.argv[argDir + 1] : process.env.JETSTREAM_DIR, path.join(__dirname, 'jetstream'), path.resolve(__dirname, '../../../deploy/nats/jetstream')];
  const dir = candidates.find((d): d is string => !!d && existsSync(d));
  if (!dir) throw new Error('no JetStream declarations: pass --dir or set JETSTREAM_DIR');
  const replicas = process.env.STREAM_REPLICAS ? Number(process.env.STREAM_REPLICAS) : undefined;
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 1 && replicas <= 5)) throw new Error(`STREAM_REPLICAS=${process.env.STREAM_REPLICAS}: an integer from 1 to 5`);
  if (process.env.NATS_USER && !process.env.NATS_PASSWORD) throw new Error('NATS_PASSWORD: required with NATS_USER');
  const nc = await connect({
    servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','),
    name: 'provisioner',
    inboxPrefix: inboxPrefixOf('provisioner'),
    ...natsAuthOptions({ user: process.env.NATS_USER, password: process.env.NATS_PASSWORD, credsFile: process.env.NATS_CREDS_FILE }),
  });
  try {
    const result = await applyDeclarations(await nc.jetstreamManager({ timeout: 10_000 }), loadDeclarations(dir), { replicas });
    for (const [what, list] of Object.entries(result)) for (const item of list) process.stdout.write(`${what}: ${item}\n`);
  } finally {
    await nc.drain();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`provisioning failed: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
