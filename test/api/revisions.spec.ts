import request from 'supertest';
import type {
  AuthoredCourseDto,
  AuthoredCourseSummary,
  CourseDto,
  CreditLedgerDto,
  ProgressEventResponse,
} from '@lingyan/contracts';
import { authoring, createAccount, openedLongAgo, progressClock, rows, userId } from './support/api-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

describe('revisions of published courses keep progress', () => {
  let t: TestApp;
  let trainer: string;
  let trainee: string;
  let traineeId: string;
  let otherTrainer: string;
  let a: ReturnType<typeof authoring>;
  let p: ReturnType<typeof progressClock>;

  beforeAll(async () => {
    t = await startTestApp();
    a = authoring(t);
    p = progressClock(t);
    const admin = await bearer(t, 'zj-admin');
    [trainer, trainee] = await Promise.all([bearer(t, 'trainer'), bearer(t, 'trainee')]);
    traineeId = await userId(t, 'trainee');
    otherTrainer = (await createAccount(t, admin, 'trainer-rev', ['trainer'], '另一位培训师')).token;
  });
  afterAll(() => t.close());

  const learnerCourse = async (courseId: string) => {
    const response = await request(t.http).get(`/api/learning/courses/${courseId}`).set('Authorization', trainee);
    expect(response.status).toBe(200);
    return response.body as CourseDto;
  };
  const revise = (courseId: string, token = trainer) =>
    request(t.http).post(`/api/curriculum/courses/${courseId}/revision`).set('Authorization', token);
  const discard = (courseId: string, token = trainer) =>
    request(t.http).delete(`/api/curriculum/courses/${courseId}`).set('Authorization', token);

  describe('a revision that renames, drops, adds and reorders', () => {
    let live: AuthoredCourseDto;
    let ids: { a: string; b: string; c: string };
    let revision: AuthoredCourseDto;

    beforeAll(async () => {
      live = await a.publishedCourse(
        trainer,
        [
          ['甲：村规民约', 1],
          ['乙：议事协商', 20],
          ['丙：旧的案例', 1],
        ],
        { title: '乡村治理三课', summary: '初版' },
      );
      ids = { a: live.modules[0].id, b: live.modules[1].id, c: live.modules[2].id };
    });

    it('the trainee completes modules A and C and works on B', async () => {
      for (const id of [ids.a, ids.b, ids.c]) await openedLongAgo(t, trainee, traineeId, id);
      const first = await p.report(trainee, p.event(ids.a, 100, 60, { reachedEnd: true, position: 1 }));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ progress: { status: 'complete', activeSeconds: 40 }, creditsEarned: 0.25 });
      const second = await p.report(trainee, p.event(ids.b, 50, 20, { position: 0.3 }));
      expect((second.body as ProgressEventResponse).progress).toMatchObject({
        status: 'in_progress',
        activeSeconds: 30,
      });
      // C is completed too: the revision will drop it, and its credits must stay.
      const third = await p.report(trainee, p.event(ids.c, 200, 160, { reachedEnd: true }));
      expect(third.body).toMatchObject({ progress: { status: 'complete' }, creditsEarned: 0.25 });
      expect((await learnerCourse(live.id)).modules.map((m) => m.status)).toEqual([
        'complete',
        'in_progress',
        'complete',
      ]);
    });

    it('creates a draft revision copying the modules, and gives the same one when asked again', async () => {
      const response = await revise(live.id);
      expect(response.status).toBe(200);
      revision = response.body as AuthoredCourseDto;
      expect(revision).toMatchObject({ status: 'draft', revisionOf: live.id, title: '乡村治理三课', summary: '初版' });
      expect(revision.id).not.toBe(live.id);
      expect(revision.modules.map((m) => [m.title, m.estimatedMinutes])).toEqual([
        ['甲：村规民约', 1],
        ['乙：议事协商', 20],
        ['丙：旧的案例', 1],
      ]);
      expect(revision.modules.map((m) => m.id)).not.toContain(ids.a);
      expect(
        await rows(t, `SELECT origin_id FROM module WHERE course_id = $1 ORDER BY position`, [revision.id]),
      ).toEqual([{ origin_id: ids.a }, { origin_id: ids.b }, { origin_id: ids.c }]);

      const again = await revise(live.id);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(revision.id);
      expect(await rows(t, `SELECT id FROM course WHERE revision_of = $1`, [live.id])).toEqual([{ id: revision.id }]);

      const list = (await request(t.http).get('/api/curriculum/courses').set('Authorization', trainer))
        .body as AuthoredCourseSummary[];
      expect(list.find((c) => c.id === live.id)?.revisionId).toBe(revision.id);
      expect(list.map((c) => c.id)).not.toContain(revision.id);
      expect((await a.getCourse(trainer, live.id)).body.revisionId).toBe(revision.id);
    });

    it('refuses to edit the live course or its modules directly', async () => {
      const course = await a.updateCourse(trainer, live.id, { title: '直接改' });
      expect(course.status).toBe(409);
      expect(course.body.error).toBe('COURSE_NOT_EDITABLE');
      expect((await a.updateModule(trainer, ids.a, { title: '直接改' })).status).toBe(409);
      expect((await a.addModule(trainer, live.id, { title: '直接加', body: '正文' })).status).toBe(409);
      expect(
        (await request(t.http).delete(`/api/curriculum/modules/${ids.c}`).set('Authorization', trainer)).status,
      ).toBe(409);
      expect(await rows(t, `SELECT title FROM course WHERE id = $1`, [live.id])).toEqual([{ title: '乡村治理三课' }]);
    });

    it('edits the revision while trainees still see the published content', async () => {
      const [revA, revB, revC] = revision.modules;
      expect((await a.updateCourse(trainer, revision.id, { title: '乡村治理三课（修订）' })).status).toBe(200);
      expect((await a.updateModule(trainer, revA.id, { title: '甲：村规民约（新）' })).status).toBe(200);
      expect(
        (await request(t.http).delete(`/api/curriculum/modules/${revC.id}`).set('Authorization', trainer)).status,
      ).toBe(200);
      const added = await a.addArticle(trainer, revision.id, '丁：新的案例', 5);
      const revD = added.modules.find((m) => m.title === '丁：新的案例') as AuthoredCourseDto['modules'][number];
      const reordered = await request(t.http)
        .put(`/api/curriculum/courses/${revision.id}/module-order`)
        .set('Authorization', trainer)
        .send({ moduleIds: [revD.id, revB.id, revA.id] });
      expect(reordered.status).toBe(200);
      expect((reordered.body as AuthoredCourseDto).modules.map((m) => m.title)).toEqual([
        '丁：新的案例',
        '乙：议事协商',
        '甲：村规民约（新）',
      ]);

      const seen = await learnerCourse(live.id);
      expect(seen.title).toBe('乡村治理三课');
      expect(seen.modules.map((m) => [m.id, m.title])).toEqual([
        [ids.a, '甲：村规民约'],
        [ids.b, '乙：议事协商'],
        [ids.c, '丙：旧的案例'],
      ]);
      // The draft revision itself is nobody's to learn from.
      expect(
        (await request(t.http).get(`/api/learning/courses/${revision.id}`).set('Authorization', trainee)).status,
      ).toBe(404);
      expect((await p.open(trainee, revD.id)).status).toBe(404);
      expect((await p.report(trainee, p.event(revD.id, 20, 10))).status).toBe(404);
    });

    it('publishing the revision updates the live course in place and answers the live course', async () => {
      const published = await a.publish(trainer, revision.id);
      expect(published.status).toBe(200);
      const course = published.body as AuthoredCourseDto;
      expect(course).toMatchObject({
        id: live.id,
        status: 'published',
        title: '乡村治理三课（修订）',
        revisionId: null,
      });
      expect(course.revisionOf).toBeNull();
      expect(course.modules.map((m) => m.title)).toEqual(['丁：新的案例', '乙：议事协商', '甲：村规民约（新）']);
      expect(course.modules[1].id).toBe(ids.b);
      expect(course.modules[2].id).toBe(ids.a);
      expect(await rows(t, `SELECT id FROM course WHERE id = $1 OR revision_of = $2`, [revision.id, live.id])).toEqual(
        [],
      );
      expect((await a.getCourse(trainer, revision.id)).status).toBe(404);
    });

    it('the trainee keeps their progress: A still complete under its new title, B in progress, D new, C gone', async () => {
      const seen = await learnerCourse(live.id);
      expect(seen.title).toBe('乡村治理三课（修订）');
      expect(seen.modules.map((m) => [m.title, m.status, m.position])).toEqual([
        ['丁：新的案例', 'not_started', 0],
        ['乙：议事协商', 'in_progress', 1],
        ['甲：村规民约（新）', 'complete', 2],
      ]);
      expect(seen.modules[2].id).toBe(ids.a);
      expect(seen.modules[1].id).toBe(ids.b);
      expect(seen.modules.map((m) => m.id)).not.toContain(ids.c);
      expect(seen.status).toBe('in_progress');

      const b = await p.open(trainee, ids.b);
      expect(b.body.progress).toMatchObject({ status: 'in_progress', activeSeconds: 30, lastPosition: 0.3 });

      // The ledger keeps both entries: A under its new title, and C although the course no longer shows it.
      const ledger = (await request(t.http).get('/api/learning/credits').set('Authorization', trainee))
        .body as CreditLedgerDto;
      expect(ledger.entries).toHaveLength(2);
      expect(ledger.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            moduleId: ids.a,
            moduleTitle: '甲：村规民约（新）',
            courseId: live.id,
            credits: 0.25,
          }),
          expect.objectContaining({ moduleId: ids.c, moduleTitle: '丙：旧的案例', courseId: live.id, credits: 0.25 }),
        ]),
      );
      expect(ledger.total).toBe(0.5);
    });

    it('the dropped module C is retired, not deleted, and takes no more progress', async () => {
      expect(
        await rows(t, `SELECT course_id, retired_at IS NOT NULL AS retired FROM module WHERE id = $1`, [ids.c]),
      ).toEqual([{ course_id: live.id, retired: true }]);
      const opened = await p.open(trainee, ids.c);
      expect(opened.status).toBe(404);
      const before = await rows(t, `SELECT count(*)::int AS n FROM progress_event WHERE module_id = $1`, [ids.c]);
      const report = await p.report(trainee, p.event(ids.c, 30, 15));
      expect(report.status).toBe(404);
      expect(report.body.error).toBe('MODULE_NOT_FOUND');
      expect(await rows(t, `SELECT count(*)::int AS n FROM progress_event WHERE module_id = $1`, [ids.c])).toEqual(
        before,
      );
    });

    it('the new module D takes progress in the live course', async () => {
      const d = (await learnerCourse(live.id)).modules[0];
      await openedLongAgo(t, trainee, traineeId, d.id);
      const report = await p.report(trainee, p.event(d.id, 40, 25));
      expect(report.status).toBe(200);
      expect((report.body as ProgressEventResponse).progress.status).toBe('in_progress');
    });

    it('a second revision starts from the new published content', async () => {
      const next = await revise(live.id);
      expect(next.status).toBe(200);
      expect(next.body.id).not.toBe(revision.id);
      expect((next.body as AuthoredCourseDto).modules.map((m) => m.title)).toEqual([
        '丁：新的案例',
        '乙：议事协商',
        '甲：村规民约（新）',
      ]);
      expect((await discard(next.body.id)).status).toBe(204);
    });
  });

  describe('discarding and who may revise', () => {
    let live: AuthoredCourseDto;

    beforeAll(async () => {
      live = await a.publishedCourse(
        trainer,
        [
          ['第一讲', 5],
          ['第二讲', 10],
        ],
        { title: '可丢弃修订的课程' },
      );
    });

    it('deleting a revision leaves the live course as it was', async () => {
      const revision = (await revise(live.id)).body as AuthoredCourseDto;
      await a.updateModule(trainer, revision.modules[0].id, { title: '改了但不发布' });
      await request(t.http).delete(`/api/curriculum/modules/${revision.modules[1].id}`).set('Authorization', trainer);

      const deleted = await discard(revision.id);
      expect(deleted.status).toBe(204);
      expect(await rows(t, `SELECT count(*)::int AS n FROM course WHERE id = $1`, [revision.id])).toEqual([{ n: 0 }]);
      expect(await rows(t, `SELECT count(*)::int AS n FROM module WHERE course_id = $1`, [revision.id])).toEqual([
        { n: 0 },
      ]);
      const after = (await a.getCourse(trainer, live.id)).body as AuthoredCourseDto;
      expect(after).toMatchObject({ status: 'published', revisionId: null, title: '可丢弃修订的课程' });
      expect(after.modules.map((m) => [m.id, m.title])).toEqual(live.modules.map((m) => [m.id, m.title]));
      expect((await learnerCourse(live.id)).modules.map((m) => m.title)).toEqual(['第一讲', '第二讲']);
    });

    it('refuses to delete a published course', async () => {
      const response = await discard(live.id);
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('COURSE_NOT_EDITABLE');
      expect(await rows(t, `SELECT status FROM course WHERE id = $1`, [live.id])).toEqual([{ status: 'published' }]);
    });

    it('refuses a revision of a draft', async () => {
      const draft = await a.createCourse(trainer, { title: '还是草稿' });
      const response = await revise(draft.id);
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('COURSE_NOT_EDITABLE');
    });

    it('another trainer cannot revise the course; a co-owner can, and publishes it', async () => {
      const stranger = await revise(live.id, otherTrainer);
      expect(stranger.status).toBe(404);
      expect(await rows(t, `SELECT count(*)::int AS n FROM course WHERE revision_of = $1`, [live.id])).toEqual([
        { n: 0 },
      ]);
      expect(
        (
          await request(t.http)
            .put(`/api/curriculum/courses/${live.id}/co-owners`)
            .set('Authorization', trainer)
            .send({ usernames: ['trainer-rev'] })
        ).status,
      ).toBe(200);
      const shared = await revise(live.id, otherTrainer);
      expect(shared.status).toBe(200);
      expect(shared.body.revisionOf).toBe(live.id);
      expect((await a.updateModule(otherTrainer, shared.body.modules[0].id, { title: '合写的第一讲' })).status).toBe(
        200,
      );
      const published = await a.publish(otherTrainer, shared.body.id);
      expect(published.status).toBe(200);
      expect(published.body.id).toBe(live.id);
      expect((await learnerCourse(live.id)).modules.map((m) => m.title)).toEqual(['合写的第一讲', '第二讲']);
    });
  });
});
