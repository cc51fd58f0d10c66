import type { ProgressEventRequest, ProgressEventResponse } from '@lingyan/contracts';

/** Why a window of activity was closed. `hidden` and `pagehide` mean the page may be going away. */
export type WindowCloseReason = 'interval' | 'idle' | 'hidden' | 'flush';

export interface ActivityWindow {
  start: number;
  end: number;
}

export interface ActivityTrackerOptions {
  /** Called with each closed window of activity (never longer than `maxWindowMs`). */
  onWindow: (window: ActivityWindow, reason: WindowCloseReason) => void;
  /** Whether the page is visible now (`document.visibilityState === 'visible'`). */
  isVisible: () => boolean;
  now?: () => number;
  /** Time counts only while the reader interacted within this long (default 60 s). */
  idleMs?: number;
  /** Windows are reported at least this often (default 15 s). */
  maxWindowMs?: number;
  /** How often the tracker looks at the clock (default 1 s). */
  tickMs?: number;
}

/**
 * Counts honest reading time: time only counts while the page is visible and the reader has
 * scrolled, tapped or typed within the last minute. The counted time is cut into windows of at
 * most 15 s, each handed to `onWindow` as soon as it closes (full, idle, hidden, or flushed).
 */
export class ActivityTracker {
  private readonly now: () => number;
  private readonly idleMs: number;
  private readonly maxWindowMs: number;
  private readonly tickMs: number;
  private visible = true;
  private lastInteraction = 0;
  private windowStart: number | null = null;
  private windowEnd = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: ActivityTrackerOptions) {
    this.now = options.now ?? (() => Date.now());
    this.idleMs = options.idleMs ?? 60_000;
    this.maxWindowMs = options.maxWindowMs ?? 15_000;
    this.tickMs = options.tickMs ?? 1_000;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Starts counting; opening the page counts as an interaction. */
  start(): void {
    if (this.timer) return;
    this.visible = this.options.isVisible();
    this.lastInteraction = this.now();
    this.update(this.lastInteraction);
    this.timer = setInterval(() => this.update(this.now()), this.tickMs);
  }

  /** The reader scrolled, tapped, typed or moved the pointer. */
  interact(): void {
    if (!this.timer) return;
    const now = this.now();
    this.update(now);
    this.lastInteraction = now;
    this.update(now);
  }

  /** The page became visible or hidden; returning to the page counts as an interaction. */
  visibilityChanged(): void {
    if (!this.timer) return;
    const now = this.now();
    this.update(now); // the page was in its previous state until now
    this.visible = this.options.isVisible();
    if (this.visible) this.lastInteraction = now;
    this.update(now);
  }

  /** Closes the current window now (e.g. the end of the article came into view); counting goes on. */
  flush(reason: WindowCloseReason = 'flush'): void {
    if (!this.timer) return;
    const now = this.now();
    this.update(now);
    this.close(reason);
    this.update(now); // still active: the next window starts right here
  }

  /** Reports the last window and stops. */
  stop(reason: WindowCloseReason = 'flush'): void {
    if (!this.timer) return;
    this.flush(reason);
    clearInterval(this.timer);
    this.timer = null;
  }

  private update(now: number): void {
    if (this.visible && now - this.lastInteraction <= this.idleMs) {
      if (this.windowStart === null) this.windowStart = now;
      this.windowEnd = Math.max(this.windowEnd, now);
      this.split();
    } else if (this.windowStart !== null) {
      // idle: the time up to a minute after the last interaction still counts; hidden: up to now
      if (this.visible) this.windowEnd = Math.max(this.windowEnd, Math.min(now, this.lastInteraction + this.idleMs));
      this.split();
      this.close(this.visible ? 'idle' : 'hidden');
    }
  }

  /** Hands out full windows while the open one is longer than the limit (the tick may come late). */
  private split(): void {
    while (this.windowStart !== null && this.windowEnd - this.windowStart >= this.maxWindowMs) {
      const end = this.windowStart + this.maxWindowMs;
      this.options.onWindow({ start: this.windowStart, end }, 'interval');
      this.windowStart = end;
    }
  }

  private close(reason: WindowCloseReason): void {
    if (this.windowStart !== null && this.windowEnd > this.windowStart) {
      this.options.onWindow({ start: this.windowStart, end: this.windowEnd }, reason);
    }
    this.windowStart = null;
  }
}

