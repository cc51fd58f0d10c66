import { VideoReport, VideoWatch, requiredPercent, videoResumeAt, watchedPercent, withinLength } from './video-watch';

const T0 = Date.parse('2026-11-26T08:00:00Z');

describe('VideoWatch', () => {
  let now = T0;
  let watch: VideoWatch;
  let reports: VideoReport[];

  const windowSeconds = (r: VideoReport) => (r.end - r.start) / 1000;
  const segment = (r: VideoReport) => r.segmentEnd - r.segmentStart;

  /** Plays on for `seconds` at 1×, observed every 250 ms like timeupdate. */
  function playFor(seconds: number, rate = 1): void {
    for (let i = 0; i < seconds * 4; i++) {
      now += 250;
      const result = watch.progress(watch.position + 0.25 * rate);
      reports.push(...result.reports);
      if (result.snapTo !== null) {
        const report = watch.seek(result.snapTo);
        if (report) reports.push(report);
      }
    }
  }

  beforeEach(() => {
    now = T0;
    reports = [];
    watch = new VideoWatch({ furthest: 0, now: () => now });
  });

  it('reports every 15 s of playing with the stretch of the timeline played', () => {
    watch.play(0);
    playFor(40);
    reports.push(...watch.pause(watch.position));
    expect(reports.map(windowSeconds)).toEqual([15, 15, 10]);
    expect(reports.map((r) => [r.segmentStart, r.segmentEnd])).toEqual([
      [0, 15],
      [15, 30],
      [30, 40],
    ]);
    expect(reports[0].start).toBe(T0);
    for (let i = 1; i < reports.length; i++) expect(reports[i].start).toBe(reports[i - 1].end);
    expect(watch.furthest).toBe(40);
    expect(reports[2].position).toBe(40);
  });

  it('never reports a segment longer than its window', () => {
    watch.play(0);
    playFor(20, 3); // a player that ignores the fixed rate
    reports.push(...watch.pause(watch.position));
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(segment(r)).toBeLessThanOrEqual(windowSeconds(r) + 1e-9);
    // and it never got further than the clock allows
    expect(watch.furthest).toBeLessThanOrEqual(21);
  });

  it('starts a new segment at a seek backwards', () => {
    watch.play(0);
    playFor(10);
    const cut = watch.seek(watch.allowedSeek(4));
    expect(cut).toMatchObject({ segmentStart: 0, segmentEnd: 10, position: 4 });
    playFor(5);
    reports.push(...watch.pause(watch.position));
    expect(reports).toEqual([expect.objectContaining({ segmentStart: 4, segmentEnd: 9, position: 9 })]);
    expect(watch.furthest).toBe(10);
  });

  it('lets a seek go up to the furthest point watched but not beyond', () => {
    watch = new VideoWatch({ furthest: 120, now: () => now });
    expect(watch.allowedSeek(30)).toBe(30);
    expect(watch.allowedSeek(120.4)).toBe(120.4);
    expect(watch.allowedSeek(300)).toBe(120);
    expect(watch.allowedSeek(-3)).toBe(0);
    watch.learnFurthest(200);
    expect(watch.allowedSeek(300)).toBe(200);
    watch.learnFurthest(50); // never goes back
    expect(watch.furthest).toBe(200);
  });

  it('snaps back a jump past the furthest point that came without a seek event', () => {
    watch.play(0);
    playFor(5);
    now += 250;
    const result = watch.progress(60);
    expect(result.snapTo).toBe(5);
    expect(watch.furthest).toBe(5);
    const report = watch.seek(result.snapTo ?? 0);
    expect(report).toBeNull(); // back where it was: the segment goes on
    playFor(5);
    reports.push(...watch.pause(watch.position));
    expect(reports).toEqual([expect.objectContaining({ segmentStart: 0, segmentEnd: 10 })]);
  });

  it('treats a jump within the watched part as a new segment', () => {
    watch = new VideoWatch({ furthest: 100, now: () => now });
    watch.play(10);
    playFor(4);
    now += 250;
    const result = watch.progress(80);
    expect(result.snapTo).toBeNull();
    expect(result.reports).toEqual([expect.objectContaining({ segmentStart: 10, segmentEnd: 14 })]);
    playFor(2);
    reports.push(...watch.pause(watch.position));
    expect(reports).toEqual([expect.objectContaining({ segmentStart: 80, segmentEnd: 82, position: 82 })]);
  });

  it('does not report while paused, and a pause closes the window', () => {
    watch.play(0);
    playFor(6);
    reports.push(...watch.pause(6));
    expect(reports).toHaveLength(1);
    now += 60_000; // a minute paused counts for nothing
    expect(watch.progress(6).reports).toEqual([]);
    watch.play(6);
    playFor(3);
    reports.push(...watch.pause(watch.position));
    expect(reports[1]).toMatchObject({ segmentStart: 6, segmentEnd: 9 });
    expect(reports[1].start).toBe(T0 + 6_000 + 60_000);
    expect(watch.playing).toBe(false);
  });

  it('counts the wall clock of a stall but not more timeline than was played', () => {
    watch.play(0);
    playFor(4);
    now += 8_000; // buffering
    playFor(3);
    reports.push(...watch.pause(watch.position));
    expect(reports).toHaveLength(1);
    expect(windowSeconds(reports[0])).toBe(15);
    expect(segment(reports[0])).toBe(7);
  });

  it('splits a late observation into full windows and shares the segment out', () => {
    watch.play(0);
    now += 40_000; // the tab's timers were throttled
    reports.push(...watch.progress(40).reports);
    reports.push(...watch.pause(40));
    expect(reports.map(windowSeconds)).toEqual([15, 15, 10]);
    expect(reports.map((r) => [r.segmentStart, r.segmentEnd])).toEqual([
      [0, 15],
      [15, 30],
      [30, 40],
    ]);
  });

  it('leaves out a blink between two seeks', () => {
    watch = new VideoWatch({ furthest: 100, now: () => now });
    watch.play(10);
    now += 100;
    expect(watch.seek(50)).toBeNull();
    now += 100;
    expect(watch.seek(20)).toBeNull();
    expect(watch.position).toBe(20);
  });

  it('rounds seconds to tenths without stretching the segment', () => {
    watch.play(1.234);
    now += 250;
    watch.progress(1.5);
    now += 250;
    watch.progress(1.77);
    const [report] = watch.pause(1.77);
    expect(report.segmentStart).toBe(1.2);
    expect(report.segmentEnd).toBe(1.7);
    expect(report.position).toBe(1.8);
    expect(report.segmentEnd - report.segmentStart).toBeLessThanOrEqual(windowSeconds(report) + 0.05);
  });
});

