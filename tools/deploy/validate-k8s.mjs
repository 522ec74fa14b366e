// Validates Kubernetes objects against the API's JSON schemas (the kubernetes-models package, generated
// from the Kubernetes OpenAPI). Reads a JSON array of objects on stdin; prints a JSON array of errors.
// A separate process because the package is ESM only (jest runs CommonJS).
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const errors = [];
for (const o of objects) {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [null, o.apiVersion];
  const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${o.kind}`;
  try {
    const mod = await import(modulePath);
    new mod[o.kind](o).validate();
  } catch (err) {
    errors.push(`${o.kind}/${o.metadata?.name}: ${err.message}`);
  }
}
process.stdout.write(JSON.stringify(errors));
