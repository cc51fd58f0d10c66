import { computed, signal } from '@angular/core';
import type { AttemptDto, QuestionAnswer } from '@lingyan/contracts';
import { AppError, toAppError } from '../../core/http/api-error';
import {
  AnswerStorage,
  LocalAnswers,
  PendingAnswer,
  acknowledge,
  clearLocal,
  dropPending,
  isAnswered,
  loadLocal,
  mergeAnswers,
  recordChange,
  saveLocal,
  toRequest,
} from './answer-store';
import { clockOffset, secondsLeft } from './quiz-clock';

/** Quiet time after a change before it is saved. */
export const SAVE_DEBOUNCE_MS = 1_500;
/** First wait before a failed save or submission is tried again (doubling up to the maximum). */
export const RETRY_FIRST_MS = 5_000;
export const RETRY_MAX_MS = 30_000;
/** How often the countdown is checked. */
export const TICK_MS = 250;

/**
 * - `idle`: nothing changed yet; `saved`: the server has every answer;
 * - `pending`: a change waits for the debounce; `saving`: a save is on its way;
 * - `offline`: no connection, the answers wait in this browser; `retrying`: the server failed, tried again later;
 * - `timeUp`: the time is over, nothing is saved any more.
 */
export type SaveStatus = 'idle' | 'saved' | 'pending' | 'saving' | 'offline' | 'retrying' | 'timeUp';

/** Why an attempt ended: the trainee submitted it, or the time ran out (submitted for them). */
export type FinishReason = 'submitted' | 'timeUp';

/** When a request was sent and its answer received, on the phone's clock (ms). */
export interface RequestTiming {
  sentAt: number;
  receivedAt: number;
}

export interface QuizSessionDeps {
  save(attemptId: string, answers: Record<string, QuestionAnswer>): Promise<AttemptDto>;
  submit(attemptId: string, answers: Record<string, QuestionAnswer>): Promise<AttemptDto>;
  storage: AnswerStorage | null;
  /** Called once, with the graded (or submitted) attempt. */
  finished(attempt: AttemptDto, reason: FinishReason): void;
  now?: () => number;
  isOnline?: () => boolean;
  /** Where `online`/`offline`/`visibilitychange` are heard; none in tests. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  document?: Pick<Document, 'visibilityState'> | null;
}

const isNetworkError = (error: AppError) => error.statusCode === 0;
/** Worth trying again later: no connection, token refresh trouble, timeouts, throttling, server errors. */
const isTransient = (error: AppError) =>
  isNetworkError(error) ||
  error.statusCode === 401 ||
  error.statusCode === 408 ||
  error.statusCode === 429 ||
  error.statusCode >= 500;

/**
 * One open attempt as its trainee takes it: the answers (the server's merged with those kept in this
 * browser), autosave after a quiet moment and on leaving a question, the answers kept in
 * `localStorage` until the server has them, saving again when the connection returns (and on a
 * timer), the countdown on the server's clock, and submission — by the trainee, or automatically when
 * the time runs out. Every answer of the server keeps the clock offset current.
 */
export class QuizSession {
  readonly attemptId: string;
  readonly questions: AttemptDto['questions'];
  readonly deadline: string | null;

  private readonly now: () => number;
  private readonly isOnline: () => boolean;
  /** The server's clock minus the phone's (ms), and the round trip of the answer it was measured from. */
  private offset: number;
  private offsetRoundTrip: number;
  private local: LocalAnswers;
  private saving = false;
  private saveAgain = false;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private retryDelay = RETRY_FIRST_MS;
  /** Why the queued submission was made (sent again with the same reason). */
  private queuedReason: FinishReason = 'submitted';
  private started = false;
  private disposed = false;

