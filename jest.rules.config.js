// The pure tests: rules and period arithmetic, no Temporal server, no database (`npm run test:rules`;
// also the test run of `npm run test:mutation`). Name a rule module's tests *rules*.test.ts.
// Official days are Beijing days whatever the server's zone; these tests run as a server in Beijing
// would (the full suite runs them in the machine's zone).
process.env.TZ = 'Asia/Shanghai';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*rules*.test.ts', '<rootDir>/test/common/calendar.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
};
