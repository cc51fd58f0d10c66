import type { Config } from 'jest';

/** `npm test`: every unit and API test project in one run. Browser tests are `npm run test:e2e`. */
const config: Config = {
  projects: [
    '<rootDir>/libs/contracts/jest.config.cts',
    '<rootDir>/libs/domain/jest.config.cts',
    '<rootDir>/api/jest.config.cts',
    '<rootDir>/test/api/jest.config.cts',
    '<rootDir>/web/jest.config.cts',
  ],
};

export default config;
