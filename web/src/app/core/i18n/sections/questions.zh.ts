/** Strings of the trainer question-bank, quiz-settings and grading screens (teach) (Simplified Chinese, the source). `questions.en.ts` has the same keys. */
export const zhQuestions = {
  'questions.title': '题库',
};
