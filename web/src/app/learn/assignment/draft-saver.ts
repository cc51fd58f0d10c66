import { signal } from '@angular/core';

/** What a draft holds: the text and the attached files, in order. */
export interface DraftContent {
  text: string;
  mediaIds: string[];
}

/**
 * `idle`: nothing changed since it was loaded; `pending`: changed, saving after a quiet moment;
 * `saving`; `saved`: the server has what is shown; `error`: the last save failed (retried later).
 */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface DraftSaverOptions {
  /** Sends the draft (the debounced PUT); rejects when it failed. */
  save(content: DraftContent): Promise<void>;
  /** Whether a failure means the work can no longer change (409: submitted elsewhere). */
  isLocked(error: unknown): boolean;
  /** The work was submitted or graded meanwhile: the page loads it again. */
  locked(): void;
  debounceMs?: number;
  retryMs?: number;
  now?: () => Date;
}

export const SAVE_DEBOUNCE_MS = 1_200;
export const SAVE_RETRY_MS = 8_000;

const same = (a: DraftContent, b: DraftContent) =>
  a.text === b.text && a.mediaIds.length === b.mediaIds.length && a.mediaIds.every((id, i) => id === b.mediaIds[i]);

/**
 * Autosave of a trainee's draft: each change restarts a short timer, and when it runs out the latest
 * content is sent (one request at a time; changes made meanwhile are sent after it). A failed save
 * is tried again later. `settle()` stops the timer and waits for the request in flight, before a
 * submission sends the work itself.
 */
export class DraftSaver {
  readonly status = signal<SaveStatus>('idle');
  readonly savedAt = signal<Date | null>(null);

  private saved: DraftContent;
  private latest: DraftContent;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private disposed = false;

  constructor(
    initial: DraftContent,
    private readonly options: DraftSaverOptions,
  ) {
    this.saved = initial;
    this.latest = initial;
  }

  /** Changes not yet on the server. */
  get dirty(): boolean {
    return !same(this.latest, this.saved);
  }

  change(content: DraftContent): void {
    if (this.disposed) return;
    this.latest = { text: content.text, mediaIds: [...content.mediaIds] };
    if (this.inFlight) return; // sent once the request in flight is answered
    if (!this.dirty) {
      this.clearTimer();
      if (this.status() === 'pending') this.status.set(this.savedAt() ? 'saved' : 'idle');
      return;
    }
    this.status.set('pending');
    this.schedule(this.options.debounceMs ?? SAVE_DEBOUNCE_MS);
  }

  /** Saves now what is still unsaved (leaving the page); resolves when done. */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.inFlight) await this.inFlight;
    this.clearTimer();
    if (this.dirty && !this.disposed) await this.run();
  }

  /** Stops saving and waits for the request in flight (before a submission). */
  async settle(): Promise<void> {
    this.clearTimer();
    if (this.inFlight) await this.inFlight;
    this.clearTimer();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    const content = this.latest;
    this.status.set('saving');
    const request = this.options
      .save(content)
      .then(() => {
        this.saved = content;
        this.savedAt.set(this.options.now?.() ?? new Date());
        this.inFlight = null;
        if (this.disposed) return;
        if (this.dirty) {
          this.status.set('pending');
          this.schedule(this.options.debounceMs ?? SAVE_DEBOUNCE_MS);
        } else {
          this.status.set('saved');
        }
      })
      .catch((error: unknown) => {
        this.inFlight = null;
        if (this.disposed) return;
        if (this.options.isLocked(error)) {
          this.dispose();
          this.options.locked();
          return;
        }
        this.status.set('error');
        this.schedule(this.options.retryMs ?? SAVE_RETRY_MS);
      });
    this.inFlight = request;
    return request;
  }
}
