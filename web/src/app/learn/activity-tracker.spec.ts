import type { ProgressEventRequest, ProgressEventResponse } from '@lingyan/contracts';
import { ActivityTracker, ActivityWindow, ProgressOutbox, WindowCloseReason, newEventId } from './activity-tracker';

const T0 = Date.parse('2026-11-26T08:00:00Z');
const seconds = (w: ActivityWindow) => (w.end - w.start) / 1000;

describe('ActivityTracker', () => {
  let visible: boolean;
  let windows: Array<ActivityWindow & { reason: WindowCloseReason }>;
  let tracker: ActivityTracker;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    visible = true;
    windows = [];
    tracker = new ActivityTracker({
      isVisible: () => visible,
      onWindow: (window, reason) => windows.push({ ...window, reason }),
    });
  });

  afterEach(() => {
    tracker.stop();
    jest.useRealTimers();
  });

  const total = () => windows.reduce((sum, w) => sum + seconds(w), 0);

  it('reports windows of at most 15 s while the reader is active', () => {
    tracker.start();
    for (let i = 0; i < 6; i++) {
      jest.advanceTimersByTime(10_000);
      tracker.interact();
    }
    expect(windows.length).toBe(4);
    for (const w of windows) {
      expect(seconds(w)).toBeLessThanOrEqual(15);
      expect(w.reason).toBe('interval');
    }
    // contiguous, starting when the page was opened
    expect(windows[0].start).toBe(T0);
    for (let i = 1; i < windows.length; i++) expect(windows[i].start).toBe(windows[i - 1].end);
    tracker.stop();
    expect(total()).toBe(60);
  });

  it('splits a late tick into windows of at most 15 s', () => {
    const late = new ActivityTracker({
      isVisible: () => true,
      onWindow: (window, reason) => windows.push({ ...window, reason }),
      tickMs: 40_000,
    });
    late.start();
    jest.advanceTimersByTime(40_000);
    late.stop();
    expect(windows.map(seconds)).toEqual([15, 15, 10]);
  });

  it('stops counting a minute after the last interaction', () => {
    tracker.start();
    jest.advanceTimersByTime(5 * 60_000); // nobody touches the page for 5 minutes
    tracker.stop();
    expect(total()).toBe(60);
    expect(Math.max(...windows.map((w) => w.end))).toBe(T0 + 60_000);
  });

  it('closes the window as idle when the reader stops', () => {
    tracker.start();
    jest.advanceTimersByTime(5_000);
    tracker.interact();
    jest.advanceTimersByTime(2 * 60_000);
    expect(total()).toBe(65);
    expect(windows[windows.length - 1]).toEqual({ start: T0 + 60_000, end: T0 + 65_000, reason: 'idle' });
  });

  it('counts again from the next interaction after an idle spell', () => {
    tracker.start();
    jest.advanceTimersByTime(3 * 60_000);
    const before = total();
    tracker.interact(); // back at T0 + 180 s
    jest.advanceTimersByTime(10_000);
    tracker.stop();
    expect(before).toBe(60);
    expect(total()).toBe(70);
    expect(windows[windows.length - 1].start).toBe(T0 + 180_000);
  });

  it('does not count time while the page is hidden, and reports the open window when it hides', () => {
    tracker.start();
    jest.advanceTimersByTime(7_000);
    visible = false;
    tracker.visibilityChanged();
    expect(windows).toEqual([{ start: T0, end: T0 + 7_000, reason: 'hidden' }]);

    jest.advanceTimersByTime(10 * 60_000);
    tracker.interact(); // events while hidden count for nothing
    jest.advanceTimersByTime(30_000);
    expect(total()).toBe(7);

    visible = true;
    tracker.visibilityChanged(); // coming back counts as an interaction
    jest.advanceTimersByTime(5_000);
    tracker.stop();
    expect(total()).toBe(12);
  });

  it('does not count a page that starts hidden', () => {
    visible = false;
    tracker.start();
    jest.advanceTimersByTime(120_000);
    tracker.stop();
    expect(windows).toEqual([]);
  });

  it('flush closes the open window at once and keeps counting', () => {
    tracker.start();
    jest.advanceTimersByTime(4_000);
    tracker.flush();
    jest.advanceTimersByTime(3_000);
    tracker.stop();
    expect(windows.map(seconds)).toEqual([4, 3]);
    expect(windows[1].start).toBe(windows[0].end);
  });
});

