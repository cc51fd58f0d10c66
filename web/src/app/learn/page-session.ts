import type { ProgressEventRequest } from '@lingyan/contracts';
import { ActivityTracker, ActivityWindow, WindowCloseReason, newEventId } from './activity-tracker';

/** A page number within 1..pageCount (1 for anything unusable). */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page) || pageCount < 1) return 1;
  return Math.min(pageCount, Math.max(1, Math.round(page)));
}

/** The page to open a document at: the saved page (`progress.lastPosition`), or the first. */
export function resumePage(lastPosition: number | null, pageCount: number): number {
  return lastPosition === null ? 1 : clampPage(lastPosition, pageCount);
}

/** Which pages have been shown, to tell when the last one was reached. */
export class PageCursor {
  private current: number;
  private lastSeen = false;

  constructor(
    readonly pageCount: number,
    start = 1,
  ) {
    this.current = clampPage(start, pageCount);
    this.lastSeen = this.current === pageCount;
  }

  get page(): number {
    return this.current;
  }

  get hasPrevious(): boolean {
    return this.current > 1;
  }

  get hasNext(): boolean {
    return this.current < this.pageCount;
  }

  /** The last page has been shown at least once. */
  get reachedEnd(): boolean {
    return this.lastSeen;
  }

  /** Goes to a page (clamped); true when the page changed. */
  go(page: number): boolean {
    const next = clampPage(page, this.pageCount);
    if (next === this.current) return false;
    this.current = next;
    if (next === this.pageCount) this.lastSeen = true;
    return true;
  }

  next(): boolean {
    return this.go(this.current + 1);
  }

  previous(): boolean {
    return this.go(this.current - 1);
  }
}

export interface PageSessionOptions {
  moduleId: string;
  /** The page on screen now. */
  page: () => number;
  /** The last page has been shown. */
  reachedEnd: () => boolean;
  /** Stores and sends one report; `keepalive` when the page may be going away. */
  report: (event: ProgressEventRequest, keepalive: boolean) => void;
  window?: Window;
  document?: Document;
  now?: () => number;
}

const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'mousemove', 'scroll'] as const;

/**
 * Follows a document (PDF) on screen like the article reader does: honest activity time through an
 * `ActivityTracker` (visible page, an interaction within the last minute), reported in windows of
 * at most 15 s, each carrying the page on screen as `position`.
 */
export class PageSession {
  private readonly win: Window;
  private readonly doc: Document;
  private readonly tracker: ActivityTracker;
  private pageHiding = false;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly options: PageSessionOptions) {
    this.win = options.window ?? window;
    this.doc = options.document ?? document;
    this.tracker = new ActivityTracker({
      isVisible: () => this.doc.visibilityState === 'visible' && !this.pageHiding,
      onWindow: (w, reason) => this.emit(w, reason),
      now: options.now,
    });
  }

  start(): void {
    const passive = { passive: true, capture: true } as const;
    for (const type of INTERACTIONS) this.listen(this.win, type, () => this.tracker.interact(), passive);
    this.listen(this.doc, 'visibilitychange', () => this.tracker.visibilityChanged());
    this.listen(this.win, 'pagehide', () => {
      this.pageHiding = true;
      this.tracker.visibilityChanged();
    });
    this.listen(this.win, 'pageshow', () => {
      this.pageHiding = false;
      this.tracker.visibilityChanged();
    });
    this.tracker.start();
  }

  /** The reader turned the page: that counts as activity. */
  pageTurned(): void {
    this.tracker.interact();
  }

  /** The reader leaves the document: the last window is reported. */
  stop(): void {
    this.tracker.stop('flush');
    for (const remove of this.listeners.splice(0)) remove();
  }

  private emit(window: ActivityWindow, reason: WindowCloseReason): void {
    const event: ProgressEventRequest = {
      eventId: newEventId(),
      moduleId: this.options.moduleId,
      startedAt: new Date(window.start).toISOString(),
      endedAt: new Date(window.end).toISOString(),
      position: this.options.page(),
    };
    if (this.options.reachedEnd()) event.reachedEnd = true;
    this.options.report(event, reason === 'hidden' || this.pageHiding);
  }

  private listen(target: EventTarget, type: string, handler: () => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, options);
    this.listeners.push(() => target.removeEventListener(type, handler, options));
  }
}