  private readonly answersState = signal<Record<string, QuestionAnswer>>({});
  private readonly pendingState = signal(0);
  /** The effective answers, by question id. */
  readonly answers = this.answersState.asReadonly();
  /** How many changed answers the server does not have yet. */
  readonly pendingCount = this.pendingState.asReadonly();
  readonly status = signal<SaveStatus>('idle');
  /** The server's time of the last confirmed save. */
  readonly savedAt = signal<string | null>(null);
  /** False when this browser refuses to store the answers (private mode, full): they live in memory only. */
  readonly storedLocally = signal(true);
  readonly online = signal(true);
  /** Seconds left on the server's clock; null when untimed. */
  readonly remaining = signal<number | null>(null);
  readonly submitting = signal(false);
  /** A submission (by the trainee or at the deadline) waits for the connection. */
  readonly submitQueued = signal(false);
  /** The last submission failed for good (not a connection problem): the trainee may try again. */
  readonly submitError = signal<AppError | null>(null);
  readonly finished = signal(false);
  /** The time is up (answers are no longer taken). */
  readonly timeUp = signal(false);
  /** Answers can no longer be changed (submitting, submitted or out of time). */
  readonly locked = computed(() => this.submitting() || this.submitQueued() || this.finished() || this.timeUp());
  readonly answeredCount = computed(() => {
    const answers = this.answers();
    return this.questions.filter((q) => isAnswered(answers[q.id])).length;
  });

  private readonly onOnline = () => this.connectionBack();
  private readonly onOffline = () => this.connectionLost();
  private readonly onVisibility = () => {
    if (this.deps.document?.visibilityState === 'hidden') void this.flush();
  };
  /** Answers this browser could not store would be lost with the page: the browser asks first. */
  private readonly onBeforeUnload = (event: Event) => {
    if (this.pendingCount() > 0 && !this.storedLocally() && !this.finished()) event.preventDefault();
  };

  /**
   * `timing`: when the request that answered `attempt` was sent and its answer received (the phone's
   * clock), to measure the clock offset; without it the attempt counts as just received.
   */
  constructor(
    attempt: AttemptDto,
    private readonly deps: QuizSessionDeps,
    timing?: RequestTiming,
  ) {
    this.now = deps.now ?? (() => Date.now());
    this.isOnline = deps.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
    this.attemptId = attempt.id;
    this.questions = attempt.questions;
    this.deadline = attempt.deadline;
    const receivedAt = timing?.receivedAt ?? this.now();
    const sentAt = Math.min(timing?.sentAt ?? receivedAt, receivedAt);
    this.offset = clockOffset(attempt.serverNow, sentAt + (receivedAt - sentAt) / 2);
    this.offsetRoundTrip = receivedAt - sentAt;
    const merged = mergeAnswers(attempt, loadLocal(deps.storage, attempt.id));
    this.local = merged.local;
    this.answersState.set(merged.answers);
    this.savedAt.set(attempt.answersSavedAt);
    this.persist();
    this.status.set(this.pendingCount() > 0 ? 'pending' : attempt.answersSavedAt ? 'saved' : 'idle');
    this.online.set(this.isOnline());
    this.remaining.set(secondsLeft(this.deadline, this.offset, this.now()));
  }

  /** Starts the countdown and listening to the connection; sends answers kept from before at once. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.deps.events?.addEventListener('online', this.onOnline);
    this.deps.events?.addEventListener('offline', this.onOffline);
    this.deps.events?.addEventListener('visibilitychange', this.onVisibility);
    this.deps.events?.addEventListener('beforeunload', this.onBeforeUnload);
    if (this.deadline !== null) {
      this.tickTimer = setInterval(() => this.tick(), TICK_MS);
      this.tick();
    }
    if (!this.online()) this.status.set('offline');
    if (!this.disposed && !this.finished() && this.pendingCount() > 0) void this.flush();
  }

  /** Stops timers and listeners (leaving the page); unsaved answers stay in localStorage. */
  dispose(): void {
    if (this.disposed) return;
    if (!this.finished() && this.pendingCount() > 0) void this.flush();
    this.disposed = true;
    this.stopTimers();
    this.deps.events?.removeEventListener('online', this.onOnline);
    this.deps.events?.removeEventListener('offline', this.onOffline);
    this.deps.events?.removeEventListener('visibilitychange', this.onVisibility);
    this.deps.events?.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** The trainee changed an answer: kept at once (memory and localStorage), saved after a quiet moment. */
  change(questionId: string, answer: QuestionAnswer): void {
    if (this.locked() || !this.questions.some((q) => q.id === questionId)) return;
    this.answersState.update((all) => ({ ...all, [questionId]: answer }));
    this.local = recordChange(this.local, questionId, answer, this.now() + this.offset);
    this.persist();
    if (this.status() !== 'offline' && this.status() !== 'retrying') this.status.set('pending');
    this.clearDebounce();
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.flush();
    }, SAVE_DEBOUNCE_MS);
  }

