/**
 * The honest bookkeeping of one video on screen, free of the DOM so that it can be tested with a fake
 * clock. It follows the playback position as the player reports it and cuts what was played into
 * reports: a wall-clock window (at most 15 s) and the stretch of the timeline played in it.
 *
 * - A segment never runs longer than its window: nobody watches faster than the clock.
 * - A seek (or any jump the clock cannot explain) ends the segment; the next one starts where the
 *   playhead landed.
 * - The trainee may go back freely, and forward up to the furthest point watched; a jump beyond it
 *   is answered with `snapTo` (the player moves the playhead back there).
 */

/** One report: the wall-clock window (epoch ms) and the stretch of the timeline played in it (s). */
export interface VideoReport {
  start: number;
  end: number;
  segmentStart: number;
  segmentEnd: number;
  /** The playhead when the window closed. */
  position: number;
}

export interface VideoWatchOptions {
  /** The furthest second watched so far (from the server). */
  furthest: number;
  now?: () => number;
  /** Windows are reported at least this often (default 15 s). */
  maxWindowMs?: number;
}

/** How far (s) the playhead may run ahead of the clock within a window (timer jitter). */
export const PLAYHEAD_SLACK = 1;
/** A seek this close (s) beyond the furthest point is let through (the furthest point itself, rounding). */
export const SEEK_SLACK = 0.5;

interface OpenWindow {
  start: number;
  segmentStart: number;
  segmentEnd: number;
}

export interface ProgressResult {
  /** Reports of windows that closed (full, or cut by a jump). */
  reports: VideoReport[];
  /** The playhead jumped past the furthest point watched: move it back here. */
  snapTo: number | null;
}

/** Rounds a second to 0.1 s, the precision reports carry. */
export function roundSecond(value: number): number {
  return Math.round(value * 10) / 10;
}

export class VideoWatch {
  private readonly now: () => number;
  private readonly maxWindowMs: number;
  private furthestSeen: number;
  private open: OpenWindow | null = null;
  private playhead = 0;

  constructor(options: VideoWatchOptions) {
    this.now = options.now ?? (() => Date.now());
    this.maxWindowMs = options.maxWindowMs ?? 15_000;
    this.furthestSeen = Math.max(0, options.furthest || 0);
  }

  /** The furthest second watched (the server's figure or more, as played here). */
  get furthest(): number {
    return this.furthestSeen;
  }

  /** The playhead as last seen. */
  get position(): number {
    return this.playhead;
  }

  get playing(): boolean {
    return this.open !== null;
  }

  /** The server knows of a further point (another device): seeking up to it is allowed. */
  learnFurthest(furthest: number): void {
    if (furthest > this.furthestSeen) this.furthestSeen = furthest;
  }

  /** Where a seek to `target` may land: anywhere up to the furthest point watched. */
  allowedSeek(target: number): number {
    return target <= this.furthestSeen + SEEK_SLACK ? Math.max(0, target) : this.furthestSeen;
  }

  /** Playback started (or resumed) at `at`. */
  play(at: number): void {
    this.playhead = at;
    if (this.open) return;
    const now = this.now();
    this.open = { start: now, segmentStart: at, segmentEnd: at };
  }

  /**
   * The player reports its playhead (timeupdate, or a timer while playing). Plausible advances
   * extend the segment and the furthest point; a jump closes the segment; a jump beyond the furthest
   * point asks to snap back.
   */
  progress(at: number): ProgressResult {
    const reports: VideoReport[] = [];
    const now = this.now();
    const open = this.open;
    if (!open) {
      if (at > this.furthestSeen + SEEK_SLACK) return { reports, snapTo: this.furthestSeen };
      this.playhead = at;
      return { reports, snapTo: null };
    }
    // within the window the playhead cannot have run further than the clock (plus jitter)
    const reach = open.segmentStart + (now - open.start) / 1000 + PLAYHEAD_SLACK;
    if (at >= open.segmentEnd - 0.25 && at <= reach) {
      open.segmentEnd = Math.max(open.segmentEnd, at);
      this.playhead = at;
      if (at > this.furthestSeen) this.furthestSeen = at;
    } else if (at > this.furthestSeen) {
      // ran or skipped ahead of the clock into the unwatched part: back to the furthest point
      return { reports, snapTo: this.furthestSeen };
    } else {
      this.cut(at, reports);
      return { reports, snapTo: null };
    }
    this.split(now, reports);
    return { reports, snapTo: null };
  }

