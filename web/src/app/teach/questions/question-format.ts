import {
  DIFFICULTIES,
  QUESTION_KINDS,
  type Difficulty,
  type QuestionDto,
  type QuestionKey,
  type QuestionKind,
  type QuestionOption,
  type QuestionRequest,
  type QuizSettings,
} from '@lingyan/contracts';
import { QUESTION_LIMITS, blankCount, defaultPoints, questionProblems } from '@lingyan/domain';
import type { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/translation-key';

export { DIFFICULTIES, QUESTION_KINDS };

export const questionKindKey = (kind: QuestionKind): TranslationKey => `questions.kind.${kind}`;
export const difficultyKey = (difficulty: Difficulty): TranslationKey => `questions.difficulty.${difficulty}`;

/** The ng-zorro tag colour of a question kind. */
export const KIND_COLORS: Record<QuestionKind, string> = {
  single: 'blue',
  multiple: 'geekblue',
  true_false: 'cyan',
  fill_blank: 'purple',
  short_answer: 'orange',
};
export const DIFFICULTY_COLORS: Record<Difficulty, string> = { easy: 'green', medium: 'gold', hard: 'red' };

export const isChoice = (kind: QuestionKind): boolean => kind === 'single' || kind === 'multiple';

/** Option ids in order: a–h, shown as A–H. */
export const OPTION_IDS = 'abcdefgh'.split('').slice(0, QUESTION_LIMITS.maxOptions);
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);

/** The first unused option id, or null when the question has all eight. */
export function nextOptionId(options: readonly QuestionOption[]): string | null {
  const used = new Set(options.map((o) => o.id));
  return OPTION_IDS.find((id) => !used.has(id)) ?? null;
}

/** A question as the form edits it: every kind's key side by side, so switching kinds loses nothing. */
export interface QuestionDraft {
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  /** Single choice: the correct option's id. */
  single: string | null;
  /** Multiple choice: the correct options' ids. */
  multiple: string[];
  /** True/false: the correct answer. */
  truth: boolean | null;
  /** Fill in the blank: each blank's accepted answers as typed ("绿水青山|青山绿水"). */
  blanks: string[];
  /** Short answer: the reference answer for the grader. */
  reference: string;
  tags: string[];
  difficulty: Difficulty;
  points: number | null;
  explanation: string;
}

export function emptyDraft(kind: QuestionKind = 'single'): QuestionDraft {
  return {
    kind,
    stem: '',
    options: OPTION_IDS.slice(0, 4).map((id) => ({ id, text: '' })),
    single: null,
    multiple: [],
    truth: null,
    blanks: [],
    reference: '',
    tags: [],
    difficulty: 'medium',
    points: defaultPoints(kind),
    explanation: '',
  };
}

export function draftOf(question: QuestionDto): QuestionDraft {
  const draft = emptyDraft(question.kind);
  const key = question.key;
  return {
    ...draft,
    stem: question.stem,
    options: isChoice(question.kind) ? question.options.map((o) => ({ ...o })) : draft.options,
    single: key.kind === 'single' ? key.optionId : null,
    multiple: key.kind === 'multiple' ? [...key.optionIds] : [],
    truth: key.kind === 'true_false' ? key.value : null,
    blanks: key.kind === 'fill_blank' ? key.blanks.map(joinAnswers) : [],
    reference: key.kind === 'short_answer' ? key.reference : '',
    tags: [...question.tags],
    difficulty: question.difficulty,
    points: question.points,
    explanation: question.explanation,
  };
}

