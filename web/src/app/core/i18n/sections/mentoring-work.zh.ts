/** Strings of the mentoring screens of the work area (Simplified Chinese, the source); `mentoring-work.en.ts` has the same keys. */
export const zhMentoringWork = {
  'mentoring-work.placeholder': '',
} as const;
