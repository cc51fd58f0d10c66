import type {
  Difficulty,
  DrawRule,
  QuestionAnswer,
  QuestionKey,
  QuestionKind,
  QuestionOption,
  QuizSettings,
} from '@lingyan/contracts';

// ---------------------------------------------------------------------------------------------
// Questions

/** A blank in a fill-in-the-blank stem: three or more underscores. */
const BLANK = /_{3,}/g;

export const QUESTION_LIMITS = {
  stem: 2000,
  option: 500,
  minOptions: 2,
  maxOptions: 8,
  explanation: 2000,
  tags: 10,
  tag: 20,
  blanks: 10,
  acceptedPerBlank: 10,
  reference: 2000,
  minPoints: 0.5,
  maxPoints: 100,
} as const;

/** How many blanks a fill-in-the-blank stem has. */
export function blankCount(stem: string): number {
  return stem.match(BLANK)?.length ?? 0;
}

/** The points a question is worth when its author does not say. */
export function defaultPoints(kind: QuestionKind): number {
  return kind === 'short_answer' ? 5 : 1;
}

export interface QuestionShape {
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  key: QuestionKey;
  explanation: string;
  tags: string[];
  points: number;
}

/** Problems of a question as written, by field (empty when it can be saved). */
export function questionProblems(q: QuestionShape): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  const stem = q.stem.trim();
  if (stem === '') add('stem', 'must not be empty');
  if (q.stem.length > QUESTION_LIMITS.stem) add('stem', `must be at most ${QUESTION_LIMITS.stem} characters`);
  if (q.explanation.length > QUESTION_LIMITS.explanation) {
    add('explanation', `must be at most ${QUESTION_LIMITS.explanation} characters`);
  }
  if (!Number.isFinite(q.points) || q.points < QUESTION_LIMITS.minPoints || q.points > QUESTION_LIMITS.maxPoints) {
    add('points', `must be from ${QUESTION_LIMITS.minPoints} to ${QUESTION_LIMITS.maxPoints}`);
  } else if (Math.round(q.points * 2) !== q.points * 2) {
    add('points', 'must be a whole or half number');
  }
  if (q.tags.length > QUESTION_LIMITS.tags) add('tags', `at most ${QUESTION_LIMITS.tags} tags`);
  for (const tag of q.tags) {
    if (tag.trim() === '' || tag.length > QUESTION_LIMITS.tag) {
      add('tags', `each tag has 1 to ${QUESTION_LIMITS.tag} characters`);
      break;
    }
  }
  if (q.key.kind !== q.kind) {
    add('key', `the key is for a ${q.key.kind} question, not ${q.kind}`);
    return problems;
  }
  const choice = q.kind === 'single' || q.kind === 'multiple';
  if (!choice && q.options.length > 0) add('options', `a ${q.kind} question has no options`);
  if (choice) {
    if (q.options.length < QUESTION_LIMITS.minOptions || q.options.length > QUESTION_LIMITS.maxOptions) {
      add('options', `a choice question has ${QUESTION_LIMITS.minOptions} to ${QUESTION_LIMITS.maxOptions} options`);
    }
    const ids = new Set<string>();
    for (const option of q.options) {
      if (!/^[a-z]$/.test(option.id)) add('options', `option id "${option.id}" must be one letter a–z`);
      if (ids.has(option.id)) add('options', `option id "${option.id}" is used twice`);
      ids.add(option.id);
      if (option.text.trim() === '' || option.text.length > QUESTION_LIMITS.option) {
        add('options', `each option has 1 to ${QUESTION_LIMITS.option} characters`);
      }
    }
    const texts = q.options.map((o) => o.text.trim());
    if (new Set(texts).size !== texts.length) add('options', 'two options have the same text');
    if (q.key.kind === 'single' && !ids.has(q.key.optionId)) add('key', 'the correct option is not one of the options');
    if (q.key.kind === 'multiple') {
      const correct = new Set(q.key.optionIds);
      if (correct.size !== q.key.optionIds.length) add('key', 'an option is named twice');
      if (correct.size < 2) add('key', 'a multiple-choice question has at least two correct options');
      if ([...correct].some((id) => !ids.has(id))) add('key', 'a correct option is not one of the options');
      if (correct.size === ids.size) add('key', 'at least one option must be wrong');
    }
  }
  if (q.key.kind === 'fill_blank') {
    const blanks = blankCount(q.stem);
    if (blanks === 0) add('stem', 'mark each blank with ___ (three underscores)');
    if (blanks > QUESTION_LIMITS.blanks) add('stem', `at most ${QUESTION_LIMITS.blanks} blanks`);
    if (q.key.blanks.length !== blanks) add('key', `the stem has ${blanks} blanks; give accepted answers for each`);
    for (const accepted of q.key.blanks) {
      if (accepted.length === 0 || accepted.length > QUESTION_LIMITS.acceptedPerBlank) {
        add('key', `each blank has 1 to ${QUESTION_LIMITS.acceptedPerBlank} accepted answers`);
        break;
      }
      if (accepted.some((a) => normalizeBlank(a) === '' || a.length > 200)) {
        add('key', 'an accepted answer is empty or longer than 200 characters');
        break;
      }
    }
  }
  if (q.key.kind === 'short_answer' && q.key.reference.length > QUESTION_LIMITS.reference) {
    add('key', `the reference answer has at most ${QUESTION_LIMITS.reference} characters`);
  }
  return problems;
}

