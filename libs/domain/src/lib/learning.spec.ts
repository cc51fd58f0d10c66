import {
  completionRule,
  articleRequiredSeconds,
  continueCandidate,
  courseStatus,
  coveredSeconds,
  creditTableProblems,
  DEFAULT_CREDIT_TABLE,
  eventWindowProblem,
  lockedModules,
  moduleCompletionCredits,
  moduleStatus,
  moduleProblems,
  segmentProblem,
  videoRequiredSeconds,
  watchedSeconds,
  programRequirementMet,
  sumCredits,
  testPassCredits,
  type ContinueCandidate,
} from './learning';

describe('credit hours', () => {
  it.each([
    [0, 0.25, 'module-minutes:0+'],
    [5, 0.25, 'module-minutes:0+'],
    [14, 0.25, 'module-minutes:0+'],
    [15, 0.5, 'module-minutes:15+'],
    [29, 0.5, 'module-minutes:15+'],
    [30, 1, 'module-minutes:30+'],
    [120, 1, 'module-minutes:30+'],
  ])('a module of %d minutes earns %d under the default table', (minutes, credits, rule) => {
    expect(moduleCompletionCredits(minutes)).toEqual({ credits, rule });
  });

  it('passing a test adds 0.5 by default', () => {
    expect(testPassCredits()).toEqual({ credits: 0.5, rule: 'test-pass' });
  });

  it('follows a program’s own table whatever the order of its tiers', () => {
    const table = {
      tiers: [
        { minMinutes: 0, credits: 0.5 },
        { minMinutes: 45, credits: 2 },
      ],
      passBonus: 1,
    };
    expect(moduleCompletionCredits(44, table)).toEqual({ credits: 0.5, rule: 'module-minutes:0+' });
    expect(moduleCompletionCredits(45, table)).toEqual({ credits: 2, rule: 'module-minutes:45+' });
    expect(testPassCredits(table).credits).toBe(1);
  });

  it('earns nothing when no tier applies', () => {
    expect(moduleCompletionCredits(5, { tiers: [{ minMinutes: 10, credits: 1 }], passBonus: 0 })).toEqual({
      credits: 0,
      rule: 'module-minutes:none',
    });
  });

  it('checks a table', () => {
    expect(creditTableProblems(DEFAULT_CREDIT_TABLE)).toEqual([]);
    expect(creditTableProblems({ tiers: [], passBonus: 0 })).toEqual([
      'a credit table needs at least one tier',
      'one tier must start at 0 minutes',
    ]);
    expect(
      creditTableProblems({
        tiers: [
          { minMinutes: 0, credits: -1 },
          { minMinutes: 0, credits: 1 },
        ],
        passBonus: -2,
      }),
    ).toEqual(['credits must be from 0 to 100', 'two tiers start at 0 minutes', 'passBonus must be 0 or more']);
  });

  it('adds credits without floating-point drift', () => {
    expect(sumCredits([0.1, 0.2])).toBe(0.3);
    expect(sumCredits(Array(12).fill(0.25))).toBe(3);
    expect(sumCredits([])).toBe(0);
  });
});

describe('honest time', () => {
  const now = Date.UTC(2026, 10, 26, 10, 0, 0);
  const at = (seconds: number) => now - 3_600_000 + seconds * 1000;
  const w = (from: number, to: number) => ({ start: at(from), end: at(to) });

  it('counts overlapping windows once, in any order', () => {
    const windows = [w(0, 15), w(10, 30), w(30, 45), w(100, 115), w(0, 5)];
    expect(coveredSeconds(windows)).toBe(60);
    expect(coveredSeconds([...windows].reverse())).toBe(60);
    // A second device reporting the same minute does not double it.
    expect(coveredSeconds([w(0, 60), w(0, 60), w(20, 40)])).toBe(60);
  });

  it('ignores empty and inverted windows', () => {
    expect(coveredSeconds([])).toBe(0);
    expect(coveredSeconds([w(10, 10), w(20, 15)])).toBe(0);
  });

  it('accepts a plausible window and names what is wrong with the others', () => {
    expect(eventWindowProblem(w(0, 15), now)).toBeNull();
    expect(eventWindowProblem(w(15, 15), now)).toBe('ends_before_start');
    expect(eventWindowProblem(w(0, 301), now)).toBe('too_long');
    expect(eventWindowProblem(w(0, 300), now)).toBeNull();
    expect(eventWindowProblem({ start: now + 60_000, end: now + 200_000 }, now)).toBe('in_future');
    expect(eventWindowProblem({ start: now + 60_000, end: now + 100_000 }, now)).toBeNull();
    expect(eventWindowProblem({ start: now - 31 * 86_400_000, end: now - 31 * 86_400_000 + 1000 }, now)).toBe(
      'too_old',
    );
  });

  it('refuses time from before the module was opened, allowing for clock skew', () => {
    const openedAt = at(600);
    expect(eventWindowProblem(w(600, 615), now, openedAt)).toBeNull();
    expect(eventWindowProblem(w(481, 496), now, openedAt)).toBeNull();
    expect(eventWindowProblem(w(479, 494), now, openedAt)).toBe('before_open');
    expect(eventWindowProblem(w(0, 15), now, openedAt)).toBe('before_open');
  });
});