describe('ProgressOutbox', () => {
  const KEY = 'test.outbox';
  const progress = {
    status: 'in_progress',
    activeSeconds: 15,
    requiredSeconds: 108,
    reachedEnd: false,
    lastPosition: 0.5,
    watchedSeconds: 0,
    furthestPosition: 0,
    requiredWatchedSeconds: 0,
    completedAt: null,
  } as const;
  const ok: ProgressEventResponse = { duplicate: false, progress, creditsEarned: 0 };
  const event = (n: number): ProgressEventRequest => ({
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    moduleId: '11111111-1111-4111-8111-111111111111',
    startedAt: new Date(T0 + n * 15_000).toISOString(),
    endedAt: new Date(T0 + (n + 1) * 15_000).toISOString(),
    position: 0.5,
  });

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    localStorage.clear();
  });

  afterEach(() => jest.useRealTimers());

  it('keeps a failed event in localStorage and retries it later with the same event id', async () => {
    const sent: string[] = [];
    let online = false;
    const onResponse = jest.fn();
    const outbox = new ProgressOutbox({
      storageKey: KEY,
      retryMs: 20_000,
      onResponse,
      send: async (e) => {
        sent.push(e.eventId);
        if (!online) throw { retry: true };
        return ok;
      },
    });

    await outbox.add(event(1));
    expect(sent).toEqual([event(1).eventId]);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '[]')).toEqual([event(1)]);

    // a second event while still offline: both wait
    await outbox.add(event(2));
    expect(outbox.pending().map((e) => e.eventId)).toEqual([event(1).eventId, event(2).eventId]);

    online = true;
    await jest.advanceTimersByTimeAsync(20_000);
    expect(sent.slice(-2).sort()).toEqual([event(1).eventId, event(2).eventId].sort());
    expect(outbox.pending()).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(onResponse).toHaveBeenCalledTimes(2);
    expect(onResponse.mock.calls.map(([e]) => e.eventId).sort()).toEqual([event(1).eventId, event(2).eventId].sort());
    outbox.dispose();
  });

  it('survives a reload: a new outbox sends what an earlier page left behind, unchanged', async () => {
    localStorage.setItem(KEY, JSON.stringify([event(3)]));
    const send = jest.fn(async (_event: ProgressEventRequest, _keepalive: boolean) => ok);
    const outbox = new ProgressOutbox({ storageKey: KEY, send });
    await outbox.flush();
    expect(send).toHaveBeenCalledWith(event(3), false);
    expect(outbox.pending()).toEqual([]);
  });

  it('drops an event the server refuses for good (e.g. 422) instead of retrying it forever', async () => {
    const send = jest.fn(async () => {
      throw { retry: false };
    });
    const outbox = new ProgressOutbox({ storageKey: KEY, send });
    await outbox.add(event(4));
    expect(outbox.pending()).toEqual([]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not send an event twice at the same time', async () => {
    let release: (() => void) | null = null;
    const send = jest.fn(
      () =>
        new Promise<ProgressEventResponse>((resolve) => {
          release = () => resolve(ok);
        }),
    );
    const outbox = new ProgressOutbox({ storageKey: KEY, send });
    const first = outbox.add(event(5));
    await outbox.flush(); // the event is on its way already
    expect(send).toHaveBeenCalledTimes(1);
    (release as unknown as () => void)();
    await first;
    expect(outbox.pending()).toEqual([]);
  });

  it('lets a caller wait for the sends on their way', async () => {
    let release: (() => void) | null = null;
    const send = jest.fn(
      () =>
        new Promise<ProgressEventResponse>((resolve) => {
          release = () => resolve(ok);
        }),
    );
    const outbox = new ProgressOutbox({ storageKey: KEY, send });
    void outbox.add(event(5));
    let idle = false;
    const waiting = outbox.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    (release as unknown as () => void)();
    await waiting;
    expect(idle).toBe(true);
    expect(outbox.pending()).toEqual([]);
    await expect(outbox.idle()).resolves.toBeUndefined(); // nothing on its way
  });
});

describe('newEventId', () => {
  it('makes UUID v4 ids, also without crypto.randomUUID (plain http)', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newEventId()).toMatch(v4);
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 50 }, () => newEventId()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(v4);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
