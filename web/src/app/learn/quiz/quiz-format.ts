import type {
  AttemptQuestionDto,
  QuestionAnswer,
  QuestionKey,
  QuestionKind,
  QuestionResultDto,
} from '@lingyan/contracts';
import type { TranslationKey } from '../../core/i18n/translation-key';

export const questionKindKey = (kind: QuestionKind): TranslationKey => `quiz.kind.${kind}`;
export const outcomeKey = (outcome: QuestionResultDto['outcome']): TranslationKey => `quiz.outcome.${outcome}`;

/** ng-zorro tag colours of the outcomes. */
export const OUTCOME_COLORS: Record<QuestionResultDto['outcome'], string> = {
  correct: 'success',
  partial: 'warning',
  wrong: 'error',
  pending: 'processing',
};

/** Options are lettered in the order this attempt shows them: A, B, C… */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);

/** Points without float noise: 2, 0.5, 7.5. */
export function formatPoints(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A fill-in-the-blank stem as text and numbered blanks: `texts[i]` comes before blank `i + 1`. */
export function stemParts(stem: string): string[] {
  return stem.split(/_{3,}/);
}

/** One line of an answer or key as shown: an option (letter and text), a word, or free text. */
export interface AnswerLine {
  /** An option's letter, or the blank's number ("1"), or null. */
  label: string | null;
  /** Text to show as is. */
  text: string | null;
  /** …or a translated word (对 / 错). */
  key: TranslationKey | null;
}

const line = (label: string | null, text: string | null, key: TranslationKey | null = null): AnswerLine => ({
  label,
  text,
  key,
});

function optionLines(question: Pick<AttemptQuestionDto, 'options'>, ids: readonly string[]): AnswerLine[] {
  return question.options.flatMap((option, index) =>
    ids.includes(option.id) ? [line(optionLetter(index), option.text)] : [],
  );
}

/** The trainee's answer as lines (empty when not answered). */
export function answerLines(
  question: Pick<AttemptQuestionDto, 'options'>,
  answer: QuestionAnswer | undefined,
): AnswerLine[] {
  if (!answer) return [];
  switch (answer.kind) {
    case 'single':
      return answer.optionId === null ? [] : optionLines(question, [answer.optionId]);
    case 'multiple':
      return optionLines(question, answer.optionIds);
    case 'true_false':
      return answer.value === null ? [] : [line(null, null, answer.value ? 'quiz.true' : 'quiz.false')];
    case 'fill_blank':
      return answer.blanks.some((b) => b.trim() !== '')
        ? answer.blanks.map((b, i) => line(String(i + 1), b.trim() === '' ? '—' : b))
        : [];
    case 'short_answer':
      return answer.text.trim() === '' ? [] : [line(null, answer.text)];
  }
}

/** The key as lines: the correct options, 对 / 错, the accepted answers of each blank, or the reference answer. */
export function keyLines(question: Pick<AttemptQuestionDto, 'options'>, key: QuestionKey): AnswerLine[] {
  switch (key.kind) {
    case 'single':
      return optionLines(question, [key.optionId]);
    case 'multiple':
      return optionLines(question, key.optionIds);
    case 'true_false':
      return [line(null, null, key.value ? 'quiz.true' : 'quiz.false')];
    case 'fill_blank':
      return key.blanks.map((accepted, i) => line(String(i + 1), accepted.join(' / ')));
    case 'short_answer':
      return key.reference.trim() === '' ? [] : [line(null, key.reference)];
  }
}
