import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ProgressEventResponse } from '@lingyan/contracts';
import {
  createCadres,
  createProgram,
  enrol,
  entries,
  insertCohort,
  maintainedCounts,
  recountedCounts,
  sql,
  VILLAGES,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { createApp } from '../../api/src/create-app';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/**
 * Progress reports that arrive together are written together (group commit). Whatever the grouping,
 * each report is answered for its own trainee and module, a bad one fails alone, and the enrolments
 * and region counts follow every trainee.
 */
describe('progress: many trainees reporting at once', () => {
  let t: TestApp;
  let program: ProgramFixture;
  let cohortId: string;
  let cadres: Cadre[];
  const villages = [VILLAGES.xiajiang, VILLAGES.langdong, VILLAGES.wenping, VILLAGES.anji, VILLAGES.anjiKangshan];

  beforeAll(async () => {
    t = await startTestApp();
    const zj = await bearer(t, 'zj-admin');
    // One required course of two 1-minute articles (0.25 h each); the program needs both.
    program = await createProgram(t, {
      title: '并发上报测试',
      requiredCredits: 0.5,
      courses: [{ required: true, modules: 2 }],
    });
    cohortId = await insertCohort(t, {
      programId: program.id,
      name: '并发上报班',
      regionCode: '33',
      createdBy: 'zj-admin',
    });
    cadres = await createCadres(
      t,
      Array.from({ length: 24 }, (_, i) => ({ username: `burst${i}`, village: villages[i % villages.length] })),
    );
    await enrol(
      t,
      zj,
      cohortId,
      cadres.map((c) => c.id),
    );
    // Every cadre opened both modules a while ago, so 40-second windows ending now are plausible.
    await sql(
      t,
      `INSERT INTO module_open (user_id, module_id, opened_at)
       SELECT u, m, now() - interval '10 minutes' FROM unnest($1::uuid[]) u, unnest($2::uuid[]) m`,
      [cadres.map((c) => c.id), program.modules],
    );
  });
  afterAll(() => t.close());

  const reading = (moduleId: string, extra: Record<string, unknown> = {}) => {
    const now = Date.now();
    return {
      eventId: randomUUID(),
      moduleId,
      startedAt: new Date(now - 41_000).toISOString(),
      endedAt: new Date(now - 1000).toISOString(),
      reachedEnd: true,
      position: 1,
      ...extra,
    };
  };
  const report = (cadre: Cadre, body: Record<string, unknown>) =>
    request(t.http).post('/api/progress').set('Authorization', cadre.token).send(body);
  const counts = async () => (await maintainedCounts(t, [cohortId])).get(`${cohortId}:33`);

  it('answers each report of a burst for its own trainee, and fails only the bad ones', async () => {
    const [first] = program.modules;
    // Before the burst, cadre 0 read for five seconds a minute ago: that event id is taken.
    const early = reading(first, {
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date(Date.now() - 55_000).toISOString(),
      reachedEnd: false,
    });
    expect((await report(cadres[0], early)).status).toBe(200);

    const bodies = cadres.map(() => reading(first));
    const responses = await Promise.all([
      ...cadres.map((cadre, i) => report(cadre, bodies[i])),
      report(cadres[3], bodies[3]), // sent twice: written once, answered as a duplicate the other time
      report(cadres[6], { ...reading(first), eventId: early.eventId }), // someone else's event id
      report(
        cadres[7],
        reading(first, {
          startedAt: new Date(Date.now() + 600_000).toISOString(),
          endedAt: new Date(Date.now() + 610_000).toISOString(),
        }),
      ),
      report(cadres[8], reading(randomUUID())),
    ]);
    const [again, stolen, future, unknown] = responses.slice(cadres.length);
    expect([stolen.status, stolen.body.error]).toEqual([409, 'EVENT_ID_CONFLICT']);
    expect([future.status, future.body.error]).toEqual([422, 'IMPLAUSIBLE_PROGRESS']);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'MODULE_NOT_FOUND']);

    const written = [...responses.slice(0, cadres.length), again];
    expect(written.map((r) => r.status)).toEqual(Array(written.length).fill(200));
    const answers = written.map((r) => r.body as ProgressEventResponse);
    // Everyone's first module is complete and its 0.25 credit hours entered once; one answer is the duplicate.
    expect(answers.map((a) => a.progress.status)).toEqual(Array(written.length).fill('complete'));
    expect(answers.filter((a) => a.duplicate)).toHaveLength(1);
    expect(answers.reduce((sum, a) => sum + a.creditsEarned, 0)).toBe(24 * 0.25);
    // Cadre 0's answer folds its earlier five seconds in: 40 + 5 seconds read.
    expect(answers[0].progress.activeSeconds).toBe(45);

    const ledger = await sql<{ user_id: string }>(t, `SELECT user_id FROM credit_ledger WHERE module_id = $1`, [first]);
    expect(ledger.map((l) => l.user_id).sort()).toEqual(cadres.map((c) => c.id).sort());
    // Every event is kept once, under the account that sent it.
    const kept = await sql<{ id: string; user_id: string }>(
      t,
      `SELECT id, user_id FROM progress_event WHERE module_id = $1`,
      [first],
    );
    const expected = [
      { id: early.eventId, user_id: cadres[0].id },
      ...bodies.map((b, i) => ({ id: b.eventId, user_id: cadres[i].id })),
    ];
    const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
    expect([...kept].sort(byId)).toEqual(expected.sort(byId));

    // Every enrolment is in progress now (one module of two), and so are the counts of every region.
    expect(await counts()).toEqual([24, 0, 24, 0]);
    expect(entries(await maintainedCounts(t, [cohortId]))).toEqual(entries(await recountedCounts(t, [cohortId])));
  });

  it('completes the program for everyone who finishes at once, and counts each completion once', async () => {
    const [, second] = program.modules;
    const responses = await Promise.all(cadres.map((cadre) => report(cadre, reading(second))));
    expect(responses.map((r) => r.status)).toEqual(Array(cadres.length).fill(200));
    for (const response of responses) {
      const answer = response.body as ProgressEventResponse;
      expect(answer.progress.status).toBe('complete');
      expect(answer.creditsEarned).toBe(0.25);
    }
    const enrolments = await sql<{ status: string; earned_credits: string }>(
      t,
      `SELECT status, earned_credits FROM enrolment WHERE cohort_id = $1`,
      [cohortId],
    );
    expect(enrolments).toHaveLength(24);
    expect(enrolments.every((e) => e.status === 'completed' && Number(e.earned_credits) === 0.5)).toBe(true);
    expect(await counts()).toEqual([24, 0, 0, 24]);
    expect(entries(await maintainedCounts(t, [cohortId]))).toEqual(entries(await recountedCounts(t, [cohortId])));
  });
});

