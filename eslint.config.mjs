// Lint: typescript-eslint's type-checked rules, the layers of ARCHITECTURE.md ("Layers") as import
// zones, no import circle (type-only imports included), and nothing Node-only in the workflow bundle.
// Formatting is prettier's (`npm run lint` checks both); eslint-config-prettier turns off what it owns.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const APP = ['workflows', 'domain', 'activities', 'platform', 'prisma', 'api', 'processes', 'worker', 'scripts', 'bench', 'test'];
const except = (...allowed) => APP.filter((layer) => !allowed.includes(layer));

/** Which layer may import which (ARCHITECTURE.md, "Layers"): each zone names what its target may NOT import. */
const LAYERS = [
  {
    target: 'workflows',
    from: except('workflows', 'activities'),
    message: 'Workflows are bundle-safe: they import only workflows/ (and `import type` of activities/index.ts).',
  },
  { target: 'workflows', from: 'activities', except: ['./index.ts'], message: 'Workflows import only the types of activities/index.ts.' },
  { target: 'domain', from: except('domain', 'workflows', 'prisma'), message: 'domain/ imports only workflows/ and prisma/.' },
  { target: 'domain', from: 'prisma/seed' },
  {
    target: ['prisma/*.ts', 'prisma/engine'],
    from: except('prisma'),
    message: 'prisma/ (schema, client, migrations) imports nothing of the application; only its seed does.',
  },
  { target: 'prisma/seed', from: except('prisma', 'workflows', 'domain'), message: 'The seed imports only prisma/, workflows/ and domain/.' },
  { target: 'scripts/tools', from: except('scripts'), message: 'scripts/tools are plain install-time tools.' },
  { target: 'scripts/tools', from: 'scripts', except: ['./tools'] },
  { target: 'platform', from: except('platform', 'workflows', 'scripts'), message: 'platform/ imports only workflows/ and scripts/tools.' },
  { target: 'platform', from: 'scripts', except: ['./tools'] },
  {
    target: 'activities',
    from: except('activities', 'workflows', 'domain', 'prisma', 'platform'),
    message: 'activities/ import workflows/, domain/, prisma/, platform/.',
  },
  { target: 'activities', from: 'prisma/seed' },
  {
    target: ['api/!(main).ts', 'api/*/**'],
    from: except('api', 'workflows', 'domain', 'prisma', 'platform'),
    message: 'api/ imports workflows/, domain/, prisma/ and platform/; only its composition root (main.ts) imports the registry of processes/.',
  },
  { target: 'api/main.ts', from: except('api', 'workflows', 'domain', 'prisma', 'platform', 'processes') },
  { target: 'api', from: 'prisma/seed' },
  {
    target: 'processes',
    from: except('processes', 'api', 'activities', 'workflows', 'domain', 'prisma', 'platform'),
    message: "processes/ (each process's node side) imports api/, activities/, workflows/, domain/, prisma/, platform/; never worker/ or entry points.",
  },
  {
    target: ['worker/!(main).ts'],
    from: except('worker', 'workflows', 'domain', 'activities', 'prisma', 'platform'),
    message: 'worker/ never imports api/ or entry points; only its main.ts imports the registry of processes/.',
  },
  { target: 'worker/main.ts', from: except('worker', 'workflows', 'domain', 'activities', 'prisma', 'platform', 'processes') },
  { target: 'worker', from: 'prisma/seed' },
];

/** What the workflow bundle cannot hold: Node's built-ins and the Node-side packages. */
const NODE_ONLY = [
  ...builtinModules.filter((name) => !name.startsWith('_')),
  '@temporalio/client',
  '@temporalio/activity',
  '@temporalio/worker',
  '@temporalio/testing',
  'express',
  '@prisma/client',
  'prisma',
  'pg',
  'pino',
  'pino-http',
  'jsonwebtoken',
  'swagger-ui-express',
];

export default defineConfig(
  globalIgnores([
    'generated/',
    '.tools/',
    'reports/',
    'coverage/',
    'data/',
    'dist/',
    '.stryker-tmp/',
    'bench/profiles/',
    'bench/results/',
    'prisma/engine/schema_engine_bg.js',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  importX.flatConfigs.typescript,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: import.meta.dirname })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Value-import circles as you type; `npm run lint` also runs madge, which counts type-only imports (import-x/no-cycle skips them).
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: LAYERS }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_ONLY.map((name) => ({ name, allowTypeImports: true, message: 'Node-only: not in the workflow bundle.' })),
          patterns: [
            {
              group: ['node:*', '@prisma/*', '@temporalio/client/*', '@temporalio/activity/*', '@temporalio/worker/*'],
              allowTypeImports: true,
              message: 'Node-only: not in the workflow bundle.',
            },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Workflows import only the types of activities.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read untyped JSON answers (`api<T = any>`); the any rules stay off here until that helper is typed.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
