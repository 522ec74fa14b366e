// Runs the TypeScript sources directly with swc (decorator metadata on, tsconfig paths resolved).
// Used by `npm start`, the CLIs and the Docker images, so there is one way to run every app.
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