/** A UUID v4 for an event id; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function newEventId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface SendFailure {
  /** Sending the same event again may succeed (offline, server error, expired token). */
  retry: boolean;
}

export interface ProgressOutboxOptions {
  /** Where the unsent events wait (per user, so that nobody's time is reported as someone else's). */
  storageKey: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Sends one event; rejects with a `SendFailure`-like error when it fails. */
  send: (event: ProgressEventRequest, keepalive: boolean) => Promise<ProgressEventResponse>;
  onResponse?: (event: ProgressEventRequest, response: ProgressEventResponse) => void;
  /** How long to wait before sending the waiting events again (default 20 s). */
  retryMs?: number;
  /** At most this many events wait; the oldest are dropped beyond it (default 500, ~2 h of reading). */
  maxSize?: number;
}

/**
 * A small outbox of progress events kept in localStorage. Every event is stored before it is sent
 * and removed once the server has answered, so a failed send (offline, page closed mid-request) is
 * sent again later with the same event id — which the server counts once.
 */
export class ProgressOutbox {
  private readonly inFlight = new Map<string, Promise<void>>();
  private memory: ProgressEventRequest[] = [];
  private useMemory = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly storage: ProgressOutboxOptions['storage'];

  constructor(private readonly options: ProgressOutboxOptions) {
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
  }

  /** The events not yet acknowledged by the server. */
  pending(): ProgressEventRequest[] {
    if (!this.storage || this.useMemory) return [...this.memory];
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.options.storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as ProgressEventRequest[]) : [];
    } catch {
      return [];
    }
  }

  /** Stores an event and sends everything waiting. */
  add(event: ProgressEventRequest, keepalive = false): Promise<void> {
    const maxSize = this.options.maxSize ?? 500;
    this.write([...this.pending().filter((e) => e.eventId !== event.eventId), event].slice(-maxSize));
    return this.flush(keepalive);
  }

  /** Sends every waiting event (not already on its way); resolves when all have been answered or failed. */
  async flush(keepalive = false): Promise<void> {
    const waiting = this.pending().filter((event) => !this.inFlight.has(event.eventId));
    await Promise.all(waiting.map((event) => this.sendOne(event, keepalive)));
  }

  /** Resolves when the sends on their way now have been answered or failed. */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight.values()]);
  }

  /** Stops the retry timer (the events stay stored for the next time). */
  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private sendOne(event: ProgressEventRequest, keepalive: boolean): Promise<void> {
    let done = (): void => undefined;
    const sending = new Promise<void>((resolve) => (done = resolve));
    this.inFlight.set(event.eventId, sending);
    void this.send(event, keepalive).finally(() => {
      this.inFlight.delete(event.eventId);
      done();
    });
    return sending;
  }

  private async send(event: ProgressEventRequest, keepalive: boolean): Promise<void> {
    try {
      const response = await this.options.send(event, keepalive);
      this.remove(event.eventId);
      this.options.onResponse?.(event, response);
    } catch (error) {
      const retry = (error as Partial<SendFailure> | null)?.retry ?? true;
      if (retry) this.scheduleRetry();
      else this.remove(event.eventId); // the server will never accept it (e.g. 422): retrying cannot help
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, this.options.retryMs ?? 20_000);
  }

  private remove(eventId: string): void {
    this.write(this.pending().filter((e) => e.eventId !== eventId));
  }

  private write(events: ProgressEventRequest[]): void {
    if (!this.storage || this.useMemory) {
      this.memory = events;
      return;
    }
    try {
      if (events.length === 0) this.storage.removeItem(this.options.storageKey);
      else this.storage.setItem(this.options.storageKey, JSON.stringify(events));
    } catch {
      // storage full or blocked: keep them in memory for this page at least
      this.useMemory = true;
      this.memory = events;
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