/**
 * A blank's answer as compared: Unicode-compatible forms folded (full-width letters, digits and
 * punctuation become half-width), spaces removed, case ignored. "ＧＤＰ" and "gdp" match.
 */
export function normalizeBlank(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Why an answer does not fit its question (a client bug: a 400), or null. */
export function answerProblem(
  question: { kind: QuestionKind; options: QuestionOption[]; blankCount: number },
  answer: QuestionAnswer,
): string | null {
  if (answer.kind !== question.kind) return `the answer is for a ${answer.kind} question, not ${question.kind}`;
  const ids = new Set(question.options.map((o) => o.id));
  switch (answer.kind) {
    case 'single':
      return answer.optionId === null || ids.has(answer.optionId) ? null : 'not one of the options';
    case 'multiple':
      if (new Set(answer.optionIds).size !== answer.optionIds.length) return 'an option is chosen twice';
      return answer.optionIds.every((id) => ids.has(id)) ? null : 'not one of the options';
    case 'true_false':
      return null;
    case 'fill_blank':
      if (answer.blanks.length > question.blankCount) return `the question has ${question.blankCount} blanks`;
      return answer.blanks.some((b) => b.length > 200) ? 'a blank has at most 200 characters' : null;
    case 'short_answer':
      return answer.text.length > 5000 ? 'a short answer has at most 5,000 characters' : null;
    default: {
      const unknown: never = answer;
      return `unknown answer ${JSON.stringify(unknown)}`;
    }
  }
}

export type AnswerOutcome = 'correct' | 'partial' | 'wrong' | 'pending';

export interface GradedAnswer {
  /** null: a trainer grades it (short answers). */
  points: number | null;
  outcome: AnswerOutcome;
}

/** Points in hundredths, so partial credit never drifts. */
const hundredths = (value: number) => Math.round(value * 100) / 100;

const outcomeOf = (points: number, max: number): AnswerOutcome =>
  points >= max ? 'correct' : points > 0 ? 'partial' : 'wrong';

/**
 * Grades one answer against its key. Objective kinds are graded at once:
 * - single choice and true/false: all or nothing;
 * - multiple choice (the usual 多选 rule): every correct option and no wrong one earns full points;
 *   some correct options and no wrong one earn half; any wrong option earns nothing;
 * - fill in the blank: each blank an equal share of the points, an answer counting when it matches an
 *   accepted one after `normalizeBlank`.
 * A short answer waits for a trainer. No answer earns nothing.
 */
export function gradeAnswer(key: QuestionKey, answer: QuestionAnswer | undefined, points: number): GradedAnswer {
  if (key.kind === 'short_answer') {
    const text = answer?.kind === 'short_answer' ? answer.text.trim() : '';
    // An empty answer needs no trainer: it earns nothing.
    return text === '' ? { points: 0, outcome: 'wrong' } : { points: null, outcome: 'pending' };
  }
  if (!answer || answer.kind !== key.kind) return { points: 0, outcome: 'wrong' };
  let earned = 0;
  switch (key.kind) {
    case 'single':
      earned = answer.kind === 'single' && answer.optionId === key.optionId ? points : 0;
      break;
    case 'true_false':
      earned = answer.kind === 'true_false' && answer.value === key.value ? points : 0;
      break;
    case 'multiple': {
      const chosen = new Set(answer.kind === 'multiple' ? answer.optionIds : []);
      const correct = new Set(key.optionIds);
      const wrong = [...chosen].some((id) => !correct.has(id));
      const right = [...chosen].filter((id) => correct.has(id)).length;
      if (wrong || right === 0) earned = 0;
      else earned = right === correct.size ? points : points / 2;
      break;
    }
    case 'fill_blank': {
      const given = answer.kind === 'fill_blank' ? answer.blanks : [];
      const right = key.blanks.filter((accepted, i) => {
        const text = normalizeBlank(given[i] ?? '');
        return text !== '' && accepted.some((a) => normalizeBlank(a) === text);
      }).length;
      earned = key.blanks.length === 0 ? 0 : (points * right) / key.blanks.length;
      break;
    }
    default: {
      const unknown: never = key;
      throw new Error(`unknown key ${JSON.stringify(unknown)}`);
    }
  }
  earned = hundredths(earned);
  return { points: earned, outcome: outcomeOf(earned, points) };
}

/** A trainer's points for a short answer: 0 to the question's points, in halves. */
export function manualPointsProblem(points: number, max: number): string | null {
  if (!Number.isFinite(points) || points < 0 || points > max) return `points must be from 0 to ${max}`;
  return Math.round(points * 2) === points * 2 ? null : 'points must be a whole or half number';
}

/** The outcome of a short answer a trainer gave points. */
export function manualOutcome(points: number, max: number): AnswerOutcome {
  return outcomeOf(points, max);
}

// ---------------------------------------------------------------------------------------------
// Quizzes

export const QUIZ_LIMITS = {
  questions: 200,
  rules: 10,
  drawPerRule: 100,
  timeLimitMinutes: 600,
  maxAttempts: 20,
} as const;

/** Problems of a quiz's settings as written (the bank is checked by `drawShortfall`). */
export function quizSettingsProblems(s: QuizSettings): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  if (s.questionIds.length > QUIZ_LIMITS.questions) add('quiz.questionIds', `at most ${QUIZ_LIMITS.questions}`);
  if (new Set(s.questionIds).size !== s.questionIds.length) add('quiz.questionIds', 'a question is listed twice');
  if (s.rules.length > QUIZ_LIMITS.rules) add('quiz.rules', `at most ${QUIZ_LIMITS.rules} rules`);
  for (const rule of s.rules) {
    if (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > QUIZ_LIMITS.drawPerRule) {
      add('quiz.rules', `each rule draws 1 to ${QUIZ_LIMITS.drawPerRule} questions`);
    }
  }
  if (s.selection === 'fixed' && s.rules.length > 0) add('quiz.rules', 'a fixed quiz has no draw rules');
  if (s.selection === 'random' && s.questionIds.length > 0) add('quiz.questionIds', 'a random quiz lists no questions');
  if (
    s.timeLimitMinutes !== null &&
    (!Number.isInteger(s.timeLimitMinutes) ||
      s.timeLimitMinutes < 1 ||
      s.timeLimitMinutes > QUIZ_LIMITS.timeLimitMinutes)
  ) {
    add('quiz.timeLimitMinutes', `from 1 to ${QUIZ_LIMITS.timeLimitMinutes} minutes, or none`);
  }
  if (
    s.maxAttempts !== null &&
    (!Number.isInteger(s.maxAttempts) || s.maxAttempts < 1 || s.maxAttempts > QUIZ_LIMITS.maxAttempts)
  ) {
    add('quiz.maxAttempts', `from 1 to ${QUIZ_LIMITS.maxAttempts}, or unlimited`);
  }
  if (!Number.isFinite(s.passPercent) || s.passPercent < 0 || s.passPercent > 100) {
    add('quiz.passPercent', 'from 0 to 100');
  }
  return problems;
}

