import type { ProgressEventRequest } from '@lingyan/contracts';
import { PageCursor, PageSession, clampPage, resumePage } from './page-session';

const T0 = Date.parse('2026-11-26T08:00:00Z');

describe('page numbers', () => {
  it('clamps to the pages of the document', () => {
    expect(clampPage(3, 5)).toBe(3);
    expect(clampPage(0, 5)).toBe(1);
    expect(clampPage(9, 5)).toBe(5);
    expect(clampPage(2.6, 5)).toBe(3);
    expect(clampPage(Number.NaN, 5)).toBe(1);
    expect(clampPage(4, 0)).toBe(1);
  });

  it('resumes at the saved page, or the first', () => {
    expect(resumePage(null, 5)).toBe(1);
    expect(resumePage(4, 5)).toBe(4);
    expect(resumePage(12, 5)).toBe(5); // the document got shorter
  });
});

describe('PageCursor', () => {
  it('turns pages within the document', () => {
    const cursor = new PageCursor(3);
    expect(cursor.page).toBe(1);
    expect(cursor.hasPrevious).toBe(false);
    expect(cursor.previous()).toBe(false);
    expect(cursor.next()).toBe(true);
    expect(cursor.next()).toBe(true);
    expect(cursor.page).toBe(3);
    expect(cursor.hasNext).toBe(false);
    expect(cursor.next()).toBe(false);
    expect(cursor.go(2)).toBe(true);
    expect(cursor.go(2)).toBe(false);
  });

  it('remembers that the last page was shown', () => {
    const cursor = new PageCursor(3, 2);
    expect(cursor.reachedEnd).toBe(false);
    cursor.next();
    cursor.previous();
    expect(cursor.reachedEnd).toBe(true);
    expect(new PageCursor(1).reachedEnd).toBe(true);
    expect(new PageCursor(4, 4).reachedEnd).toBe(true);
  });
});

describe('PageSession', () => {
  let events: Array<{ event: ProgressEventRequest; keepalive: boolean }>;
  let cursor: PageCursor;
  let session: PageSession;
  let visibility: DocumentVisibilityState;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    events = [];
    visibility = 'visible';
    jest.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    cursor = new PageCursor(5, 2);
    session = new PageSession({
      moduleId: '7a1c0a3e-2b7e-4d35-9d7a-2f4c3b1a0e11',
      page: () => cursor.page,
      reachedEnd: () => cursor.reachedEnd,
      report: (event, keepalive) => events.push({ event, keepalive }),
    });
  });

  afterEach(() => {
    session.stop();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('reports windows of activity with the page on screen', () => {
    session.start();
    jest.advanceTimersByTime(10_000);
    cursor.next();
    session.pageTurned();
    jest.advanceTimersByTime(10_000);
    session.stop();
    expect(events.map((e) => e.event.position)).toEqual([3, 3]);
    const seconds = events.map((e) => (Date.parse(e.event.endedAt) - Date.parse(e.event.startedAt)) / 1000);
    expect(seconds).toEqual([15, 5]);
    expect(events.every((e) => e.event.reachedEnd === undefined && !e.keepalive)).toBe(true);
  });

  it('says when the last page was reached', () => {
    session.start();
    cursor.go(5);
    session.pageTurned();
    jest.advanceTimersByTime(3_000);
    session.stop();
    expect(events).toEqual([{ event: expect.objectContaining({ position: 5, reachedEnd: true }), keepalive: false }]);
  });

  it('stops counting while the page is hidden and sends that report with keepalive', () => {
    session.start();
    jest.advanceTimersByTime(5_000);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    jest.advanceTimersByTime(60_000);
    expect(events).toHaveLength(1);
    expect(events[0].keepalive).toBe(true);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    jest.advanceTimersByTime(2_000);
    session.stop();
    const seconds = events.map((e) => (Date.parse(e.event.endedAt) - Date.parse(e.event.startedAt)) / 1000);
    expect(seconds).toEqual([5, 2]);
  });

  it('stops counting a minute after the last interaction', () => {
    session.start();
    jest.advanceTimersByTime(120_000);
    session.stop();
    const total = events.reduce(
      (sum, e) => sum + (Date.parse(e.event.endedAt) - Date.parse(e.event.startedAt)) / 1000,
      0,
    );
    expect(total).toBe(60);
  });
});
