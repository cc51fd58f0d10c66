import type { AttemptQuestionDto, QuestionAnswer } from '@lingyan/contracts';
import {
  ANSWER_STORE_PREFIX,
  AnswerStorage,
  acknowledge,
  clearLocal,
  dropPending,
  emptyAnswer,
  emptyLocal,
  fitsQuestion,
  isAnswered,
  loadLocal,
  mergeAnswers,
  pruneLocal,
  readAnswer,
  recordChange,
  sameAnswer,
  saveLocal,
  storageKey,
  toRequest,
} from './answer-store';

/** An in-memory Storage; `full` makes every write throw as a full (or private-mode) storage does. */
class MemoryStorage implements AnswerStorage {
  readonly items = new Map<string, string>();
  full = false;
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const q = (
  id: string,
  kind: AttemptQuestionDto['kind'],
  extra: Partial<AttemptQuestionDto> = {},
): AttemptQuestionDto => ({
  id,
  kind,
  stem: id,
  options:
    kind === 'single' || kind === 'multiple'
      ? [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B' },
          { id: 'c', text: 'C' },
        ]
      : [],
  blankCount: kind === 'fill_blank' ? 2 : 0,
  points: 1,
  ...extra,
});

const QUESTIONS = [
  q('q1', 'single'),
  q('q2', 'multiple'),
  q('q3', 'true_false'),
  q('q4', 'fill_blank'),
  q('q5', 'short_answer'),
];
const single = (optionId: string | null): QuestionAnswer => ({ kind: 'single', optionId });
const tf = (value: boolean | null): QuestionAnswer => ({ kind: 'true_false', value });

const T = (iso: string) => Date.parse(iso);
const SAVED = '2026-11-26T08:00:10.000Z';

describe('answers', () => {
  it('starts each kind empty and knows when it is answered', () => {
    for (const question of QUESTIONS) {
      const empty = emptyAnswer(question);
      expect(empty.kind).toBe(question.kind);
      expect(isAnswered(empty)).toBe(false);
    }
    expect(emptyAnswer(QUESTIONS[3])).toEqual({ kind: 'fill_blank', blanks: ['', ''] });
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered(single('a'))).toBe(true);
    expect(isAnswered({ kind: 'multiple', optionIds: ['b'] })).toBe(true);
    expect(isAnswered(tf(false))).toBe(true);
    expect(isAnswered({ kind: 'fill_blank', blanks: ['  ', '绿水青山'] })).toBe(true);
    expect(isAnswered({ kind: 'fill_blank', blanks: [' ', ''] })).toBe(false);
    expect(isAnswered({ kind: 'short_answer', text: '  \n' })).toBe(false);
  });

  it('compares answers, ignoring the order of chosen options', () => {
    expect(sameAnswer({ kind: 'multiple', optionIds: ['a', 'c'] }, { kind: 'multiple', optionIds: ['c', 'a'] })).toBe(
      true,
    );
    expect(sameAnswer({ kind: 'multiple', optionIds: ['a'] }, { kind: 'multiple', optionIds: ['a', 'b'] })).toBe(false);
    expect(sameAnswer(single('a'), single('b'))).toBe(false);
    expect(sameAnswer(single('a'), tf(true))).toBe(false);
    expect(sameAnswer(undefined, single(null))).toBe(true);
    expect(sameAnswer(undefined, single('a'))).toBe(false);
  });

  it('reads back only well-formed answers', () => {
    expect(readAnswer({ kind: 'single', optionId: 'a' })).toEqual(single('a'));
    expect(readAnswer({ kind: 'true_false', value: null })).toEqual(tf(null));
    expect(readAnswer({ kind: 'single', optionId: 3 })).toBeNull();
    expect(readAnswer({ kind: 'multiple', optionIds: 'a' })).toBeNull();
    expect(readAnswer({ kind: 'essay', text: 'x' })).toBeNull();
    expect(readAnswer('single')).toBeNull();
    expect(readAnswer(null)).toBeNull();
  });

  it('knows whether an answer fits its question', () => {
    expect(fitsQuestion(QUESTIONS[0], single('b'))).toBe(true);
    expect(fitsQuestion(QUESTIONS[0], single('z'))).toBe(false);
    expect(fitsQuestion(QUESTIONS[0], tf(true))).toBe(false);
    expect(fitsQuestion(QUESTIONS[1], { kind: 'multiple', optionIds: ['a', 'a'] })).toBe(false);
    expect(fitsQuestion(QUESTIONS[3], { kind: 'fill_blank', blanks: ['1', '2', '3'] })).toBe(false);
  });
});