/** A question as a draw sees it. */
export interface DrawCandidate {
  id: string;
  kind: QuestionKind;
  tags: readonly string[];
  difficulty: Difficulty;
}

export function matchesRule(q: DrawCandidate, rule: DrawRule): boolean {
  return (
    (rule.kind === undefined || q.kind === rule.kind) &&
    (rule.tag === undefined || q.tags.includes(rule.tag)) &&
    (rule.difficulty === undefined || q.difficulty === rule.difficulty)
  );
}

/**
 * How many questions each rule gets from each group of alike questions (those matching the same
 * rules), so that every rule gets its count and no question is drawn twice: a maximum flow from
 * groups to rules. Groups are tried in the given order. Returns the shortfall when the bank cannot
 * satisfy the rules together.
 */
function assign(
  bank: readonly DrawCandidate[],
  rules: readonly DrawRule[],
  order: (groups: string[]) => string[],
): { take: Map<string, number[]>; groups: Map<string, DrawCandidate[]>; short: number } {
  const groups = new Map<string, DrawCandidate[]>();
  for (const q of bank) {
    const signature = rules.map((rule) => (matchesRule(q, rule) ? '1' : '0')).join('');
    if (!signature.includes('1')) continue;
    groups.set(signature, [...(groups.get(signature) ?? []), q]);
  }
  const names = order([...groups.keys()]);
  const take = new Map(names.map((name) => [name, rules.map(() => 0)]));
  const need = rules.map((rule) => rule.count);
  const left = new Map(names.map((name) => [name, groups.get(name)?.length ?? 0]));
  // Augmenting paths: rule r takes one from a group with room, or from a group that can hand one of
  // its taken questions back to another rule that can take from elsewhere (depth-first).
  const tryRule = (r: number, seen: Set<string>): boolean => {
    for (const name of names) {
      if (name[r] !== '1' || seen.has(name)) continue;
      seen.add(name);
      const counts = take.get(name) as number[];
      if ((left.get(name) ?? 0) > 0) {
        left.set(name, (left.get(name) ?? 0) - 1);
        counts[r] += 1;
        return true;
      }
      for (let other = 0; other < rules.length; other++) {
        if (other === r || counts[other] === 0) continue;
        counts[other] -= 1;
        if (tryRule(other, seen)) {
          counts[r] += 1;
          return true;
        }
        counts[other] += 1;
      }
    }
    return false;
  };
  let short = 0;
  rules.forEach((_, r) => {
    for (let i = 0; i < need[r]; i++) if (!tryRule(r, new Set())) short += 1;
  });
  return { take, groups, short };
}

