/**
 * Jest's global setup runs outside Jest's module system, where the `@lingyan/*` path aliases of
 * tsconfig.base.json are unknown; register them for it.
 */
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const root = join(__dirname, '../../..');
register({
  baseUrl: root,
  paths: {
    '@lingyan/contracts': ['libs/contracts/src/index.ts'],
    '@lingyan/domain': ['libs/domain/src/index.ts'],
  },
});