describe('completion', () => {
  it('asks an article for 30% of its reading time, between 30 s and 10 min', () => {
    expect(articleRequiredSeconds(1)).toBe(30);
    expect(articleRequiredSeconds(10)).toBe(180);
    expect(articleRequiredSeconds(60)).toBe(600);
  });

  const article = {
    kind: 'article' as const,
    estimatedMinutes: 10,
    activeSeconds: 0,
    reachedEnd: false,
    started: true,
  };

  it('completes an article read to the end with enough time, and only then', () => {
    expect(moduleStatus({ ...article, started: false })).toBe('not_started');
    expect(moduleStatus(article)).toBe('in_progress');
    expect(moduleStatus({ ...article, reachedEnd: true, activeSeconds: 179 })).toBe('in_progress');
    expect(moduleStatus({ ...article, reachedEnd: false, activeSeconds: 5000 })).toBe('in_progress');
    expect(moduleStatus({ ...article, reachedEnd: true, activeSeconds: 180 })).toBe('complete');
  });

  it('completes a document opened for long enough', () => {
    expect(moduleStatus({ ...article, kind: 'document', activeSeconds: 180 })).toBe('complete');
    expect(moduleStatus({ ...article, kind: 'document', activeSeconds: 179 })).toBe('in_progress');
  });

  it('rolls modules up into a course', () => {
    expect(courseStatus([])).toBe('not_started');
    expect(courseStatus(['not_started', 'not_started'])).toBe('not_started');
    expect(courseStatus(['complete', 'not_started'])).toBe('in_progress');
    expect(courseStatus(['complete', 'complete'])).toBe('complete');
  });

  it('locks the modules after the first unfinished one in a sequential course', () => {
    expect(lockedModules(['complete', 'in_progress', 'not_started', 'not_started'], true)).toEqual([
      false,
      false,
      true,
      true,
    ]);
    // a module already completed stays open (a revision may have put a new one before it)
    expect(lockedModules(['not_started', 'complete'], true)).toEqual([false, false]);
    expect(lockedModules(['not_started', 'not_started'], false)).toEqual([false, false]);
  });

  it('meets a program’s requirement with every required course and enough credits', () => {
    expect(programRequirementMet({ requiredCredits: 3, earnedCredits: 3, requiredCourseStatuses: ['complete'] })).toBe(
      true,
    );
    expect(
      programRequirementMet({ requiredCredits: 3, earnedCredits: 2.75, requiredCourseStatuses: ['complete'] }),
    ).toBe(false);
    expect(
      programRequirementMet({
        requiredCredits: 1,
        earnedCredits: 5,
        requiredCourseStatuses: ['complete', 'in_progress'],
      }),
    ).toBe(false);
  });
});

describe('continue', () => {
  const c = (courseIndex: number, moduleIndex: number, rest: Partial<ContinueCandidate> = {}): ContinueCandidate => ({
    courseIndex,
    moduleIndex,
    status: 'not_started',
    locked: false,
    lastActivityAt: null,
    ...rest,
  });

  it('goes to the unfinished module worked on most recently', () => {
    const target = continueCandidate([
      c(0, 0, { status: 'complete', lastActivityAt: 300 }),
      c(0, 1, { status: 'in_progress', lastActivityAt: 100 }),
      c(1, 0, { status: 'in_progress', lastActivityAt: 200 }),
    ]);
    expect(target).toMatchObject({ courseIndex: 1, moduleIndex: 0 });
  });

  it('otherwise goes to the first open module not yet complete', () => {
    expect(continueCandidate([c(1, 0), c(0, 1), c(0, 0, { status: 'complete' })])).toMatchObject({
      courseIndex: 0,
      moduleIndex: 1,
    });
    expect(continueCandidate([c(0, 0, { locked: true }), c(1, 0)])).toMatchObject({ courseIndex: 1 });
  });

  it('is null when everything is complete', () => {
    expect(continueCandidate([c(0, 0, { status: 'complete' })])).toBeNull();
    expect(continueCandidate([])).toBeNull();
  });
});