describe('pending answers', () => {
  it('records changes, and the server’s confirmation keeps those changed again meanwhile', () => {
    let local = recordChange(emptyLocal(), 'q1', single('a'), 100);
    local = recordChange(local, 'q3', tf(true), 110);
    const sent = { ...local.pending };
    expect(toRequest(sent)).toEqual({ q1: single('a'), q3: tf(true) });
    // while the save is on its way, q1 is changed again and q5 answered
    local = recordChange(local, 'q1', single('b'), 120);
    local = recordChange(local, 'q5', { kind: 'short_answer', text: '做法' }, 130);
    const acked = acknowledge(local, sent, SAVED);
    expect(acked.base).toBe(SAVED);
    expect(Object.keys(acked.pending).sort()).toEqual(['q1', 'q5']);
    expect(acked.pending['q1'].answer).toEqual(single('b'));
  });

  it('drops answers the server refused for good', () => {
    const local = recordChange(recordChange(emptyLocal(), 'q1', single('a'), 1), 'q3', tf(false), 2);
    expect(Object.keys(dropPending(local, ['q1']).pending)).toEqual(['q3']);
  });
});

describe('merging on resume', () => {
  const server = (answers: Record<string, QuestionAnswer>, answersSavedAt: string | null) => ({
    answers,
    answersSavedAt,
    questions: QUESTIONS,
  });

  it('puts local answers nobody saved over since on top of the server’s, and keeps them pending', () => {
    const local = {
      base: SAVED,
      // the base is the server's last save: nobody saved since, so every local change is newer
      pending: {
        q1: { answer: single('b'), at: T('2026-11-26T08:00:05Z') },
        q3: { answer: tf(true), at: T(SAVED) + 1 },
      },
    };
    const merged = mergeAnswers(server({ q1: single('a'), q2: { kind: 'multiple', optionIds: ['a'] } }, SAVED), local);
    expect(merged.answers).toEqual({ q1: single('b'), q2: { kind: 'multiple', optionIds: ['a'] }, q3: tf(true) });
    expect(Object.keys(merged.local.pending).sort()).toEqual(['q1', 'q3']);
    expect(merged.local.base).toBe(SAVED);
  });

  it('keeps the server’s answer when another device saved it after the local change', () => {
    const local = {
      base: '2026-11-26T08:00:00.000Z',
      pending: {
        q1: { answer: single('b'), at: T('2026-11-26T08:00:05Z') }, // older than the other device's save
        q3: { answer: tf(true), at: T('2026-11-26T08:00:20Z') }, // newer: wins
        q5: { answer: { kind: 'short_answer', text: '本机' } as QuestionAnswer, at: T('2026-11-26T08:00:01Z') }, // server has none: wins
      },
    };
    const merged = mergeAnswers(server({ q1: single('c'), q3: tf(false) }, SAVED), local);
    expect(merged.answers['q1']).toEqual(single('c'));
    expect(merged.answers['q3']).toEqual(tf(true));
    expect(merged.answers['q5']).toEqual({ kind: 'short_answer', text: '本机' });
    expect(Object.keys(merged.local.pending).sort()).toEqual(['q3', 'q5']);
  });

  it('takes every local answer when the server has saved nothing yet', () => {
    const local = { base: null, pending: { q1: { answer: single('a'), at: 5 } } };
    const merged = mergeAnswers(server({}, null), local);
    expect(merged.answers).toEqual({ q1: single('a') });
    expect(merged.local.pending['q1']).toBeDefined();
  });

  it('forgets local answers the server already has, to other questions, or that do not fit', () => {
    const local = {
      base: SAVED,
      pending: {
        q1: { answer: single('a'), at: 1 }, // the save arrived but the tab closed before hearing back
        q2: { answer: { kind: 'multiple', optionIds: ['c', 'a'] } as QuestionAnswer, at: 2 }, // same, other order
        gone: { answer: single('a'), at: 3 },
        q3: { answer: single('a'), at: 4 }, // a single-choice answer to a true/false question
      },
    };
    const merged = mergeAnswers(
      server({ q1: single('a'), q2: { kind: 'multiple', optionIds: ['a', 'c'] } }, SAVED),
      local,
    );
    expect(merged.local.pending).toEqual({});
    expect(merged.answers).toEqual({ q1: single('a'), q2: { kind: 'multiple', optionIds: ['a', 'c'] } });
  });
});

