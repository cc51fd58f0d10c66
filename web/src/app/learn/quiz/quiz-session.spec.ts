import { HttpErrorResponse } from '@angular/common/http';
import type { AttemptDto, QuestionAnswer } from '@lingyan/contracts';
import { AnswerStorage, loadLocal, recordChange, saveLocal, storageKey } from './answer-store';
import { FinishReason, QuizSession, SAVE_DEBOUNCE_MS } from './quiz-session';

const SERVER_START = Date.parse('2026-11-26T08:00:00.000Z');
/** The phone's clock is an hour fast: the countdown must not care. */
const PHONE_SKEW = 3_600_000;

class MemoryStorage implements AnswerStorage {
  readonly items = new Map<string, string>();
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
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function attempt(overrides: Partial<AttemptDto> = {}): AttemptDto {
  return {
    id: 'att-1',
    moduleId: 'mod-1',
    number: 1,
    state: 'open',
    startedAt: new Date(SERVER_START).toISOString(),
    deadline: new Date(SERVER_START + 600_000).toISOString(),
    serverNow: new Date(SERVER_START).toISOString(),
    submittedAt: null,
    expired: false,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        stem: '一',
        options: [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B' },
        ],
        blankCount: 0,
        points: 2,
      },
      { id: 'q2', kind: 'true_false', stem: '二', options: [], blankCount: 0, points: 2 },
      { id: 'q3', kind: 'fill_blank', stem: '___', options: [], blankCount: 1, points: 2 },
    ],
    answers: {},
    answersSavedAt: null,
    score: null,
    maxScore: 6,
    percent: null,
    passed: null,
    results: null,
    ...overrides,
  };
}

const apiError = (status: number, error: string) =>
  new HttpErrorResponse({ status, error: { statusCode: status, error, message: error } });
const offlineError = () => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });

const single = (optionId: string): QuestionAnswer => ({ kind: 'single', optionId });
const tf = (value: boolean): QuestionAnswer => ({ kind: 'true_false', value });