describe('videoResumeAt', () => {
  it('resumes at the saved second', () => {
    expect(videoResumeAt(95, 600, 120)).toBe(95);
  });

  it('starts from the beginning with nothing saved, near the start or at the end', () => {
    expect(videoResumeAt(null, 600, 0)).toBe(0);
    expect(videoResumeAt(2, 600, 10)).toBe(0);
    expect(videoResumeAt(599, 600, 600)).toBe(0);
  });

  it('never resumes beyond the furthest point watched', () => {
    expect(videoResumeAt(300, 600, 120)).toBe(120);
  });
});

describe('watchedPercent', () => {
  it('is the share of the timeline watched', () => {
    expect(watchedPercent(300, 540, 600)).toBe(50);
    expect(watchedPercent(600, 540, 600)).toBe(100);
    expect(watchedPercent(0, 540, 600)).toBe(0);
  });

  it('falls back on the required seconds (90%) without a known length', () => {
    expect(watchedPercent(270, 540, null)).toBe(45);
    expect(watchedPercent(10, 0, null)).toBe(0);
  });
});

describe('requiredPercent', () => {
  it('is the required seconds over the length', () => {
    expect(requiredPercent(540, 600)).toBe(90);
    expect(requiredPercent(540, null)).toBe(90);
    expect(requiredPercent(0, 600)).toBe(90);
  });
});

describe('withinLength', () => {
  const report: VideoReport = { start: T0, end: T0 + 15_000, segmentStart: 590, segmentEnd: 605, position: 605 };

  it('keeps the segment within the stated length of the video', () => {
    expect(withinLength(report, 600)).toEqual({ ...report, segmentStart: 590, segmentEnd: 600 });
    expect(withinLength({ ...report, segmentStart: 602 }, 600)).toMatchObject({ segmentStart: 600, segmentEnd: 600 });
  });

  it('leaves it alone without a length', () => {
    expect(withinLength(report, null)).toBe(report);
  });
});
