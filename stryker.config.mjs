// Mutation testing of the rules (issue 13): `npm run test:mutation`. Each mutant is one small change
// to a rule module; the rules' unit tests (jest.rules.config.js, no Temporal, no database) must fail.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'workflows/**/rules.ts',
    'workflows/**/rules/*.ts',
    // The combinator every rule answers through, and the periods: defaults, the weekly Friday, working days.
    'workflows/**/reasons.ts',
    'workflows/**/durations.ts',
    'activities/calendar.ts',
  ],
  // The sandbox holds only what the pure tests load (fast to copy; no tools, data or histories).
  ignorePatterns: ['/*', '!/workflows', '!/activities', '!/test', '/test/histories', '!/tsconfig.json', '!/package.json', '!/jest.rules.config.js'],
  testRunner: 'jest',
  jest: { configFile: 'jest.rules.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  plugins: ['@stryker-mutator/jest-runner', './stryker/ignore-messages.mjs'],
  ignorers: ['rule-messages'],
  ignoreStatic: false,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 98, low: 95, break: 95 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
