export * from './lib/roles';
export * from './lib/common';
export * from './lib/errors';
export * from './lib/regions';
export * from './lib/users';
export * from './lib/auth';
export * from './lib/learning';
export * from './lib/curriculum';