  /** Leaving a question: what is pending is saved now rather than after the debounce. */
  saveNow(): void {
    if (this.pendingCount() === 0 || this.locked()) return;
    this.clearDebounce();
    void this.flush();
  }

  /** Sends the pending answers (one save at a time; changes made meanwhile follow right after). */
  async flush(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    if (this.finished() || this.timeUp() || this.submitting() || this.submitQueued()) return;
    if (this.pendingCount() === 0) return;
    if (!this.isOnline()) {
      this.connectionLost();
      return;
    }
    this.clearDebounce();
    this.saving = true;
    this.saveAgain = false;
    this.status.set('saving');
    const sent: Record<string, PendingAnswer> = { ...this.local.pending };
    const sentAt = this.now();
    try {
      const saved = await this.deps.save(this.attemptId, toRequest(sent));
      this.heard(saved, sentAt);
      this.local = acknowledge(this.local, sent, saved.answersSavedAt);
      this.persist();
      this.savedAt.set(saved.answersSavedAt);
      this.online.set(true);
      this.retryDelay = RETRY_FIRST_MS;
      if (!this.timeUp() && !this.finished()) this.status.set(this.pendingCount() > 0 ? 'pending' : 'saved');
    } catch (error) {
      this.saveFailed(toAppError(error), Object.keys(sent));
    } finally {
      this.saving = false;
    }
    if (this.pendingCount() > 0 && this.status() === 'pending' && !this.disposed) {
      if (this.saveAgain) void this.flush();
      else if (!this.debounceTimer) this.debounceTimer = setTimeout(() => void this.flush(), SAVE_DEBOUNCE_MS);
    }
  }

  /**
   * Submits with the answers the server does not have yet. Only one submission is on its way at a
   * time (a double tap sends one); the server grades a submission once however often it arrives.
   */
  async submit(reason: FinishReason = 'submitted'): Promise<void> {
    if (this.submitting() || this.finished()) return;
    this.clearDebounce();
    this.clearRetry();
    this.submitting.set(true);
    this.submitError.set(null);
    if (reason === 'timeUp') this.markTimeUp();
    // always with the pending answers: the server alone decides whether they arrived in time
    const sent = { ...this.local.pending };
    const sentAt = this.now();
    try {
      const graded = await this.deps.submit(this.attemptId, toRequest(sent));
      this.heard(graded, sentAt);
      this.submitting.set(false);
      this.finish(graded, reason === 'timeUp' || graded.expired ? 'timeUp' : 'submitted');
    } catch (error) {
      this.submitting.set(false);
      const problem = toAppError(error);
      if (isTransient(problem)) {
        // kept: sent again when the connection returns (or on the retry timer)
        this.submitQueued.set(true);
        this.queuedReason = reason;
        if (isNetworkError(problem)) this.connectionLost();
        this.scheduleRetry();
      } else {
        this.submitQueued.set(false);
        this.submitError.set(problem);
      }
    }
  }

