/** Strings of the mentoring screens of the admin area (Simplified Chinese, the source); `mentoring-admin.en.ts` has the same keys. */
export const zhMentoringAdmin = {
  'mentoring-admin.placeholder': '',
} as const;