/** A blank's accepted answers as typed: separated by "|" (or a full-width "｜"), trimmed, without repeats. */
export function splitAnswers(text: string): string[] {
  const answers = (text ?? '')
    .split(/[|｜]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return [...new Set(answers)];
}

export const joinAnswers = (answers: readonly string[]): string => answers.join(' | ');

/** The blanks' typed answers, one per blank of the stem (answers typed for blanks since removed are kept aside). */
export function blankTexts(draft: QuestionDraft): string[] {
  const count = Math.min(blankCount(draft.stem), QUESTION_LIMITS.blanks);
  return Array.from({ length: count }, (_, i) => draft.blanks[i] ?? '');
}

export function draftKey(draft: QuestionDraft): QuestionKey {
  switch (draft.kind) {
    case 'single':
      return { kind: 'single', optionId: draft.single ?? '' };
    case 'multiple': {
      const chosen = new Set(draft.multiple);
      return { kind: 'multiple', optionIds: draft.options.filter((o) => chosen.has(o.id)).map((o) => o.id) };
    }
    case 'true_false':
      return { kind: 'true_false', value: draft.truth ?? false };
    case 'fill_blank':
      return { kind: 'fill_blank', blanks: blankTexts(draft).map(splitAnswers) };
    case 'short_answer':
      return { kind: 'short_answer', reference: draft.reference.trim() };
  }
}

export function questionRequest(draft: QuestionDraft): QuestionRequest {
  return {
    kind: draft.kind,
    stem: draft.stem.trim(),
    options: isChoice(draft.kind) ? draft.options.map((o) => ({ id: o.id, text: o.text.trim() })) : [],
    key: draftKey(draft),
    explanation: draft.explanation.trim(),
    tags: [...new Set(draft.tags.map((t) => t.trim()).filter((t) => t !== ''))],
    difficulty: draft.difficulty,
    points: draft.points ?? undefined,
  };
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/** The problems `questionProblems` finds (as the server will), and a true/false question without its answer. */
export function draftProblems(draft: QuestionDraft): FieldProblem[] {
  const request = questionRequest(draft);
  const problems = questionProblems({
    kind: request.kind,
    stem: request.stem,
    options: request.options ?? [],
    key: request.key,
    explanation: request.explanation ?? '',
    tags: request.tags ?? [],
    points: draft.points ?? Number.NaN,
  });
  if (draft.kind === 'true_false' && draft.truth === null) problems.push({ field: 'key', problem: CHOOSE_TRUTH });
  // Empty options are "the same text" too: say only that they are empty.
  const empty = problems.some((p) => p.field === 'options' && p.problem.startsWith('each option has'));
  return empty ? problems.filter((p) => p.problem !== 'two options have the same text') : problems;
}

const CHOOSE_TRUTH = 'choose true or false';

// ----- messages ------------------------------------------------------------------------------

type MessageRule = [field: RegExp, problem: RegExp, key: TranslationKey];

/** The problems of `questionProblems` (client and server alike) as translation keys; numbers are passed on. */
const QUESTION_MESSAGES: MessageRule[] = [
  [/^stem$/, /^must not be empty$/, 'questions.problem.stemRequired'],
  [/^stem$/, /^mark each blank with/, 'questions.problem.noBlanks'],
  [/^stem$/, /^at most (?<max>\d+) blanks$/, 'questions.problem.blankCount'],
  [/^(stem|explanation)$/, /^must be at most (?<max>\d+) characters$/, 'questions.problem.tooLong'],
  [/^points$/, /^must be from (?<min>[\d.]+) to (?<max>[\d.]+)$/, 'questions.problem.pointsRange'],
  [/^points$/, /^must be a whole or half number$/, 'questions.problem.pointsHalf'],
  [/^tags$/, /^at most (?<max>\d+) tags$/, 'questions.problem.tagCount'],
  [/^tags$/, /^each tag has 1 to (?<max>\d+) characters$/, 'questions.problem.tagLength'],
  [/^options$/, /^a choice question has (?<min>\d+) to (?<max>\d+) options$/, 'questions.problem.optionCount'],
  [/^options$/, /^each option has 1 to (?<max>\d+) characters$/, 'questions.problem.optionText'],
  [/^options$/, /^two options have the same text$/, 'questions.problem.optionSame'],
  [/^key$/, /^the correct option is not one of the options$/, 'questions.problem.chooseOne'],
  [/^key$/, /^a multiple-choice question has at least two correct options$/, 'questions.problem.chooseTwo'],
  [/^key$/, /^a correct option is not one of the options$/, 'questions.problem.chooseTwo'],
  [/^key$/, /^at least one option must be wrong$/, 'questions.problem.oneWrong'],
  [/^key$/, /^the stem has \d+ blanks; give accepted answers for each$/, 'questions.problem.blankAnswers'],
  [/^key$/, /^each blank has 1 to (?<max>\d+) accepted answers$/, 'questions.problem.blankAccepted'],
  [/^key$/, /^an accepted answer is empty or longer than (?<max>\d+) characters$/, 'questions.problem.answerLength'],
  [/^key$/, /^the reference answer has at most (?<max>\d+) characters$/, 'questions.problem.tooLong'],
  [/^key$/, new RegExp(`^${CHOOSE_TRUTH}$`), 'questions.problem.chooseTruth'],
];

/** The problems of `quizSettingsProblems` as translation keys. */
const QUIZ_MESSAGES: MessageRule[] = [
  [/^quiz\.questionIds$/, /^at most (?<max>\d+)$/, 'questions.quiz.problem.tooMany'],
  [/^quiz\.questionIds$/, /^a question is listed twice$/, 'questions.quiz.problem.twice'],
  [/^quiz\.rules$/, /^at most (?<max>\d+) rules$/, 'questions.quiz.problem.ruleCount'],
  [/^quiz\.rules$/, /^each rule draws 1 to (?<max>\d+) questions$/, 'questions.quiz.problem.ruleDraw'],
  [/^quiz\.timeLimitMinutes$/, /^from 1 to (?<max>\d+) minutes, or none$/, 'questions.quiz.problem.timeLimit'],
  [/^quiz\.maxAttempts$/, /^from 1 to (?<max>\d+), or unlimited$/, 'questions.quiz.problem.attempts'],
  [/^quiz\.passPercent$/, /^from 0 to 100$/, 'questions.quiz.problem.passPercent'],
];

function translate(i18n: I18nService, rules: MessageRule[], field: string, problem: string): string {
  for (const [fieldRule, problemRule, key] of rules) {
    const match = fieldRule.test(field) ? problemRule.exec(problem) : null;
    if (match) return i18n.t(key, { ...match.groups });
  }
  return i18n.t('validation.server', { problems: problem });
}

export const questionMessage = (i18n: I18nService, field: string, problem: string): string =>
  translate(i18n, QUESTION_MESSAGES, field, problem);

export const quizMessage = (i18n: I18nService, field: string, problem: string): string =>
  translate(i18n, QUIZ_MESSAGES, field, problem);

/** Problems grouped by field (the first part of a dotted name), each translated once. */
export function messagesByField(
  problems: readonly FieldProblem[],
  message: (field: string, problem: string) => string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const { field, problem } of problems) {
    const text = message(field, problem);
    const list = (result[field] ??= []);
    if (!list.includes(text)) list.push(text);
  }
  return result;
}

// ----- quizzes -------------------------------------------------------------------------------

/** The settings to send: a fixed quiz lists questions, a random one rules (the other list is kept while editing). */
export function quizRequest(settings: QuizSettings): QuizSettings {
  return settings.selection === 'fixed'
    ? { ...settings, rules: [] }
    : { ...settings, questionIds: [], rules: settings.rules.map((r) => ({ ...r })) };
}

/** A quiz without questions (or without rules) cannot be published yet. */
export function quizIsEmpty(settings: QuizSettings): boolean {
  return settings.selection === 'fixed' ? settings.questionIds.length === 0 : settings.rules.length === 0;
}

/** A question's stem on one line, for lists. */
export function stemLine(stem: string): string {
  return stem.replace(/\s+/g, ' ').trim();
}