  private saveFailed(problem: AppError, sentIds: string[]): void {
    // the page was left meanwhile: the answers stay in localStorage for the next visit
    if (this.disposed) return;
    if (problem.error === 'TIME_UP') {
      // The server's deadline passed: nothing more is saved; submitting answers the graded attempt.
      this.markTimeUp();
      void this.submit('timeUp');
      return;
    }
    if (problem.error === 'ATTEMPT_CLOSED') {
      // Submitted elsewhere (another tab, the deadline): fetch the grade through an idempotent submit.
      void this.submit(this.timeUp() ? 'timeUp' : 'submitted');
      return;
    }
    if (isTransient(problem)) {
      if (isNetworkError(problem)) this.connectionLost();
      else this.status.set('retrying');
      this.scheduleRetry();
      return;
    }
    // Refused for good (a malformed answer): keeping it would block every later save.
    this.local = dropPending(this.local, sentIds);
    this.persist();
    this.status.set(this.pendingCount() > 0 ? 'retrying' : this.savedAt() ? 'saved' : 'idle');
    this.scheduleRetry();
  }

  private tick(): void {
    if (this.finished() || this.disposed) return;
    const left = secondsLeft(this.deadline, this.offset, this.now());
    if (left !== this.remaining()) this.remaining.set(left);
    if (left === 0 && !this.timeUp()) {
      this.markTimeUp();
      void this.submit('timeUp');
    }
  }

  private markTimeUp(): void {
    if (this.timeUp()) return;
    this.timeUp.set(true);
    this.remaining.set(this.deadline === null ? null : 0);
    this.clearDebounce();
    this.status.set('timeUp');
  }

  private connectionLost(): void {
    this.online.set(false);
    if (!this.timeUp() && !this.finished()) this.status.set('offline');
    this.scheduleRetry();
  }

  private connectionBack(): void {
    this.online.set(true);
    this.retryDelay = RETRY_FIRST_MS;
    this.clearRetry();
    if (this.finished() || this.disposed) return;
    if (this.submitQueued()) {
      this.submitQueued.set(false);
      void this.submit(this.queuedReason);
      return;
    }
    if (this.timeUp()) return;
    this.status.set(this.pendingCount() > 0 ? 'pending' : this.savedAt() ? 'saved' : 'idle');
    void this.flush();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.disposed || this.finished()) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.disposed || this.finished()) return;
      if (this.submitQueued()) {
        if (!this.isOnline()) return this.scheduleRetry();
        this.submitQueued.set(false);
        void this.submit(this.queuedReason);
        return;
      }
      if (this.pendingCount() === 0) return;
      if (!this.isOnline()) return this.scheduleRetry();
      void this.flush();
    }, delay);
  }

  /**
   * Every answer of the server measures the offset again, as of the middle of the round trip (on a
   * slow connection `serverNow` is long past when the answer arrives). The measurement of the quickest
   * round trip is kept, unless a new one disagrees beyond both uncertainties: the phone's clock was
   * changed meanwhile.
   */
  private heard(attempt: AttemptDto, sentAt: number): void {
    const roundTrip = Math.max(0, this.now() - sentAt);
    const offset = clockOffset(attempt.serverNow, sentAt + roundTrip / 2);
    const tolerance = (roundTrip + this.offsetRoundTrip) / 2 + 1_000;
    if (roundTrip <= this.offsetRoundTrip || Math.abs(offset - this.offset) > tolerance) {
      this.offset = offset;
      this.offsetRoundTrip = roundTrip;
    }
  }

  private finish(attempt: AttemptDto, reason: FinishReason): void {
    if (this.finished()) return;
    this.finished.set(true);
    this.submitQueued.set(false);
    this.local = { base: attempt.answersSavedAt, pending: {} };
    this.pendingState.set(0);
    clearLocal(this.deps.storage, this.attemptId);
    this.stopTimers();
    if (!this.disposed) this.deps.finished(attempt, reason);
  }

  private persist(): void {
    this.pendingState.set(Object.keys(this.local.pending).length);
    if (!this.deps.storage) {
      this.storedLocally.set(false);
      return;
    }
    this.storedLocally.set(saveLocal(this.deps.storage, this.attemptId, this.local, this.now()));
  }

  private clearDebounce(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private stopTimers(): void {
    this.clearDebounce();
    this.clearRetry();
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
  }
}
