import type { zhCohorts } from './cohorts.zh';

export const enCohorts: { readonly [K in keyof typeof zhCohorts]: string } = {};