/**
 * Two API processes may write one trainee's reports at the same moment. Each folds into the latest
 * progress, and a process that finds a row the other created meanwhile writes its reports again: nothing
 * is lost and nothing is counted twice.
 */
describe('progress: two API processes writing the same trainees at once', () => {
  let t: TestApp;
  let other: Awaited<ReturnType<typeof createApp>>;
  let moduleId: string;
  let cadres: Cadre[];

  beforeAll(async () => {
    t = await startTestApp();
    other = await createApp(t.config, t.databaseUrl, { logger: false });
    const program = await createProgram(t, {
      title: '双进程上报测试',
      requiredCredits: 0.5,
      courses: [{ required: true, modules: 2 }],
    });
    moduleId = program.modules[0];
    cadres = await createCadres(
      t,
      Array.from({ length: 8 }, (_, i) => ({ username: `twin${i}`, village: VILLAGES.xiajiang })),
    );
    await sql(
      t,
      `INSERT INTO module_open (user_id, module_id, opened_at)
       SELECT u, $2, now() - interval '10 minutes' FROM unnest($1::uuid[]) u`,
      [cadres.map((c) => c.id), moduleId],
    );
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('folds every report of both into the same progress, once', async () => {
    const base = Date.now() - 5 * 60_000;
    // Three rounds; in each, both processes report five seconds of reading for every cadre, in windows
    // that do not overlap. Without reaching the end the article does not complete: 6 × 5 = 30 seconds.
    for (let round = 0; round < 3; round++) {
      const responses = await Promise.all(
        [t.http, other.getHttpServer()].flatMap((server, k) =>
          cadres.map((cadre) => {
            const start = base + (round * 2 + k) * 6_000;
            return request(server)
              .post('/api/progress')
              .set('Authorization', cadre.token)
              .send({
                eventId: randomUUID(),
                moduleId,
                startedAt: new Date(start).toISOString(),
                endedAt: new Date(start + 5_000).toISOString(),
                reachedEnd: false,
                position: 0.5,
              });
          }),
        ),
      );
      expect(responses.map((r) => [r.status, r.body.error])).toEqual(Array(16).fill([200, undefined]));
    }
    const progress = await sql<{ user_id: string; active_seconds: number; status: string; events: number }>(
      t,
      `SELECT mp.user_id, mp.active_seconds, mp.status,
              (SELECT count(*)::int FROM progress_event e WHERE e.user_id = mp.user_id AND e.module_id = mp.module_id)
                AS events
         FROM module_progress mp WHERE mp.module_id = $1 ORDER BY mp.user_id`,
      [moduleId],
    );
    expect(progress).toEqual(
      cadres
        .map((c) => ({ user_id: c.id, active_seconds: 30, status: 'in_progress', events: 6 }))
        .sort((x, y) => (x.user_id < y.user_id ? -1 : 1)),
    );
  });
});
