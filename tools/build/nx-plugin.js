// Nx plugin: gives every app (services/*, gateway) a cached `build` target, so `nx affected -t build`
// builds only the apps whose sources or libraries changed, without a line in each project.json.
const path = require('node:path');

const buildTarget = (root) => ({
  executor: 'nx:run-commands',
  cache: true,
  inputs: ['production', '^production', '{workspaceRoot}/tools/build/build-app.js', '{workspaceRoot}/tsconfig.base.json'],
  outputs: [`{workspaceRoot}/dist/${root}`],
  options: { command: `node tools/build/build-app.js ${root}` },
});

module.exports.createNodesV2 = [
  '{services/*,gateway}/project.json',
  async (files) =>
    files.map((file) => {
      const root = path.dirname(file);
      return [file, { projects: { [root]: { targets: { build: buildTarget(root) } } } }];
    }),
];
