/** Strings of the trainee quiz-taking screens (learn/quiz) (Simplified Chinese, the source). `quiz.en.ts` has the same keys. */
export const zhQuiz = {
  'quiz.title': '测验',
};
