import type { zhQuiz } from './quiz.zh';

export const enQuiz: { readonly [K in keyof typeof zhQuiz]: string } = {
  'quiz.title': 'Quiz',
};
