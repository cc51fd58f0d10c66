/** Strings of the dashboard screens (Simplified Chinese, the source). `dashboard.en.ts` has the same keys. */
export const zhDashboard = {} as const;