describe('storage', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it('keeps the pending answers of each attempt under its own key, and removes the key once none are pending', () => {
    const local = recordChange({ base: SAVED, pending: {} }, 'q1', single('a'), 42);
    expect(saveLocal(storage, 'attempt-1', local, 1000)).toBe(true);
    expect(storage.items.has(storageKey('attempt-1'))).toBe(true);
    expect(storageKey('attempt-1').startsWith(ANSWER_STORE_PREFIX)).toBe(true);
    expect(loadLocal(storage, 'attempt-1')).toEqual(local);
    expect(loadLocal(storage, 'attempt-2')).toEqual(emptyLocal());

    expect(saveLocal(storage, 'attempt-1', { base: SAVED, pending: {} })).toBe(true);
    expect(storage.items.size).toBe(0);
    saveLocal(storage, 'attempt-1', local);
    clearLocal(storage, 'attempt-1');
    expect(storage.items.size).toBe(0);
  });

  it('says so when the storage refuses, and reads nothing from a missing storage', () => {
    storage.full = true;
    expect(saveLocal(storage, 'a', recordChange(emptyLocal(), 'q1', single('a'), 1))).toBe(false);
    expect(saveLocal(null, 'a', emptyLocal())).toBe(false);
    expect(loadLocal(null, 'a')).toEqual(emptyLocal());
  });

  it('survives garbled records and keeps the well-formed entries', () => {
    storage.setItem(storageKey('x'), '{not json');
    expect(loadLocal(storage, 'x')).toEqual(emptyLocal());
    storage.setItem(storageKey('y'), JSON.stringify({ v: 2, pending: {} }));
    expect(loadLocal(storage, 'y')).toEqual(emptyLocal());
    storage.setItem(
      storageKey('z'),
      JSON.stringify({
        v: 1,
        base: 7,
        pending: {
          q1: { answer: single('a'), at: 5 },
          q2: { answer: { kind: 'single', optionId: 1 }, at: 6 },
          q3: 'x',
        },
      }),
    );
    expect(loadLocal(storage, 'z')).toEqual({ base: null, pending: { q1: { answer: single('a'), at: 5 } } });
  });

  it('prunes the records of attempts left alone for long, and unreadable ones', () => {
    const day = 24 * 3600_000;
    const now = 100 * day;
    saveLocal(storage, 'old', recordChange(emptyLocal(), 'q1', single('a'), 1), now - 20 * day);
    saveLocal(storage, 'recent', recordChange(emptyLocal(), 'q1', single('a'), 1), now - day);
    storage.setItem(storageKey('broken'), 'nope');
    storage.setItem('lingyan.lang', 'en');
    pruneLocal(storage, now);
    expect([...storage.items.keys()].sort()).toEqual([storageKey('recent'), 'lingyan.lang'].sort());
  });
});
