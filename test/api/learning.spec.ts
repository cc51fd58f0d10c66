import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CourseDto, CreditLedgerDto, ModuleDto, MyProgramDto, ProgressEventResponse } from '@lingyan/contracts';
import { createCurriculum, type CurriculumFixture } from './support/curriculum-fixture';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { withClient } from './support/test-database';

describe('learning: programs, modules, progress and the credit ledger', () => {
  let t: TestApp;
  let f: CurriculumFixture;
  let trainee: string;
  let trainee2: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createCurriculum(t.databaseUrl);
    [trainee, trainee2] = await Promise.all([bearer(t, 'trainee'), bearer(t, 'trainee2')]);
  });
  afterAll(() => t.close());

  // One clock for the whole suite, so windows written as "N seconds ago" line up exactly. Taken once the app
  // is up: a slow start must not push "115 seconds ago" to before the modules could have been opened.
  let base = Date.now();
  beforeAll(() => {
    base = Date.now();
  });
  const ago = (seconds: number) => new Date(base - seconds * 1000).toISOString();
  const report = (token: string, body: Record<string, unknown>) =>
    request(t.http).post('/api/progress').set('Authorization', token).send(body);
  const event = (moduleId: string, from: number, to: number, extra: Record<string, unknown> = {}) => ({
    eventId: randomUUID(),
    moduleId,
    startedAt: ago(from),
    endedAt: ago(to),
    ...extra,
  });
  const open = (token: string, moduleId: string) =>
    request(t.http).get(`/api/learning/modules/${moduleId}`).set('Authorization', token);
  const rows = (sql: string, params: unknown[] = []) =>
    withClient(t.databaseUrl, async (c) => (await c.query(sql, params)).rows);

  it('shows the enrolled program with its published courses, nothing earned yet, and where to start', async () => {
    const response = await request(t.http).get('/api/learning/programs').set('Authorization', trainee);
    expect(response.status).toBe(200);
    const [program] = response.body as MyProgramDto[];
    expect(program).toMatchObject({ title: '测试轮训', requiredCredits: 2, earnedCredits: 0, kind: 'rotation' });
    expect(program.courses.map((c) => [c.title, c.required, c.moduleCount, c.status])).toEqual([
      ['党建引领', true, 3, 'not_started'],
      ['共富工坊', false, 1, 'not_started'],
    ]);
    expect(program.courses[0].credits).toBe(1.75);
    expect(program.continue).toMatchObject({ courseId: f.sequentialCourseId, moduleId: f.modules[0], position: null });
  });

  it('shows nothing to a trainee who is not enrolled', async () => {
    const response = await request(t.http).get('/api/learning/programs').set('Authorization', trainee2);
    expect(response.body).toEqual([]);
  });

  it('hides draft courses and their modules', async () => {
    expect(
      (await request(t.http).get(`/api/learning/courses/${f.draftCourseId}`).set('Authorization', trainee)).status,
    ).toBe(404);
    const module = await open(trainee, f.draftModuleId);
    expect(module.status).toBe(404);
    expect(module.body.error).toBe('MODULE_NOT_FOUND');
    const progress = await report(trainee, event(f.draftModuleId, 20, 5));
    expect(progress.status).toBe(404);
  });

  it('locks the modules of a sequential course until the previous one is complete', async () => {
    const course = await request(t.http)
      .get(`/api/learning/courses/${f.sequentialCourseId}`)
      .set('Authorization', trainee);
    expect((course.body as CourseDto).modules.map((m) => m.locked)).toEqual([false, true, true]);
    const locked = await open(trainee, f.modules[1]);
    expect(locked.status).toBe(403);
    expect(locked.body.error).toBe('MODULE_LOCKED');
    expect((await report(trainee, event(f.modules[1], 20, 5))).status).toBe(403);
  });

  it('gives the module with its text, neighbours and progress', async () => {
    const response = await open(trainee, f.modules[0]);
    expect(response.status).toBe(200);
    const module = response.body as ModuleDto;
    expect(module).toMatchObject({
      title: '第一课',
      courseTitle: '党建引领',
      body: '## 第一课\n\n正文。',
      previousModuleId: null,
      nextModuleId: f.modules[1],
      progress: { status: 'not_started', activeSeconds: 0, requiredSeconds: 30, reachedEnd: false },
    });
  });

  it('counts a retried event once', async () => {
    const body = event(f.modules[0], 100, 90, { position: 0.3 });
    const first = await report(trainee, body);
    expect(first.status).toBe(200);
    expect((first.body as ProgressEventResponse).duplicate).toBe(false);
    expect((first.body as ProgressEventResponse).progress).toMatchObject({ status: 'in_progress', activeSeconds: 10 });
    const again = await report(trainee, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, progress: { activeSeconds: 10 }, creditsEarned: 0 });
    expect(await rows(`SELECT count(*)::int AS n FROM progress_event WHERE id = $1`, [body.eventId])).toEqual([
      { n: 1 },
    ]);
  });

  it('does not complete on a claim alone: reaching the end needs the time too, and overlapping time counts once', async () => {
    // A second device reporting the same seconds adds nothing.
    const overlap = await report(trainee, event(f.modules[0], 100, 90));
    expect((overlap.body as ProgressEventResponse).progress.activeSeconds).toBe(10);
    const claim = await report(trainee, event(f.modules[0], 90, 85, { reachedEnd: true, position: 1 }));
    expect(claim.body).toMatchObject({
      progress: { status: 'in_progress', activeSeconds: 15, reachedEnd: true },
      creditsEarned: 0,
    });
  });

  it('completes once the time is there, whatever order the events arrive in, and enters the credits once', async () => {
    // The late event fills a gap before the others.
    const late = await report(trainee, event(f.modules[0], 115, 100));
    expect(late.body).toMatchObject({ progress: { status: 'complete', activeSeconds: 30 }, creditsEarned: 0.25 });
    const more = await report(trainee, event(f.modules[0], 80, 60));
    expect(more.body).toMatchObject({ progress: { status: 'complete', activeSeconds: 50 }, creditsEarned: 0 });
    expect(
      await rows(`SELECT credits::float AS credits, rule FROM credit_ledger WHERE module_id = $1`, [f.modules[0]]),
    ).toEqual([{ credits: 0.25, rule: 'module-minutes:0+' }]);
  });

  it('opens the next module, updates the course and the program, and moves "continue" on', async () => {
    const course = await request(t.http)
      .get(`/api/learning/courses/${f.sequentialCourseId}`)
      .set('Authorization', trainee);
    expect((course.body as CourseDto).modules.map((m) => [m.status, m.locked])).toEqual([
      ['complete', false],
      ['not_started', false],
      ['not_started', true],
    ]);
    const [program] = (await request(t.http).get('/api/learning/programs').set('Authorization', trainee))
      .body as MyProgramDto[];
    expect(program.earnedCredits).toBe(0.25);
    expect(program.courses[0]).toMatchObject({ status: 'in_progress', completedModuleCount: 1 });
    expect(program.continue).toMatchObject({ moduleId: f.modules[1] });
  });

  it('"continue" returns to the module last worked on, at its position', async () => {
    await open(trainee, f.openModuleId);
    await report(trainee, event(f.openModuleId, 20, 10, { position: 0.42 }));
    const [program] = (await request(t.http).get('/api/learning/programs').set('Authorization', trainee))
      .body as MyProgramDto[];
    expect(program.continue).toMatchObject({
      courseId: f.openCourseId,
      moduleId: f.openModuleId,
      position: expect.closeTo(0.42, 5),
    });
    // A later report without a position keeps the resume point.
    await report(trainee, event(f.openModuleId, 10, 5));
    const [again] = (await request(t.http).get('/api/learning/programs').set('Authorization', trainee))
      .body as MyProgramDto[];
    expect(again.continue?.position).toBeCloseTo(0.42, 5);
  });

  it('shows the ledger with module, course, time and rule', async () => {
    const response = await request(t.http).get('/api/learning/credits').set('Authorization', trainee);
    const ledger = response.body as CreditLedgerDto;
    expect(ledger.total).toBe(0.25);
    expect(ledger.entries).toEqual([
      expect.objectContaining({
        moduleId: f.modules[0],
        moduleTitle: '第一课',
        courseTitle: '党建引领',
        programId: f.programId,
        credits: 0.25,
        rule: 'module-minutes:0+',
      }),
    ]);
    const other = await request(t.http).get('/api/learning/credits').set('Authorization', trainee2);
    expect(other.body).toEqual({ total: 0, entries: [] });
  });

  describe('progress that could not have happened', () => {
    it.each([
      ['a window longer than five minutes', 400, 50, 'one event may report at most 5 minutes'],
      ['a window that ends before it starts', 10, 20, 'endedAt must be after startedAt'],
      ['a window before the module was opened', 3600, 3590, 'before the module was opened'],
    ])('refuses %s with 422', async (_, from, to, message) => {
      const before = await rows(`SELECT count(*)::int AS n FROM progress_event`);
      const response = await report(trainee, event(f.openModuleId, from, to));
      expect(response.status).toBe(422);
      expect(response.body.error).toBe('IMPLAUSIBLE_PROGRESS');
      expect(response.body.message).toContain(message);
      expect(await rows(`SELECT count(*)::int AS n FROM progress_event`)).toEqual(before);
    });

    it('refuses an end far in the future', async () => {
      const response = await report(trainee, {
        eventId: randomUUID(),
        moduleId: f.openModuleId,
        startedAt: new Date(Date.now() + 600_000).toISOString(),
        endedAt: new Date(Date.now() + 610_000).toISOString(),
      });
      expect(response.status).toBe(422);
      expect(response.body.message).toContain('in the future');
    });

    it('refuses an event id already used by someone else', async () => {
      const body = event(f.openModuleId, 30, 20);
      expect((await report(trainee, body)).status).toBe(200);
      const trainer = await bearer(t, 'trainer');
      await open(trainer, f.openModuleId);
      const response = await report(trainer, body);
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('EVENT_ID_CONFLICT');
    });

    it('rejects malformed reports with 400 and names the fields', async () => {
      const response = await report(trainee, {
        eventId: 'x',
        moduleId: f.openModuleId,
        startedAt: 'yesterday',
        position: 40_000,
        done: true,
      });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'done',
        'endedAt',
        'eventId',
        'position',
        'startedAt',
      ]);
    });

    it('answers 404 for an unknown module and 401 without a token', async () => {
      expect((await report(trainee, event(randomUUID(), 20, 10))).status).toBe(404);
      expect(
        (
          await request(t.http)
            .post('/api/progress')
            .send(event(f.openModuleId, 20, 10))
        ).status,
      ).toBe(401);
    });
  });

  it('awards credit once when two devices complete a module at the same moment', async () => {
    await open(trainee, f.modules[1]);
    // 20-minute article: 360 s of reading needed. Enough windows, sent from two devices at once.
    const windows = Array.from({ length: 26 }, (_, i) => [120 - i * 15 + 600, 120 - i * 15 + 585] as const);
    await withClient(t.databaseUrl, (c) =>
      c.query(`UPDATE module_open SET opened_at = now() - interval '15 minutes' WHERE module_id = $1`, [f.modules[1]]),
    );
    const responses = await Promise.all(
      windows.map(([from, to], i) =>
        report(trainee, event(f.modules[1], from, to, { reachedEnd: i === windows.length - 1 })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(windows.length).fill(200));
    const earned = responses.reduce((sum, r) => sum + (r.body as ProgressEventResponse).creditsEarned, 0);
    expect(earned).toBe(0.5);
    expect(await rows(`SELECT count(*)::int AS n FROM credit_ledger WHERE module_id = $1`, [f.modules[1]])).toEqual([
      { n: 1 },
    ]);
  });
});
