// Builds one app into dist/<app>/ for its image: `node dist/<app>/main.js` (the Dockerfile runs it as
// `node dist/main.js`). The app's sources and the libraries are compiled with swc (decorator metadata on,
// as tools/register.js does at development time) into the same tree, with `@district/*` imports rewritten
// to relative paths. Test files and libs/testing are left out.
// Usage: node tools/build/build-app.js <app root, e.g. services/transportation> [--assets FROM:TO ...]
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const ROOT = path.resolve(__dirname, '..', '..');
const app = process.argv[2];
if (!app || !fs.existsSync(path.join(ROOT, app, 'src', 'main.ts'))) {
  process.stderr.write('usage: node tools/build/build-app.js <app root with src/main.ts> [--assets FROM:TO]\n');
  process.exit(2);
}
const out = path.join(ROOT, 'dist', app);
const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));

// every file the app may load at run time: sources, and data files beside them (e.g. libs/seed-data's CSV)
const isTestOrType = (f) => f.endsWith('.d.ts') || /\.(spec|int-spec|e2e-spec)\.ts$/.test(f);
function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') yield* walk(p);
    } else if (!isTestOrType(p)) yield p;
  }
}

const libs = fs.readdirSync(path.join(ROOT, 'libs')).filter((l) => l !== 'testing' && fs.existsSync(path.join(ROOT, 'libs', l, 'src')));
const roots = [path.join(ROOT, app, 'src'), ...libs.map((l) => path.join(ROOT, 'libs', l, 'src'))];

fs.rmSync(out, { recursive: true, force: true });
let count = 0;
for (const root of roots) {
  for (const file of walk(root)) {
    if (!file.endsWith('.ts')) {
      const copy = path.join(out, path.relative(ROOT, file));
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(file, copy);
      continue;
    }
    const { code, map } = swc.transformFileSync(file, {
      filename: file,
      sourceMaps: true,
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: ROOT,
        paths: tsconfig.compilerOptions.paths,
      },
      module: { type: 'commonjs' },
    });
    const target = path.join(out, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    fs.writeFileSync(`${target}.map`, map);
    count++;
  }
}
fs.writeFileSync(path.join(out, 'main.js'), `'use strict';\n// entry of the ${app} image\nrequire('./${app}/src/main.js');\n`);

const assets = process.argv.indexOf('--assets');
if (assets > 0) {
  for (const spec of process.argv.slice(assets + 1)) {
    const [from, to] = spec.split(':');
    fs.cpSync(path.join(ROOT, from), path.join(out, to), { recursive: true });
  }
}
process.stdout.write(`built ${app}: ${count} files in ${path.relative(ROOT, out)} (node ${path.relative(ROOT, out)}/main.js)\n`);
