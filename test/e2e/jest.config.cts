/**
 * Browser tests of the web app against the real API (playwright-core + Debian's chromium).
 *
 *   npx jest -c test/e2e/jest.config.cts
 *
 * Without E2E_BASE_URL the global setup starts `dist/api/main.js` (which serves `dist/web/browser`)
 * on free ports with a fresh data directory; build both first (`npx nx build api && npx nx build web`).
 */
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  verbose: true,
};
