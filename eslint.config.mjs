// Lint = module boundaries (the architecture, enforced) plus a few low-noise TypeScript rules.
// `npm run lint` runs with --max-warnings 0, so every rule here is 'error' or 'off'.
// Project tags live in each project.json:
//   type:app (services/*, gateway)  type:lib (libs/*)  scope:contracts (libs/contracts)
//   type:testing (libs/testing)     type:tool (tools)  type:e2e (e2e)
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries only reads the cached project graph (.nx/workspace-data) and silently
// skips itself when there is none, as in a fresh clone. Build (or refresh) the graph before linting so the
// boundaries are always checked against the current project.json files.
await createProjectGraphAsync({ exitOnError: true });

// Nothing with I/O belongs in the contracts library: it is pure types, event definitions and validators.
const IO_PACKAGES = ['pg', 'typeorm', 'nats', '@nestjs/*', 'fastify', 'opossum', 'jsonwebtoken', 'prom-client', 'pino'];
const IO_BUILTINS = ['node:fs', 'fs', 'node:net', 'net', 'http', 'node:http'];

// Production code: apps and libs depend on libs only; nothing in production depends on libs/testing.
const productionConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  {
    sourceTag: 'scope:contracts',
    onlyDependOnLibsWithTags: ['scope:contracts'],
    bannedExternalImports: [...IO_PACKAGES, ...IO_BUILTINS],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:app', 'type:lib', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
];

// Test files of apps and libs may additionally use @district/testing.
const testConstraints = productionConstraints.map((c) =>
  ['type:app', 'type:lib', 'scope:contracts'].includes(c.sourceTag)
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);

const boundaries = (depConstraints) => ({
  '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
});

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', '**/coverage/**', '**/tmp/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
    },
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    rules: {
      ...boundaries(productionConstraints),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-duplicate-enum-values': 'error',
      '@typescript-eslint/no-extra-non-null-assertion': 'error',
      '@typescript-eslint/no-misused-new': 'error',
      '@typescript-eslint/no-namespace': 'error',
      '@typescript-eslint/no-non-null-asserted-optional-chain': 'error',
      '@typescript-eslint/no-this-alias': 'error',
      '@typescript-eslint/no-unsafe-declaration-merging': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'error',
      '@typescript-eslint/no-wrapper-object-types': 'error',
      '@typescript-eslint/prefer-as-const': 'error',
      '@typescript-eslint/triple-slash-reference': 'error',
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-self-assign': 'error',
      'no-unsafe-finally': 'error',
      'no-var': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    files: TEST_FILES,
    rules: boundaries(testConstraints),
  },
  {
    // End-to-end tests run several apps in one process: they alone may import an app's root module,
    // and the list of apps `npm start` runs.
    files: ['e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: ['^\\.\\./(services/[a-z-]+|gateway)/src/app\\.module$', '^\\.\\./tools/start/apps$'], depConstraints: testConstraints },
      ],
    },
  },
  {
    // The Nx rule bans only npm packages (graph nodes from the lock file), never Node built-ins: ban those here.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: IO_BUILTINS.map((name) => ({ name, message: 'libs/contracts must stay free of I/O.' })) },
      ],
    },
  },
];