/** Lets pending promise callbacks run (fake timers do not run them). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('QuizSession', () => {
  let storage: MemoryStorage;
  let events: EventTarget;
  let online: boolean;
  let saves: Array<Record<string, QuestionAnswer>>;
  let submits: Array<Record<string, QuestionAnswer>>;
  let saveResult: (answers: Record<string, QuestionAnswer>) => Promise<AttemptDto>;
  let submitResult: (answers: Record<string, QuestionAnswer>) => Promise<AttemptDto>;
  let finished: Array<{ attempt: AttemptDto; reason: FinishReason }>;
  let sessions: QuizSession[];

  /** The server's clock now (the phone's clock minus its skew). */
  const serverNow = () => new Date(Date.now() - PHONE_SKEW).toISOString();
  const savedFrom = (answers: Record<string, QuestionAnswer>, previous: Record<string, QuestionAnswer> = {}) =>
    attempt({ answers: { ...previous, ...answers }, answersSavedAt: serverNow(), serverNow: serverNow() });
  const graded = (answers: Record<string, QuestionAnswer>) =>
    attempt({
      state: 'graded',
      answers,
      submittedAt: serverNow(),
      serverNow: serverNow(),
      score: 2,
      percent: 33.3,
      passed: false,
      results: [],
    });

  function open(dto = attempt()): QuizSession {
    const session = new QuizSession(dto, {
      save: (_id, answers) => {
        saves.push(answers);
        return saveResult(answers);
      },
      submit: (_id, answers) => {
        submits.push(answers);
        return submitResult(answers);
      },
      storage,
      finished: (a, reason) => finished.push({ attempt: a, reason }),
      isOnline: () => online,
      events: events,
    });
    session.start();
    sessions.push(session);
    return session;
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: SERVER_START + PHONE_SKEW });
    storage = new MemoryStorage();
    events = new EventTarget();
    online = true;
    saves = [];
    submits = [];
    finished = [];
    sessions = [];
    saveResult = (answers) => Promise.resolve(savedFrom(answers));
    submitResult = (answers) => Promise.resolve(graded(answers));
  });

  afterEach(() => {
    for (const session of sessions) session.dispose();
    jest.useRealTimers();
  });

  it('keeps a change at once and saves it after a quiet moment', async () => {
    const session = open();
    session.change('q1', single('a'));
    expect(session.answers()['q1']).toEqual(single('a'));
    expect(session.answeredCount()).toBe(1);
    expect(loadLocal(storage, 'att-1').pending['q1'].answer).toEqual(single('a'));
    expect(session.status()).toBe('pending');

    session.change('q2', tf(true));
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS - 1);
    expect(saves).toEqual([]);
    jest.advanceTimersByTime(1);
    await settle();
    expect(saves).toEqual([{ q1: single('a'), q2: tf(true) }]);
    expect(session.status()).toBe('saved');
    expect(session.savedAt()).not.toBeNull();
    expect(storage.items.has(storageKey('att-1'))).toBe(false);
  });

  it('saves at once when the trainee leaves a question', async () => {
    const session = open();
    session.change('q1', single('b'));
    session.saveNow();
    await settle();
    expect(saves).toEqual([{ q1: single('b') }]);
  });

  it('keeps answering offline, says so, and saves when the connection returns', async () => {
    const session = open();
    online = false;
    events.dispatchEvent(new Event('offline'));
    expect(session.status()).toBe('offline');

    session.change('q2', tf(false));
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    await settle();
    expect(saves).toEqual([]);
    expect(session.status()).toBe('offline');
    expect(session.answers()['q2']).toEqual(tf(false));
    expect(loadLocal(storage, 'att-1').pending['q2'].answer).toEqual(tf(false));

    online = true;
    events.dispatchEvent(new Event('online'));
    await settle();
    expect(saves).toEqual([{ q2: tf(false) }]);
    expect(session.status()).toBe('saved');
    expect(storage.items.size).toBe(0);
  });

  it('treats a failed request as offline and tries again on a timer', async () => {
    const session = open();
    let fail = true;
    saveResult = (answers) => (fail ? Promise.reject(offlineError()) : Promise.resolve(savedFrom(answers)));
    session.change('q1', single('a'));
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    await settle();
    expect(session.status()).toBe('offline');
    expect(saves).toHaveLength(1);

    fail = false;
    jest.advanceTimersByTime(5_000);
    await settle();
    expect(saves).toHaveLength(2);
    expect(session.status()).toBe('saved');
  });

  it('does not lose a change made while a save is on its way', async () => {
    const session = open();
    let release: (dto: AttemptDto) => void = () => undefined;
    saveResult = () => new Promise<AttemptDto>((resolve) => (release = resolve));
    session.change('q1', single('a'));
    session.saveNow();
    session.change('q1', single('b'));
    release(savedFrom({ q1: single('a') }));
    await settle();
    expect(session.pendingCount()).toBe(1);
    expect(loadLocal(storage, 'att-1').pending['q1'].answer).toEqual(single('b'));
    saveResult = (answers) => Promise.resolve(savedFrom(answers));
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    await settle();
    expect(saves.at(-1)).toEqual({ q1: single('b') });
    expect(session.pendingCount()).toBe(0);
  });

  it('resumes with the answers kept in this browser on top of the server’s, and sends them', async () => {
    saveLocal(storage, 'att-1', recordChange({ base: null, pending: {} }, 'q2', tf(true), SERVER_START + 1_000));
    const session = open(
      attempt({ answers: { q1: single('a') }, answersSavedAt: new Date(SERVER_START).toISOString() }),
    );
    expect(session.answers()).toEqual({ q1: single('a'), q2: tf(true) });
    await settle();
    expect(saves).toEqual([{ q2: tf(true) }]);
  });

  it('counts down on the server’s clock and submits by itself when the time is up, with the last answers', async () => {
    const session = open();
    expect(session.remaining()).toBe(600);
    session.change('q1', single('a'));
    jest.advanceTimersByTime(300_000);
    await settle();
    expect(session.remaining()).toBe(300);
    online = false; // the last answer stays on the phone…
    session.change('q3', { kind: 'fill_blank', blanks: ['绿水青山'] });
    jest.advanceTimersByTime(299_900);
    await settle();
    expect(session.status()).toBe('offline');
    expect(submits).toEqual([]);
    online = true; // …until the deadline, when it goes with the submission
    jest.advanceTimersByTime(100);
    await settle();
    expect(submits).toHaveLength(1);
    expect(submits[0]).toEqual({ q3: { kind: 'fill_blank', blanks: ['绿水青山'] } });
    expect(finished).toHaveLength(1);
    expect(finished[0].reason).toBe('timeUp');
    expect(session.finished()).toBe(true);
    expect(storage.items.size).toBe(0);
  });

  it('keeps the countdown steady when a save takes long on a slow connection', async () => {
    const session = open();
    // the server answers at once, but the answer needs 30 s to reach the phone
    saveResult = (answers) => {
      const dto = savedFrom(answers);
      return new Promise((resolve) => setTimeout(() => resolve(dto), 30_000));
    };
    session.change('q1', single('a'));
    session.saveNow();
    jest.advanceTimersByTime(30_000);
    await settle();
    expect(session.status()).toBe('saved');
    jest.advanceTimersByTime(250);
    expect(session.remaining()).toBe(570);
  });

  it('follows the server when the phone’s clock is changed during the attempt', async () => {
    const session = open();
    jest.setSystemTime(Date.now() - 3_600_000); // the phone corrected by an hour
    session.change('q1', single('a'));
    saveResult = (answers) =>
      Promise.resolve(
        attempt({ answers, answersSavedAt: '2026-11-26T08:00:02.000Z', serverNow: '2026-11-26T08:00:02.000Z' }),
      );
    session.saveNow();
    await settle();
    jest.advanceTimersByTime(250);
    expect(session.remaining()).toBe(598);
  });

  it('stops saving on TIME_UP and fetches the grade', async () => {
    const session = open();
    saveResult = () => Promise.reject(apiError(409, 'TIME_UP'));
    session.change('q1', single('a'));
    session.saveNow();
    await settle();
    expect(session.timeUp()).toBe(true);
    expect(session.locked()).toBe(true);
    expect(submits).toHaveLength(1);
    expect(finished[0].reason).toBe('timeUp');
    session.change('q2', tf(true)); // too late: ignored
    expect(session.answers()['q2']).toBeUndefined();
  });

  it('sends one submission however often submit is tapped', async () => {
    const session = open();
    let release: (dto: AttemptDto) => void = () => undefined;
    submitResult = () => new Promise<AttemptDto>((resolve) => (release = resolve));
    session.change('q1', single('a'));
    void session.submit();
    void session.submit();
    expect(session.submitting()).toBe(true);
    expect(session.locked()).toBe(true);
    release(graded({ q1: single('a') }));
    await settle();
    void session.submit();
    await settle();
    expect(submits).toEqual([{ q1: single('a') }]);
    expect(finished).toHaveLength(1);
    expect(finished[0].reason).toBe('submitted');
  });

  it('queues a submission made offline and sends it when the connection returns', async () => {
    const session = open();
    submitResult = () => Promise.reject(offlineError());
    session.change('q1', single('a'));
    await session.submit();
    expect(session.submitQueued()).toBe(true);
    expect(session.locked()).toBe(true);
    expect(finished).toEqual([]);
    submitResult = (answers) => Promise.resolve(graded(answers));
    events.dispatchEvent(new Event('online'));
    await settle();
    expect(submits).toHaveLength(2);
    expect(finished).toHaveLength(1);
  });

  it('leaves the answers in storage and stays quiet once the page is left', async () => {
    const session = open();
    let release: (error: unknown) => void = () => undefined;
    saveResult = () => new Promise<AttemptDto>((_, reject) => (release = reject));
    session.change('q1', single('a'));
    session.dispose(); // the last save goes out as the page is left…
    release(apiError(409, 'TIME_UP')); // …and comes back too late
    await settle();
    expect(submits).toEqual([]);
    expect(finished).toEqual([]);
    expect(loadLocal(storage, 'att-1').pending['q1'].answer).toEqual(single('a'));
  });

  it('asks before the page is closed when this browser cannot keep the answers', () => {
    const session = new QuizSession(attempt(), {
      save: () => new Promise<AttemptDto>(() => undefined),
      submit: () => new Promise<AttemptDto>(() => undefined),
      storage: null,
      finished: () => undefined,
      isOnline: () => false,
      events: events,
    });
    session.start();
    sessions.push(session);
    const quiet = new Event('beforeunload', { cancelable: true });
    events.dispatchEvent(quiet);
    expect(quiet.defaultPrevented).toBe(false);
    session.change('q1', single('a'));
    expect(session.storedLocally()).toBe(false);
    const unload = new Event('beforeunload', { cancelable: true });
    events.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
  });

  it('shows a refused submission and lets the trainee try again', async () => {
    const session = open();
    submitResult = () => Promise.reject(apiError(404, 'ATTEMPT_NOT_FOUND'));
    await session.submit();
    expect(session.submitError()?.error).toBe('ATTEMPT_NOT_FOUND');
    expect(session.locked()).toBe(false);
  });
});