describe('Video completion', () => {
  const video = {
    kind: 'video' as const,
    estimatedMinutes: 2,
    durationSeconds: 100,
    reachedEnd: false,
    started: true,
  };

  it('asks for 90% of the timeline watched and as much time spent', () => {
    expect(videoRequiredSeconds(100)).toBe(90);
    expect(videoRequiredSeconds(61)).toBe(55);
    expect(moduleStatus({ ...video, watchedSeconds: 90, activeSeconds: 90 })).toBe('complete');
    expect(moduleStatus({ ...video, watchedSeconds: 89, activeSeconds: 100 })).toBe('in_progress');
    // Two devices playing different halves at once: the timeline is covered, the time is not.
    expect(moduleStatus({ ...video, watchedSeconds: 100, activeSeconds: 50 })).toBe('in_progress');
    expect(moduleStatus({ ...video, started: false, watchedSeconds: 0, activeSeconds: 0 })).toBe('not_started');
  });

  it('never completes a video whose length is unknown', () => {
    expect(moduleStatus({ ...video, durationSeconds: null, watchedSeconds: 500, activeSeconds: 500 })).toBe(
      'in_progress',
    );
  });

  it('counts watched seconds as the union of segments within the video', () => {
    expect(
      watchedSeconds(
        [
          { start: 0, end: 30 },
          { start: 20, end: 50 },
          { start: 0, end: 10 },
        ],
        100,
      ),
    ).toBe(50);
    expect(watchedSeconds([{ start: 90, end: 130 }], 100)).toBe(10);
    expect(watchedSeconds([], 100)).toBe(0);
  });

  it('refuses segments that are longer than their wall-clock window', () => {
    const window = { start: 0, end: 15_000 };
    expect(segmentProblem({ start: 10, end: 25 }, window, 100)).toBeNull();
    expect(segmentProblem({ start: 10, end: 27 }, window, 100)).toBeNull(); // within the 2 s slack
    expect(segmentProblem({ start: 10, end: 40 }, window, 100)).toBe('segment_too_long');
    expect(segmentProblem({ start: 30, end: 20 }, window, 100)).toBe('segment_backwards');
    expect(segmentProblem({ start: 95, end: 105 }, window, 100)).toBe('segment_beyond_end');
    expect(segmentProblem({ start: 5 }, window, 100)).toBe('segment_half');
    expect(segmentProblem({}, window, 100)).toBeNull();
  });
});

describe('Module set-up before publishing', () => {
  const base = { body: null, mediaKind: null, externalUrl: null, durationSeconds: null };

  it('names what each kind lacks', () => {
    expect(moduleProblems({ ...base, kind: 'article', body: '  ' })).toEqual(['article_empty']);
    expect(moduleProblems({ ...base, kind: 'article', body: '正文' })).toEqual([]);
    expect(moduleProblems({ ...base, kind: 'video' })).toEqual(['video_source_missing', 'video_duration_missing']);
    expect(
      moduleProblems({ ...base, kind: 'video', externalUrl: 'https://v.example.org/a.mp4', durationSeconds: 60 }),
    ).toEqual([]);
    expect(moduleProblems({ ...base, kind: 'video', mediaKind: 'video' })).toEqual(['video_duration_missing']);
    expect(moduleProblems({ ...base, kind: 'document', mediaKind: 'image' })).toEqual(['document_missing']);
    expect(moduleProblems({ ...base, kind: 'document', mediaKind: 'document' })).toEqual([]);
  });
});

describe('Sequential locking after a revision', () => {
  it('keeps a completed module open when a new module comes before it', () => {
    expect(lockedModules(['not_started', 'complete', 'not_started'], true)).toEqual([false, false, true]);
  });
});

describe('Completion rule', () => {
  it('names the figures each kind must reach', () => {
    expect(completionRule('article', 10)).toEqual({ activeSeconds: 180, watchedSeconds: 0, reachedEnd: true });
    expect(completionRule('document', 10)).toEqual({ activeSeconds: 180, watchedSeconds: 0, reachedEnd: false });
    expect(completionRule('video', 2, 100)).toEqual({ activeSeconds: 90, watchedSeconds: 90, reachedEnd: false });
    expect(completionRule('video', 2, null)).toBeNull();
  });
});
