import type { zhMentoringWork } from './mentoring-work.zh';

export const enMentoringWork: { readonly [K in keyof typeof zhMentoringWork]: string } = {
  'mentoring-work.placeholder': '',
};
