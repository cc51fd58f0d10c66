import type { zhMentoringAdmin } from './mentoring-admin.zh';

export const enMentoringAdmin: { readonly [K in keyof typeof zhMentoringAdmin]: string } = {
  'mentoring-admin.placeholder': '',
};