  /** The playhead moved to `to` (already clamped with `allowedSeek`): the segment so far is reported. */
  seek(to: number): VideoReport | null {
    const reports: VideoReport[] = [];
    // a seek to where the playhead already is (e.g. snapping back to it) does not break the segment
    if (this.open && Math.abs(to - this.open.segmentEnd) > 0.3) this.cut(to, reports);
    this.playhead = to;
    return reports[0] ?? null;
  }

  /** Playback paused, ended or the page is going away at `at`: the open window is reported. */
  pause(at: number): VideoReport[] {
    const result = this.progress(at);
    const reports = [...result.reports];
    if (this.open) {
      const report = this.close(this.open, this.now());
      if (report) reports.push(report);
      this.open = null;
    }
    return reports;
  }

  /** Hands out full windows while the open one is longer than the limit; the segment is shared out in order. */
  private split(now: number, reports: VideoReport[]): void {
    const open = this.open;
    while (open && now - open.start >= this.maxWindowMs) {
      const end = open.start + this.maxWindowMs;
      const segmentEnd = Math.min(open.segmentEnd, open.segmentStart + this.maxWindowMs / 1000);
      const report = this.report(open.start, end, open.segmentStart, segmentEnd);
      if (report) reports.push(report);
      open.start = end;
      open.segmentStart = segmentEnd;
    }
  }

  /** Closes the open window now and opens the next one at `from` on the timeline (a jump). */
  private cut(from: number, reports: VideoReport[]): void {
    const open = this.open;
    if (!open) return;
    const now = this.now();
    this.playhead = from; // the report tells where the trainee went
    const report = this.report(open.start, now, open.segmentStart, open.segmentEnd);
    if (report) reports.push(report);
    this.open = { start: now, segmentStart: from, segmentEnd: from };
  }

  private close(open: OpenWindow, end: number): VideoReport | null {
    return this.report(open.start, end, open.segmentStart, open.segmentEnd);
  }

  private report(start: number, end: number, segmentStart: number, segmentEnd: number): VideoReport | null {
    if (end <= start) return null;
    const windowSeconds = (end - start) / 1000;
    const from = roundSecond(segmentStart);
    // never claim more of the timeline than the clock allows
    const to = Math.max(from, floorTenth(Math.min(segmentEnd, segmentStart + windowSeconds, from + windowSeconds)));
    if (to <= from && end - start < 1000) return null; // a blink between two seeks: nothing to tell
    return { start, end, segmentStart: from, segmentEnd: to, position: roundSecond(this.playhead) };
  }
}

function floorTenth(value: number): number {
  return Math.floor(value * 10 + 1e-9) / 10;
}

/**
 * Where the player starts: the saved second, unless it is at the very start or end (then from the
 * beginning), and never beyond the furthest point watched.
 */
export function videoResumeAt(lastPosition: number | null, duration: number | null, furthest: number): number {
  if (lastPosition === null || !Number.isFinite(lastPosition) || lastPosition < 3) return 0;
  if (duration && lastPosition >= duration - 3) return 0;
  return Math.min(lastPosition, Math.max(furthest, 0));
}

/** Watched share of the timeline in whole percent, from the server's figures. */
export function watchedPercent(
  watchedSeconds: number,
  requiredWatchedSeconds: number,
  duration: number | null,
): number {
  const length = duration && duration > 0 ? duration : requiredWatchedSeconds / 0.9;
  if (!(length > 0)) return 0;
  return Math.min(100, Math.floor((watchedSeconds / length) * 100));
}

/** The share of the timeline that must be watched, in whole percent (90 unless the length is unknown). */
export function requiredPercent(requiredWatchedSeconds: number, duration: number | null): number {
  return duration && duration > 0 && requiredWatchedSeconds > 0
    ? Math.min(100, Math.round((requiredWatchedSeconds / duration) * 100))
    : 90;
}

/**
 * A report within the module's stated length: the server refuses segments past it, and a video file
 * a little longer than the length its trainer entered must not cost the trainee the whole window.
 */
export function withinLength(report: VideoReport, length: number | null): VideoReport {
  if (!length || length <= 0) return report;
  const segmentStart = Math.min(report.segmentStart, length);
  const segmentEnd = Math.min(Math.max(report.segmentEnd, segmentStart), length);
  return { ...report, segmentStart, segmentEnd };
}
