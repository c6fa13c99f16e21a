// Mutation testing of the rules (issue 13): `npm run test:mutation`. Each mutant is one small change
// to a rule module; the rules' unit tests (jest.rules.config.js, no Temporal, no database) must fail.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'workflows/**/rules.ts',
    'workflows/common/guards.ts',
    'workflows/**/rules/*.ts',
    '{workflows,activities,domain}/**/*-rules.ts',
    // The refusal codes every rule answers with, and the periods (defaults, the weekly Friday).
    'workflows/**/reasons.ts',
    'workflows/**/durations.ts',
  ],
  // Kept out of the sandbox copy: the Temporal CLI, local data, reports and recorded histories.
  ignorePatterns: ['/.tools', '/data', '/dist', '/coverage', '/reports', '/test/*/histories'],
  testRunner: 'jest',
  jest: { configFile: 'jest.rules.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant: a refusal code, a default period) runs every test and
  // took three quarters of the run's time; the rules' logic is what is measured.
  ignoreStatic: true,
  // Generous on a loaded machine: a mutant that only ran slowly must not pass for one caught by a timeout.
  timeoutMS: 20_000,
  plugins: ['@stryker-mutator/jest-runner', './stryker/ignore-messages.mjs'],
  ignorers: ['rule-messages'],
  reporters: ['clear-text', 'progress', 'html'],
  clearTextReporter: { reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 98, low: 95, break: 95 },
  // Each run starts from the last recorded result and tests again only the mutants whose rule or tests
  // changed since: a full run takes over an hour on two cores. `npm run test:mutation -- --force` tests all.
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
