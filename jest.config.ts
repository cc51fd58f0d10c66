import type { Config } from 'jest';

/** `npm test`: every unit and API test project in one run. Browser tests are `npm run test:e2e`. */
const config: Config = {
  // A project's own testTimeout is not applied when it runs as one of several projects: the API
  // suites' set-up (a database per suite, several sign-ins) needs more than Jest's 5 s on a busy machine.
  testTimeout: 60_000,
  projects: [
    '<rootDir>/libs/contracts/jest.config.cts',
    '<rootDir>/libs/domain/jest.config.cts',
    '<rootDir>/api/jest.config.cts',
    '<rootDir>/test/api/jest.config.cts',
    '<rootDir>/web/jest.config.cts',
  ],
};

export default config;
