// The rules' unit tests alone: pure functions, no Temporal server, no database (`npm run test:rules`;
// also the tests `npm run test:mutation` runs). Name a rule module's tests *rules*.test.ts.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*rules*.test.ts'],
  // Tests through the API need the platform the full suite starts.
  testPathIgnorePatterns: ['/node_modules/', '\\.api\\.test\\.ts$'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
};
