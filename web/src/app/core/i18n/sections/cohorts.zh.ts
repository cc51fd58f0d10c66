/** Strings of the cohorts screens (Simplified Chinese, the source). `cohorts.en.ts` has the same keys. */
export const zhCohorts = {} as const;