/** How many questions the bank is short of to satisfy all the rules at once (0: every attempt can be drawn). */
export function drawShortfall(bank: readonly DrawCandidate[], rules: readonly DrawRule[]): number {
  return assign(bank, rules, (groups) => groups).short;
}

/** A random number in [0, 1). */
export type Random = () => number;

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * Draws one attempt's questions by the rules: each rule gets its count of questions matching it, no
 * question twice, in rule order (questions within a rule in random order). Throws when the bank is short.
 */
export function drawQuestions(bank: readonly DrawCandidate[], rules: readonly DrawRule[], random: Random): string[] {
  const { take, groups, short } = assign(shuffled(bank, random), rules, (names) => shuffled(names, random));
  if (short > 0) throw new Error(`the question bank is ${short} questions short of the draw rules`);
  const pools = new Map([...groups].map(([name, questions]) => [name, shuffled(questions, random)]));
  return rules.flatMap((_, r) => {
    const picked: string[] = [];
    for (const [name, counts] of take) {
      const pool = pools.get(name) as DrawCandidate[];
      picked.push(...pool.splice(0, counts[r]).map((q) => q.id));
    }
    return shuffled(picked, random);
  });
}

// ---------------------------------------------------------------------------------------------
// Attempts

/** Seconds after the deadline within which answers still count: the time a save takes to arrive. */
export const DEADLINE_GRACE_SECONDS = 5;

/** When an attempt's time is up, or null for an untimed quiz. */
export function attemptDeadline(startedAt: Date, timeLimitMinutes: number | null): Date | null {
  return timeLimitMinutes === null ? null : new Date(startedAt.getTime() + timeLimitMinutes * 60_000);
}

/** Whether answers arriving at `now` still count. */
export function withinTime(deadline: Date | null, now: Date): boolean {
  return deadline === null || now.getTime() <= deadline.getTime() + DEADLINE_GRACE_SECONDS * 1000;
}

/** Percent of the points, to one decimal (rounded down, so 59.99% never passes a 60% mark). */
export function scorePercent(score: number, maxScore: number): number {
  if (maxScore <= 0) return 0;
  return Math.floor(Math.round((score / maxScore) * 100_000) / 100) / 10;
}

export interface GradedAttempt {
  number: number;
  /** null while a short answer waits for a trainer. */
  percent: number | null;
}

/**
 * The attempt that counts: the best or the last among fully graded attempts (the earlier one when
 * two are equally good). Null when none is graded yet.
 */
export function countedAttempt<T extends GradedAttempt>(attempts: readonly T[], scoring: 'best' | 'last'): T | null {
  const graded = attempts.filter((a) => a.percent !== null).sort((a, b) => a.number - b.number);
  if (graded.length === 0) return null;
  if (scoring === 'last') return graded[graded.length - 1];
  return graded.reduce((best, a) => ((a.percent as number) > (best.percent as number) ? a : best));
}

export function passes(percent: number, passPercent: number): boolean {
  return percent >= passPercent;
}
