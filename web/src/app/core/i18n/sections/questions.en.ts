import type { zhQuestions } from './questions.zh';

export const enQuestions: { readonly [K in keyof typeof zhQuestions]: string } = {
  'questions.title': 'Question bank',
};
