import request from 'supertest';
import type { ModuleDto, ModuleProgressDto, MyProgramDto, ProgressEventResponse } from '@lingyan/contracts';
import { createAccount, openedLongAgo, progressClock, rows, type Account } from './support/api-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/** [from, to] seconds ago, optional [segmentStart, segmentEnd] and position. */
type Step = { window: [number, number]; segment?: [number, number]; position?: number };

describe('honest video time', () => {
  let t: TestApp;
  let admin: string;
  let videoId: string;
  let courseId: string;
  let articleId: string;
  let p: ReturnType<typeof progressClock>;

  beforeAll(async () => {
    t = await startTestApp();
    p = progressClock(t);
    admin = await bearer(t, 'zj-admin');
    const [video] = await rows<{ id: string; course_id: string; duration_seconds: number }>(
      t,
      `SELECT m.id, m.course_id, m.duration_seconds FROM module m JOIN media f ON f.id = m.media_id
        WHERE m.kind = 'video' AND f.original_name = 'demo-video.mp4'`,
    );
    expect(video.duration_seconds).toBe(72);
    videoId = video.id;
    courseId = video.course_id;
    [{ id: articleId }] = await rows<{ id: string }>(
      t,
      `SELECT id FROM module WHERE course_id = $1 AND kind = 'article' ORDER BY position LIMIT 1`,
      [courseId],
    );
  });
  afterAll(() => t.close());

  /** A new trainee who has had the demo video open for an hour. */
  const viewer = async (username: string): Promise<Account> => {
    const account = await createAccount(t, admin, username, ['trainee']);
    await openedLongAgo(t, account.token, account.id, videoId);
    return account;
  };
  const stepEvent = (step: Step, moduleId = videoId) =>
    p.event(moduleId, step.window[0], step.window[1], {
      ...(step.segment ? { segmentStart: step.segment[0], segmentEnd: step.segment[1] } : {}),
      ...(step.position !== undefined ? { position: step.position } : {}),
    });
  const send = async (who: Account, steps: Step[]) => {
    const responses: ProgressEventResponse[] = [];
    for (const step of steps) {
      const response = await p.report(who.token, stepEvent(step));
      expect(response.status).toBe(200);
      responses.push(response.body as ProgressEventResponse);
    }
    return responses;
  };
  const progressOf = async (who: Account): Promise<ModuleProgressDto> => {
    const response = await p.open(who.token, videoId);
    expect(response.status).toBe(200);
    return (response.body as ModuleDto).progress;
  };
  const eventCount = async (who: Account) =>
    (await rows<{ n: number }>(t, `SELECT count(*)::int AS n FROM progress_event WHERE user_id = $1`, [who.id]))[0].n;
  const ledgerCount = async (who: Account) =>
    (await rows<{ n: number }>(t, `SELECT count(*)::int AS n FROM credit_ledger WHERE user_id = $1`, [who.id]))[0].n;

  describe('reports that could not have happened', () => {
    let who: Account;
    beforeAll(async () => {
      who = await viewer('viewer-implausible');
    });

    it.each<[string, Step, string]>([
      [
        'more video than time (10 s window, 13 s of video)',
        { window: [600, 590], segment: [0, 13] },
        'more of the video watched than time passed',
      ],
      ['a segment past the end of the 72 s video', { window: [590, 575], segment: [65, 75] }, 'runs past the end'],
      ['a segment that runs backwards', { window: [575, 560], segment: [30, 20] }, 'must not be before'],
    ])('refuses %s with 422', async (_, step, message) => {
      const before = await eventCount(who);
      const response = await p.report(who.token, stepEvent(step));
      expect(response.status).toBe(422);
      expect(response.body.error).toBe('IMPLAUSIBLE_PROGRESS');
      expect(response.body.message).toContain(message);
      expect(await eventCount(who)).toBe(before);
    });

    it('refuses half a segment with 422', async () => {
      for (const half of [{ segmentStart: 10 }, { segmentEnd: 10 }]) {
        const response = await p.report(who.token, p.event(videoId, 550, 540, half));
        expect(response.status).toBe(422);
        expect(response.body.message).toContain('segmentStart and segmentEnd come together');
      }
      expect(await eventCount(who)).toBe(0);
    });

    it('allows the 2 s of slack, and no more', async () => {
      const withinSlack = await p.report(who.token, stepEvent({ window: [530, 520], segment: [0, 12] }));
      expect(withinSlack.status).toBe(200);
      expect((withinSlack.body as ProgressEventResponse).progress.watchedSeconds).toBe(12);
      const endWithinSlack = await p.report(who.token, stepEvent({ window: [520, 505], segment: [60, 74] }));
      expect(endWithinSlack.status).toBe(200);
      // What lies past the end counts only up to the end.
      expect((endWithinSlack.body as ProgressEventResponse).progress.watchedSeconds).toBe(24);
    });

    it('refuses a segment on an article with 400', async () => {
      await openedLongAgo(t, who.token, who.id, articleId);
      const response = await p.report(who.token, stepEvent({ window: [500, 490], segment: [0, 10] }, articleId));
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['segmentStart']);
    });
  });

  it('watching 0–60 s is in progress; watching on to the end completes once and earns credits once', async () => {
    const who = await viewer('viewer-honest');
    const first = await send(who, [
      { window: [900, 885], segment: [0, 15], position: 15 },
      { window: [885, 870], segment: [15, 30], position: 30 },
      { window: [870, 855], segment: [30, 45], position: 45 },
      { window: [855, 840], segment: [45, 60], position: 60 },
    ]);
    expect(first.map((r) => r.progress.watchedSeconds)).toEqual([15, 30, 45, 60]);
    expect(first.at(-1)?.progress).toMatchObject({
      status: 'in_progress',
      watchedSeconds: 60,
      activeSeconds: 60,
      furthestPosition: 60,
      lastPosition: 60,
      requiredSeconds: 65,
      requiredWatchedSeconds: 65,
      completedAt: null,
    });
    expect(first.every((r) => r.creditsEarned === 0)).toBe(true);

    const [end] = await send(who, [{ window: [840, 828], segment: [60, 72], position: 72 }]);
    expect(end.progress).toMatchObject({
      status: 'complete',
      watchedSeconds: 72,
      activeSeconds: 72,
      furthestPosition: 72,
    });
    expect(end.progress.completedAt).not.toBeNull();
    expect(end.creditsEarned).toBe(0.25);

    // Watching a part again: nothing more earned; the resume point is the latest reported second.
    const [again] = await send(who, [{ window: [800, 790], segment: [20, 30], position: 30 }]);
    expect(again.creditsEarned).toBe(0);
    expect(again.progress).toMatchObject({ status: 'complete', lastPosition: 30, furthestPosition: 72 });
    // A late report of an earlier window does not move the resume point back.
    const [late] = await send(who, [{ window: [1000, 990], segment: [0, 10], position: 5 }]);
    expect(late.progress).toMatchObject({ lastPosition: 30, furthestPosition: 72, watchedSeconds: 72 });
    expect(await ledgerCount(who)).toBe(1);
    expect(
      await rows(t, `SELECT credits::float AS credits, module_id FROM credit_ledger WHERE user_id = $1`, [who.id]),
    ).toEqual([{ credits: 0.25, module_id: videoId }]);
  });

  it('skipping: watching 0–10 s and 60–72 s counts 22 s, and spending the time paused does not make up for it', async () => {
    const who = await viewer('viewer-skipper');
    const responses = await send(who, [
      { window: [900, 890], segment: [0, 10], position: 10 },
      { window: [890, 878], segment: [60, 72], position: 72 },
    ]);
    expect(responses.at(-1)?.progress).toMatchObject({
      status: 'in_progress',
      watchedSeconds: 22,
      activeSeconds: 22,
      furthestPosition: 72,
    });
    // 75 s more on the page without playing.
    const paused = await send(who, [
      { window: [878, 863] },
      { window: [863, 848] },
      { window: [848, 833] },
      { window: [833, 818] },
      { window: [818, 803] },
    ]);
    expect(paused.at(-1)?.progress).toMatchObject({ status: 'in_progress', watchedSeconds: 22, activeSeconds: 97 });
    expect(await ledgerCount(who)).toBe(0);
  });

  it('two devices playing different halves at the same time watch 72 s in 36 s, which does not complete', async () => {
    const who = await viewer('viewer-two-devices');
    const phone = [
      { window: [900, 882], segment: [0, 18] },
      { window: [882, 864], segment: [18, 36] },
    ] satisfies Step[];
    const tablet = [
      { window: [900, 882], segment: [36, 54] },
      { window: [882, 864], segment: [54, 72] },
    ] satisfies Step[];
    const responses = await Promise.all([send(who, phone), send(who, tablet)]);
    expect(responses.flat().every((r) => r.creditsEarned === 0)).toBe(true);
    expect(await progressOf(who)).toMatchObject({ status: 'in_progress', watchedSeconds: 72, activeSeconds: 36 });
  });

  it('gives the same progress whatever order the events arrive in, and a retried event changes nothing', async () => {
    const steps: Step[] = [
      { window: [1000, 985], segment: [0, 15], position: 15 },
      { window: [985, 970], segment: [15, 30], position: 30 },
      { window: [975, 960], segment: [25, 40], position: 40 },
      { window: [960, 945], segment: [40, 55], position: 55 },
      { window: [945, 935] },
      { window: [935, 920], segment: [55, 70], position: 70 },
      { window: [920, 915], segment: [70, 72], position: 72 },
      { window: [900, 890], segment: [10, 20], position: 20 },
    ];
    const inOrder = await viewer('viewer-in-order');
    const shuffled = await viewer('viewer-shuffled');
    const order = [6, 2, 7, 0, 4, 3, 5, 1];
    expect([...order].sort()).toEqual(steps.map((_, i) => i));
    const first = await send(inOrder, steps);
    const second = await send(
      shuffled,
      order.map((i) => steps[i]),
    );
    const sum = (rs: ProgressEventResponse[]) => rs.reduce((total, r) => total + r.creditsEarned, 0);
    expect(sum(first)).toBe(0.25);
    expect(sum(second)).toBe(0.25);

    const a = await progressOf(inOrder);
    const b = await progressOf(shuffled);
    expect(a).toMatchObject({
      status: 'complete',
      watchedSeconds: 72,
      activeSeconds: 95,
      furthestPosition: 72,
      lastPosition: 20,
    });
    expect({ ...b, completedAt: null }).toEqual({ ...a, completedAt: null });

    // A retry of an event already received.
    const retried = stepEvent(steps[3]);
    expect((await p.report(inOrder.token, retried)).body.duplicate).toBe(false);
    const settled = await progressOf(inOrder);
    const events = await eventCount(inOrder);
    const again = await p.report(inOrder.token, retried);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, creditsEarned: 0 });
    expect((again.body as ProgressEventResponse).progress).toEqual(settled);
    expect(await eventCount(inOrder)).toBe(events);
    expect(await ledgerCount(inOrder)).toBe(1);
  });

  it('"continue" takes the trainee back to the video at the second they reached', async () => {
    const trainee = await bearer(t, 'trainee');
    const [{ id }] = await rows<{ id: string }>(t, `SELECT id FROM app_user WHERE username = 'trainee'`);
    const who: Account = { id, username: 'trainee', token: trainee };
    await openedLongAgo(t, trainee, id, videoId);
    await send(who, [
      { window: [700, 685], segment: [0, 15], position: 15 },
      { window: [685, 670], segment: [15, 30], position: 30 },
      { window: [670, 660], segment: [30, 40], position: 40 },
    ]);
    const programs = (await request(t.http).get('/api/learning/programs').set('Authorization', trainee))
      .body as MyProgramDto[];
    const withVideo = programs.find((program) => program.courses.some((c) => c.id === courseId));
    expect(withVideo?.continue).toMatchObject({ courseId, moduleId: videoId, moduleKind: 'video', position: 40 });
  });
});
