import type { ProgressEventRequest } from '@lingyan/contracts';
import { ActivityTracker, ActivityWindow, WindowCloseReason, newEventId } from './activity-tracker';

export interface ReadingSessionOptions {
  moduleId: string;
  /** The article element whose scroll position and end are followed. */
  article: HTMLElement;
  /** Height of the bar stuck to the bottom of the screen (it hides the text under it). */
  bottomInset: () => number;
  /** Stores and sends one report; `keepalive` when the page may be going away. */
  report: (event: ProgressEventRequest, keepalive: boolean) => void;
  /** The end of the article came into view (once). */
  onReachedEnd: () => void;
  window?: Window;
  document?: Document;
}

const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'mousemove'] as const;

/** Reading position of an article: 0 at its start, 1 when its end reaches the bottom of the visible area. */
export function articlePosition(rect: { top: number; height: number }, visibleHeight: number): number {
  const range = rect.height - visibleHeight;
  if (range <= 0) return rect.top <= visibleHeight ? 1 : 0;
  return Math.min(1, Math.max(0, -rect.top / range));
}

/**
 * Follows one article on screen: reading time (via `ActivityTracker`), scroll position and whether
 * the end was seen, and turns each window of activity into a progress report.
 */
export class ReadingSession {
  private readonly win: Window;
  private readonly doc: Document;
  private readonly tracker: ActivityTracker;
  private position = 0;
  private reachedEnd = false;
  private pageHiding = false;
  private frame: number | null = null;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly options: ReadingSessionOptions) {
    this.win = options.window ?? window;
    this.doc = options.document ?? document;
    this.tracker = new ActivityTracker({
      isVisible: () => this.doc.visibilityState === 'visible' && !this.pageHiding,
      onWindow: (window, reason) => this.emit(window, reason),
    });
  }

  /** Scrolls to a saved position (0–1), then starts following the reader. */
  start(resumeAt: number | null): boolean {
    const resumed = resumeAt !== null && resumeAt > 0.01 && this.scrollTo(resumeAt);
    this.measure();
    const passive = { passive: true } as const;
    this.listen(this.win, 'scroll', () => this.onScroll(), passive);
    this.listen(this.win, 'resize', () => this.onScroll(), passive);
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
    return resumed;
  }

  /** The reader leaves the module (route change): the last window is reported. */
  stop(): void {
    this.measure();
    this.tracker.stop('flush');
    for (const remove of this.listeners.splice(0)) remove();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
  }

  private scrollTo(position: number): boolean {
    const rect = this.options.article.getBoundingClientRect();
    const range = rect.height - this.visibleHeight();
    if (range <= 0) return false;
    const top = this.win.scrollY + rect.top + position * range;
    this.win.scrollTo({ top, behavior: 'instant' as ScrollBehavior });
    return true;
  }

  private visibleHeight(): number {
    return this.win.innerHeight - this.options.bottomInset();
  }

  private onScroll(): void {
    this.tracker.interact();
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.measure();
    });
  }

  private measure(): void {
    const rect = this.options.article.getBoundingClientRect();
    if (rect.height === 0) return; // detached or not rendered: keep the last known position
    const visible = this.visibleHeight();
    this.position = Math.round(articlePosition(rect, visible) * 10_000) / 10_000;
    if (!this.reachedEnd && rect.bottom <= visible + 2) {
      this.reachedEnd = true;
      this.options.onReachedEnd();
      // tell the server now rather than at the next 15 s mark
      this.tracker.flush();
    }
  }

  private emit(window: ActivityWindow, reason: WindowCloseReason): void {
    const event: ProgressEventRequest = {
      eventId: newEventId(),
      moduleId: this.options.moduleId,
      startedAt: new Date(window.start).toISOString(),
      endedAt: new Date(window.end).toISOString(),
      position: this.position,
    };
    if (this.reachedEnd) event.reachedEnd = true;
    this.options.report(event, reason === 'hidden' || this.pageHiding);
  }

  private listen(target: EventTarget, type: string, handler: () => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, options);
    this.listeners.push(() => target.removeEventListener(type, handler, options));
  }
}
