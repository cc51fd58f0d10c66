import type { AttemptQuestionDto, QuestionAnswer } from '@lingyan/contracts';

/**
 * The answers of an attempt that the server has not confirmed yet, kept in `localStorage` (one key per
 * attempt) so that a reload, a closed tab or a dead connection loses nothing. Pure functions: the
 * quiz session decides when to call them.
 *
 * Each pending answer carries `at`, the moment it was changed on the server's clock (the phone's
 * clock plus the offset measured when the attempt arrived). `base` is the server's `answersSavedAt`
 * that the local changes build on (the last one this device saw). On resume a local answer wins over
 * the server's when nobody saved since `base`, when the server has no answer to that question, or when
 * it was changed after the server last saved; otherwise another device saved later, and the server's wins.
 */

export const ANSWER_STORE_PREFIX = 'lingyan.quiz-answers.';
/** Local answers of an attempt nobody opened for this long are dropped (the attempt is long over). */
export const ANSWER_STORE_MAX_AGE_MS = 14 * 24 * 3600_000;

export interface PendingAnswer {
  answer: QuestionAnswer;
  /** When it was changed, in ms on the server's clock. */
  at: number;
}

export interface LocalAnswers {
  /** The server's `answersSavedAt` the pending answers build on. */
  base: string | null;
  /** Changed answers not confirmed by the server, by question id. */
  pending: Record<string, PendingAnswer>;
}

interface StoredRecord extends LocalAnswers {
  v: 1;
  /** When this record was last written (the phone's clock), for pruning. */
  updatedAt: number;
}

/** The part of `Storage` the store uses (a fake one in tests). */
export type AnswerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const emptyLocal = (): LocalAnswers => ({ base: null, pending: {} });

export function storageKey(attemptId: string): string {
  return ANSWER_STORE_PREFIX + attemptId;
}

// ---------------------------------------------------------------------------------------------
// Answers

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The answer as read back from storage, or null when it is not a well-formed answer. */
export function readAnswer(value: unknown): QuestionAnswer | null {
  if (!isObject(value)) return null;
  switch (value['kind']) {
    case 'single':
      return value['optionId'] === null || typeof value['optionId'] === 'string'
        ? { kind: 'single', optionId: value['optionId'] }
        : null;
    case 'multiple':
      return isStrings(value['optionIds']) ? { kind: 'multiple', optionIds: value['optionIds'] } : null;
    case 'true_false':
      return value['value'] === null || typeof value['value'] === 'boolean'
        ? { kind: 'true_false', value: value['value'] }
        : null;
    case 'fill_blank':
      return isStrings(value['blanks']) ? { kind: 'fill_blank', blanks: value['blanks'] } : null;
    case 'short_answer':
      return typeof value['text'] === 'string' ? { kind: 'short_answer', text: value['text'] } : null;
    default:
      return null;
  }
}

/** An unanswered answer of the question's kind (what the inputs start from). */
export function emptyAnswer(question: Pick<AttemptQuestionDto, 'kind' | 'blankCount'>): QuestionAnswer {
  switch (question.kind) {
    case 'single':
      return { kind: 'single', optionId: null };
    case 'multiple':
      return { kind: 'multiple', optionIds: [] };
    case 'true_false':
      return { kind: 'true_false', value: null };
    case 'fill_blank':
      return { kind: 'fill_blank', blanks: Array.from({ length: question.blankCount }, () => '') };
    case 'short_answer':
      return { kind: 'short_answer', text: '' };
  }
}

/** Whether the trainee gave an answer (a choice, a filled blank, some text). */
export function isAnswered(answer: QuestionAnswer | undefined | null): boolean {
  if (!answer) return false;
  switch (answer.kind) {
    case 'single':
      return answer.optionId !== null;
    case 'multiple':
      return answer.optionIds.length > 0;
    case 'true_false':
      return answer.value !== null;
    case 'fill_blank':
      return answer.blanks.some((b) => b.trim() !== '');
    case 'short_answer':
      return answer.text.trim() !== '';
  }
}

