export * from './lib/regions';
export * from './lib/passwords';
export * from './lib/roles';
export * from './lib/accounts';
export * from './lib/learning';
export * from './lib/cohorts';
