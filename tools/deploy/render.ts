// Writes deploy/nats/auth.conf and deploy/nats/jetstream/** from tools/deploy/topology.ts (`npm run deploy:render`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderAuthConf, renderDeclarations } from './topology';

const root = path.resolve(__dirname, '..', '..', 'deploy', 'nats');
writeFileSync(path.join(root, 'auth.conf'), renderAuthConf());
for (const sub of ['streams', 'consumers']) {
  mkdirSync(path.join(root, 'jetstream', sub), { recursive: true });
  for (const f of readdirSync(path.join(root, 'jetstream', sub))) rmSync(path.join(root, 'jetstream', sub, f));
}
for (const [file, body] of Object.entries(renderDeclarations())) {
  writeFileSync(path.join(root, 'jetstream', file), `${JSON.stringify(body, null, 2)}\n`);
}
process.stdout.write(`rendered ${root}/auth.conf and ${Object.keys(renderDeclarations()).length} JetStream declarations\n`);