/** Equal answers (the order of chosen options does not matter). */
export function sameAnswer(a: QuestionAnswer | undefined | null, b: QuestionAnswer | undefined | null): boolean {
  if (!a || !b) return a === b || (!isAnswered(a) && !isAnswered(b));
  if (a.kind !== b.kind) return false;
  if (a.kind === 'multiple' && b.kind === 'multiple') {
    return (
      a.optionIds.length === b.optionIds.length && [...a.optionIds].sort().join() === [...b.optionIds].sort().join()
    );
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether an answer fits its question, so that the server will take it (kind, options, blanks). */
export function fitsQuestion(
  question: Pick<AttemptQuestionDto, 'kind' | 'options' | 'blankCount'>,
  answer: QuestionAnswer,
): boolean {
  if (answer.kind !== question.kind) return false;
  const ids = new Set(question.options.map((o) => o.id));
  switch (answer.kind) {
    case 'single':
      return answer.optionId === null || ids.has(answer.optionId);
    case 'multiple':
      return new Set(answer.optionIds).size === answer.optionIds.length && answer.optionIds.every((id) => ids.has(id));
    case 'fill_blank':
      return answer.blanks.length <= question.blankCount;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Local (pending) answers

/** Adds or replaces the pending answer to a question. */
export function recordChange(
  local: LocalAnswers,
  questionId: string,
  answer: QuestionAnswer,
  at: number,
): LocalAnswers {
  return { ...local, pending: { ...local.pending, [questionId]: { answer, at } } };
}

/**
 * The server confirmed the answers `sent`: they stop being pending, except those changed again while
 * the save was on its way (another time or answer). `savedAt` becomes the new base.
 */
export function acknowledge(
  local: LocalAnswers,
  sent: Record<string, PendingAnswer>,
  savedAt: string | null,
): LocalAnswers {
  const pending: Record<string, PendingAnswer> = {};
  for (const [id, entry] of Object.entries(local.pending)) {
    const confirmed = sent[id];
    if (!confirmed || confirmed.at !== entry.at || !sameAnswer(confirmed.answer, entry.answer)) pending[id] = entry;
  }
  return { base: savedAt ?? local.base, pending };
}

/** Drops pending answers (that the server refused and never will take). */
export function dropPending(local: LocalAnswers, ids: readonly string[]): LocalAnswers {
  const pending = { ...local.pending };
  for (const id of ids) delete pending[id];
  return { ...local, pending };
}

/** The body of a save or submit: the pending answers by question id. */
export function toRequest(pending: Record<string, PendingAnswer>): Record<string, QuestionAnswer> {
  return Object.fromEntries(Object.entries(pending).map(([id, entry]) => [id, entry.answer]));
}

export interface ServerAnswers {
  answers: Record<string, QuestionAnswer>;
  answersSavedAt: string | null;
  questions: ReadonlyArray<Pick<AttemptQuestionDto, 'id' | 'kind' | 'options' | 'blankCount'>>;
}

/**
 * The answers to show on resume: the server's, with the newer local ones on top. Answers to questions
 * not in the attempt, answers that do not fit their question, and local answers the server already
 * has are no longer pending.
 */
export function mergeAnswers(
  server: ServerAnswers,
  local: LocalAnswers,
): { answers: Record<string, QuestionAnswer>; local: LocalAnswers } {
  const savedAt = server.answersSavedAt === null ? null : Date.parse(server.answersSavedAt);
  const base = local.base === null ? null : Date.parse(local.base);
  const nobodySavedSince = savedAt === null || (base !== null && savedAt <= base);
  const answers = { ...server.answers };
  const pending: Record<string, PendingAnswer> = {};
  for (const question of server.questions) {
    const entry = local.pending[question.id];
    if (!entry || !fitsQuestion(question, entry.answer)) continue;
    const theirs = server.answers[question.id];
    const newer = nobodySavedSince || theirs === undefined || entry.at > savedAt;
    if (!newer || sameAnswer(entry.answer, theirs)) continue;
    answers[question.id] = entry.answer;
    pending[question.id] = entry;
  }
  return { answers, local: { base: server.answersSavedAt ?? local.base, pending } };
}

// ---------------------------------------------------------------------------------------------
// Storage

function readPendingEntries(value: unknown): Record<string, PendingAnswer> {
  const pending: Record<string, PendingAnswer> = {};
  if (!isObject(value)) return pending;
  for (const [id, entry] of Object.entries(value)) {
    if (!isObject(entry) || typeof entry['at'] !== 'number' || !Number.isFinite(entry['at'])) continue;
    const answer = readAnswer(entry['answer']);
    if (answer) pending[id] = { answer, at: entry['at'] };
  }
  return pending;
}

/** The local answers of an attempt (none when storage is empty, unavailable or garbled). */
export function loadLocal(storage: AnswerStorage | null, attemptId: string): LocalAnswers {
  if (!storage) return emptyLocal();
  try {
    const raw = storage.getItem(storageKey(attemptId));
    if (!raw) return emptyLocal();
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed) || parsed['v'] !== 1) return emptyLocal();
    const base = typeof parsed['base'] === 'string' ? parsed['base'] : null;
    return { base, pending: readPendingEntries(parsed['pending']) };
  } catch {
    return emptyLocal();
  }
}

/**
 * Writes the local answers of an attempt (removes the key when nothing is pending). False when the
 * storage refused (private mode, full): the answers then live in memory only.
 */
export function saveLocal(
  storage: AnswerStorage | null,
  attemptId: string,
  local: LocalAnswers,
  now = Date.now(),
): boolean {
  if (!storage) return false;
  try {
    if (Object.keys(local.pending).length === 0) {
      storage.removeItem(storageKey(attemptId));
    } else {
      const record: StoredRecord = { v: 1, base: local.base, pending: local.pending, updatedAt: now };
      storage.setItem(storageKey(attemptId), JSON.stringify(record));
    }
    return true;
  } catch {
    return false;
  }
}

export function clearLocal(storage: AnswerStorage | null, attemptId: string): void {
  try {
    storage?.removeItem(storageKey(attemptId));
  } catch {
    // nothing to do: storage unavailable
  }
}

/** Removes the local answers of attempts not touched for `maxAgeMs` (and unreadable records). */
export function pruneLocal(storage: AnswerStorage | null, now = Date.now(), maxAgeMs = ANSWER_STORE_MAX_AGE_MS): void {
  if (!storage) return;
  try {
    const stale: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(ANSWER_STORE_PREFIX)) continue;
      let updatedAt = Number.NaN;
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? 'null');
        if (isObject(parsed) && typeof parsed['updatedAt'] === 'number') updatedAt = parsed['updatedAt'];
      } catch {
        // unreadable: stale
      }
      if (!(now - updatedAt <= maxAgeMs)) stale.push(key);
    }
    for (const key of stale) storage.removeItem(key);
  } catch {
    // storage unavailable
  }
}

/** `localStorage`, or null where it cannot be used (some private modes throw on access). */
export function browserStorage(): AnswerStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
