import request from 'supertest';
import type {
  CourseRatingDetailDto,
  CourseRatingStatsDto,
  MyCourseRatingDto,
  Page,
  RatingCommentDto,
  RatingSummaryDto,
  TrainerRatingsDto,
} from '@lingyan/contracts';
import { createAccount, type Account } from './support/api-helpers';
import {
  completeModule,
  createCadres,
  createCohort,
  createProgram,
  enrol,
  insertCohort,
  sql,
  touchModule,
  VILLAGES,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/**
 * 评训: trainees rate the courses they completed (usefulness for village work, clarity, a comment);
 * trainers see their courses' satisfaction against the 85% norm and administrators their region's,
 * never who rated.
 *
 * Course A of the program is rated by six cadres of 淳安县 (four satisfied: 66.7%) and two of 安吉县
 * (both satisfied): 6 of 8, 75%, under the norm. Course B by three (all satisfied: 100%, too few to
 * judge by). An elective of another trainer by one cadre, outside any cohort.
 */
describe('course ratings (评训)', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  let trainer: string;
  let trainerId: string;
  let otherTrainer: Account;
  let p: ProgramFixture;
  let courseA: string;
  let courseB: string;
  let elective: string;
  let cohortId: string;
  let anjiCohortId: string;
  let chunanCadres: Cadre[];
  let anjiCadres: Cadre[];
  let idle: Cadre;
  let everyone: Cadre[];

  const api = () => request(t.http);
  const ratingPath = (courseId: string) => `/api/learning/courses/${courseId}/rating`;
  const rate = (cadre: Cadre | string, courseId: string, body: object) =>
    api()
      .put(ratingPath(courseId))
      .set('Authorization', typeof cadre === 'string' ? cadre : cadre.token)
      .send(body);
  const get = async <T>(token: string, path: string, status = 200): Promise<T> => {
    const response = await api().get(path).set('Authorization', token);
    expect({ path, status: response.status, body: response.status === status ? null : response.body }).toEqual({
      path,
      status,
      body: null,
    });
    return response.body as T;
  };
  const ratingRows = (courseId: string) =>
    sql<{ user_id: string; usefulness: number; clarity: number; comment: string }>(
      t,
      `SELECT user_id, usefulness, clarity, comment FROM course_rating WHERE course_id = $1`,
      [courseId],
    );
  /** No rater's name, username or id anywhere in a response. */
  const expectAnonymous = (body: unknown) => {
    const json = JSON.stringify(body);
    for (const cadre of everyone) {
      expect(json).not.toContain(cadre.id);
      expect(json).not.toContain(cadre.name);
      expect(json).not.toContain(cadre.username);
    }
    expect(json).not.toMatch(/"(userId|userName|username|raterId|raterName|traineeId|traineeName)"/);
  };

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan, trainer] = await Promise.all(['zj-admin', 'chunan-admin', 'trainer'].map((u) => bearer(t, u)));
    [{ id: trainerId }] = await sql<{ id: string }>(t, `SELECT id FROM app_user WHERE username = 'trainer'`);
    otherTrainer = await createAccount(t, zj, 'rating-trainer-b', ['trainer'], '何培训');
    p = await createProgram(t, {
      title: '2026年度村社书记轮训（评训）',
      requiredCredits: 0.5,
      courses: [
        { required: true, modules: 1 },
        { required: true, modules: 1 },
      ],
    });
    [courseA, courseB] = p.courses.map((c) => c.id);
    [{ id: elective }] = await sql<{ id: string }>(
      t,
      `INSERT INTO course (title, summary, category, sequential, status, owner_id, open_elective)
       VALUES ('电商直播助农（选修）', '摘要', 'industry', false, 'published', $1, true) RETURNING id`,
      [otherTrainer.id],
    );
    const [{ id: electiveModule }] = await sql<{ id: string }>(
      t,
      `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits)
       VALUES ($1, 0, 'article', '直播入门', '## 正文', 1, 0.25) RETURNING id`,
      [elective],
    );
    const cadres = await createCadres(t, [
      { username: 'rate-c1', village: VILLAGES.xiajiang, name: '姜评一' },
      { username: 'rate-c2', village: VILLAGES.xiajiang, name: '姜评二' },
      { username: 'rate-c3', village: VILLAGES.langdong, name: '方评三' },
      { username: 'rate-c4', village: VILLAGES.langdong, name: '方评四' },
      { username: 'rate-c5', village: VILLAGES.wenping, name: '王评五' },
      { username: 'rate-c6', village: VILLAGES.wenping, name: '王评六' },
      { username: 'rate-a1', village: VILLAGES.anji, name: '宋安评' },
      { username: 'rate-a2', village: VILLAGES.anjiKangshan, name: '钱康评' },
      { username: 'rate-idle', village: VILLAGES.xiajiang, name: '姜未学' },
    ]);
    chunanCadres = cadres.slice(0, 6);
    anjiCadres = cadres.slice(6, 8);
    idle = cadres[8];
    everyone = cadres;
    ({ id: cohortId } = await createCohort(t, zj, { programId: p.id, regionCode: '33', name: '评训测试班次' }));
    await enrol(
      t,
      zj,
      cohortId,
      cadres.map((c) => c.id),
    );
    anjiCohortId = await insertCohort(t, {
      programId: p.id,
      name: '安吉评训班',
      regionCode: '330523',
      createdBy: 'anji-admin',
    });
    for (const cadre of [...chunanCadres, ...anjiCadres]) await completeModule(t, cadre.token, p.courses[0].modules[0]);
    for (const cadre of [chunanCadres[1], chunanCadres[2], anjiCadres[0]]) {
      await completeModule(t, cadre.token, p.courses[1].modules[0]);
    }
    await completeModule(t, chunanCadres[1].token, electiveModule);
    await touchModule(t, idle.token, p.courses[0].modules[0]);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('rating a course', () => {
    it('refuses a course that is not complete (409) and stores nothing', async () => {
      const mine = await get<MyCourseRatingDto>(idle.token, ratingPath(courseA));
      expect(mine).toEqual({ courseId: courseA, mayRate: false, refusal: 'not_complete', rating: null });
      const response = await rate(idle, courseA, { usefulness: 5, clarity: 5, comment: '还没学完' });
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('RATING_NOT_ALLOWED');
      // Nor a course not started at all.
      expect((await rate(chunanCadres[0], courseB, { usefulness: 4, clarity: 4 })).status).toBe(409);
      expect(await ratingRows(courseA)).toEqual([]);
      expect(await ratingRows(courseB)).toEqual([]);
    });

    it('refuses a trainer’s own course, and answers 404 for an unknown one', async () => {
      await completeModule(t, trainer, p.courses[0].modules[0]);
      expect(await get<MyCourseRatingDto>(trainer, ratingPath(courseA))).toMatchObject({
        mayRate: false,
        refusal: 'own_course',
      });
      const own = await rate(trainer, courseA, { usefulness: 5, clarity: 5 });
      expect(own.status).toBe(409);
      expect(own.body.error).toBe('RATING_NOT_ALLOWED');
      const unknown = await rate(chunanCadres[0], '00000000-0000-4000-8000-000000000000', {
        usefulness: 4,
        clarity: 4,
      });
      expect(unknown.status).toBe(404);
      expect((await rate(chunanCadres[0], 'not-a-uuid', { usefulness: 4, clarity: 4 })).status).toBe(400);
      expect(await ratingRows(courseA)).toEqual([]);
    });

    it('refuses bad input with 400 and stores nothing', async () => {
      const c2 = chunanCadres[1];
      const bad: object[] = [
        { usefulness: 0, clarity: 4 },
        { usefulness: 4, clarity: 6 },
        { usefulness: 4.5, clarity: 4 },
        { usefulness: '4', clarity: 4 },
        { usefulness: 4 },
        {},
        { usefulness: 4, clarity: 4, comment: '好'.repeat(501) },
        { usefulness: 4, clarity: 4, comment: 42 },
        { usefulness: 4, clarity: 4, userId: c2.id },
      ];
      for (const body of bad) {
        const response = await rate(c2, courseA, body);
        expect({ body, status: response.status, error: response.body.error }).toEqual({
          body,
          status: 400,
          error: 'VALIDATION_FAILED',
        });
      }
      const fields = (await rate(c2, courseA, { usefulness: 9, clarity: 0 })).body.details.map(
        (d: { field: string }) => d.field,
      );
      expect(fields).toEqual(['usefulness', 'clarity']);
      expect(await ratingRows(courseA)).toEqual([]);
      // 500 characters (after trimming) are fine.
      const long = await rate(c2, courseA, { usefulness: 5, clarity: 5, comment: ` ${'好'.repeat(500)} ` });
      expect(long.status).toBe(200);
      expect((long.body as MyCourseRatingDto).rating?.comment).toBe('好'.repeat(500));
    });

    it('rates a completed course, and rating again updates the one rating', async () => {
      const c1 = chunanCadres[0];
      expect(await get<MyCourseRatingDto>(c1.token, ratingPath(courseA))).toEqual({
        courseId: courseA,
        mayRate: true,
        refusal: null,
        rating: null,
      });
      const first = await rate(c1, courseA, { usefulness: 5, clarity: 4, comment: '  讲得实在，村里用得上。 ' });
      expect(first.status).toBe(200);
      const rated = first.body as MyCourseRatingDto;
      expect(rated).toMatchObject({
        mayRate: true,
        rating: { usefulness: 5, clarity: 4, comment: '讲得实在，村里用得上。' },
      });
      const again = await rate(c1, courseA, { usefulness: 3, clarity: 3, comment: '案例太少，节奏偏快。' });
      expect(again.status).toBe(200);
      const rerated = (again.body as MyCourseRatingDto).rating;
      expect(rerated).toMatchObject({ usefulness: 3, clarity: 3, comment: '案例太少，节奏偏快。' });
      expect(rerated?.createdAt).toBe(rated.rating?.createdAt);
      expect(rerated && rerated.updatedAt >= rerated.createdAt).toBe(true);
      expect(await get<MyCourseRatingDto>(c1.token, ratingPath(courseA))).toEqual(again.body);

      const rows = await sql<{ user_id: string; trainer_id: string; cohort_id: string | null; usefulness: number }>(
        t,
        `SELECT user_id, trainer_id, cohort_id, usefulness FROM course_rating WHERE course_id = $1 AND user_id = $2`,
        [courseA, c1.id],
      );
      expect(rows).toEqual([{ user_id: c1.id, trainer_id: trainerId, cohort_id: cohortId, usefulness: 3 }]);
    });

    it('keeps one rating per course and trainee however many arrive at once', async () => {
      const c3 = chunanCadres[2];
      const answers = await Promise.all(
        [1, 2, 3, 4].map((n) => rate(c3, courseA, { usefulness: 4, clarity: 4, comment: `第${n}次` })),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect((await ratingRows(courseA)).filter((r) => r.user_id === c3.id)).toHaveLength(1);
    });
  });

  describe('satisfaction', () => {
    beforeAll(async () => {
      const [, c2, c3, c4, c5, c6] = chunanCadres;
      const [a1, a2] = anjiCadres;
      const ratings: Array<[Cadre, string, number, number, string?]> = [
        // course A: c1 (3, 3) already — not satisfied
        [c2, courseA, 5, 5, '非常实用，建议多讲共富工坊的案例。'],
        [c3, courseA, 4, 4],
        [c4, courseA, 5, 3],
        [c5, courseA, 4, 3, '讲得有点快。'],
        [c6, courseA, 5, 4],
        [a1, courseA, 5, 5, '安吉的茶产业很需要这类课。'],
        [a2, courseA, 5, 5],
        // course B: three, all satisfied
        [c2, courseB, 5, 5],
        [c3, courseB, 5, 5],
        [a1, courseB, 4, 4, '很好'],
        // an elective outside any cohort
        [c2, elective, 2, 2, '直播设备村里没有。'],
      ];
      for (const [cadre, course, usefulness, clarity, comment] of ratings) {
        const response = await rate(cadre, course, { usefulness, clarity, ...(comment ? { comment } : {}) });
        expect(response.status).toBe(200);
      }
    });

    it('shows a trainer their courses against the norm, under the norm first', async () => {
      const report = await get<TrainerRatingsDto>(trainer, '/api/ratings/courses');
      expect(report).toMatchObject({ norm: 85, minSample: 5 });
      const a = report.courses.find((c) => c.courseId === courseA);
      expect(a).toEqual<CourseRatingStatsDto>({
        courseId: courseA,
        courseTitle: '2026年度村社书记轮训（评训）·课程1',
        trainerName: '陈雅琴',
        count: 8,
        usefulness: 4.5, // (3 + 5 + 4 + 5 + 4 + 5 + 5 + 5) / 8
        clarity: 4, // (3 + 5 + 4 + 3 + 3 + 4 + 5 + 5) / 8
        satisfaction: 75, // all but c1 (3, 3) and c5 (4, 3)
        meetsNorm: false,
        enoughRatings: true,
      });
      expect(report.courses.find((c) => c.courseId === courseB)).toMatchObject({
        count: 3,
        satisfaction: 100,
        meetsNorm: true,
        enoughRatings: false,
      });
      // Under the norm first; unrated courses (the demo courses) last.
      expect(report.courses[0].courseId).toBe(courseA);
      expect(report.courses[1].courseId).toBe(courseB);
      expect(report.courses.slice(2).every((c) => c.count === 0 && c.satisfaction === null)).toBe(true);
      // Only their own courses.
      expect(report.courses.map((c) => c.courseId)).not.toContain(elective);
      expect(report.overall).toMatchObject({ count: 11, satisfaction: 81.8 }); // 9 of 11
      expectAnonymous(report);
    });

    it('breaks a course down by cohort with its comments, newest first and anonymous', async () => {
      const detail = await get<CourseRatingDetailDto>(trainer, `/api/ratings/courses/${courseA}?limit=2`);
      expect(detail.course).toMatchObject({ count: 8, satisfaction: 75 });
      expect(detail.cohorts).toEqual([
        expect.objectContaining({
          cohortId,
          cohortName: '评训测试班次',
          programTitle: '2026年度村社书记轮训（评训）',
          count: 8,
          satisfaction: 75,
        }),
      ]);
      // c1, c2 and c5 of 淳安县 and a1 of 安吉县 wrote one (c3's last rating has none).
      expect(detail.comments.total).toBe(4);
      expect(detail.comments.items.map((c) => c.comment)).toEqual(['安吉的茶产业很需要这类课。', '讲得有点快。']);
      expect(Object.keys(detail.comments.items[0]).sort()).toEqual(
        ['clarity', 'comment', 'courseId', 'courseTitle', 'date', 'usefulness'].sort(),
      );
      expect(detail.comments.items[0]).toMatchObject({ courseId: courseA, usefulness: 5, clarity: 5 });
      expect(detail.comments.items[0].date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const second = await get<CourseRatingDetailDto>(trainer, `/api/ratings/courses/${courseA}?limit=2&page=2`);
      expect(second.comments.items.map((c) => c.comment)).toEqual([
        '非常实用，建议多讲共富工坊的案例。',
        '案例太少，节奏偏快。',
      ]);
      const last = await get<CourseRatingDetailDto>(trainer, `/api/ratings/courses/${courseA}?limit=2&page=3`);
      expect(last.comments).toEqual({ items: [], total: 4, page: 3, limit: 2 });
      for (const body of [detail, second, last]) expectAnonymous(body);
    });

    it('shows a trainer nothing of other trainers’ courses', async () => {
      await get(otherTrainer.token, `/api/ratings/courses/${courseA}`, 404);
      const theirs = await get<TrainerRatingsDto>(otherTrainer.token, '/api/ratings/courses');
      expect(theirs.courses.map((c) => c.courseId)).toEqual([elective]);
      expect(theirs.courses[0]).toMatchObject({ count: 1, satisfaction: 0, meetsNorm: false, enoughRatings: false });
      await get(trainer, `/api/ratings/courses/${elective}`, 404);
      const electiveDetail = await get<CourseRatingDetailDto>(otherTrainer.token, `/api/ratings/courses/${elective}`);
      expect(electiveDetail.cohorts).toEqual([expect.objectContaining({ cohortId: null, cohortName: null, count: 1 })]);
      expectAnonymous(theirs);
      expectAnonymous(electiveDetail);
      // Trainees see no reports.
      await get(chunanCadres[0].token, '/api/ratings/courses', 403);
      await get(chunanCadres[0].token, '/api/ratings/summary', 403);
      await get(trainer, '/api/ratings/summary', 403);
    });

    it('counts for an administrator only the ratings of trainees inside their region', async () => {
      const province = await get<RatingSummaryDto>(zj, `/api/ratings/summary?programId=${p.id}`);
      const county = await get<RatingSummaryDto>(chunan, `/api/ratings/summary?programId=${p.id}`);
      const a = (s: RatingSummaryDto) => s.courses.find((c) => c.courseId === courseA);
      expect(a(province)).toMatchObject({ count: 8, satisfaction: 75, meetsNorm: false });
      // 淳安县: c1 (3, 3) and c5 (4, 3) of six are not satisfied.
      expect(a(county)).toMatchObject({ count: 6, satisfaction: 66.7, meetsNorm: false, enoughRatings: true });
      expect(county.courses.find((c) => c.courseId === courseB)).toMatchObject({ count: 2, satisfaction: 100 });
      expect(county.overall.count).toBe(8);
      expect(province.overall.count).toBe(11);
      // The program's courses, under the norm first.
      expect(province.courses.map((c) => c.courseId)).toEqual([courseA, courseB]);
      expect(province.trainers).toEqual([
        expect.objectContaining({ trainerId, trainerName: '陈雅琴', courseCount: 2, count: 11, satisfaction: 81.8 }),
      ]);
      expect(province.cohorts).toEqual([expect.objectContaining({ cohortId, count: 11 })]);
      expect(county.cohorts).toEqual([expect.objectContaining({ cohortId, count: 8, satisfaction: 75 })]);
      // Comments from 安吉县 are not 淳安县's to read.
      const countyComments = county.comments.items.map((c) => c.comment);
      expect(countyComments).toContain('讲得有点快。');
      expect(countyComments).not.toContain('安吉的茶产业很需要这类课。');
      expect(countyComments).not.toContain('很好');
      expect(province.comments.items.map((c) => c.comment)).toContain('安吉的茶产业很需要这类课。');
      for (const body of [province, county]) expectAnonymous(body);
    });

    it('filters by cohort, lists electives outside any cohort, and pages comments by course', async () => {
      const all = await get<RatingSummaryDto>(zj, '/api/ratings/summary');
      expect(all.courses.find((c) => c.courseId === elective)).toMatchObject({ count: 1, trainerName: '何培训' });
      expect(all.cohorts.at(-1)).toMatchObject({ cohortId: null, count: 1 });
      // Under the norm on enough ratings (81.8% of 11) before under the norm on one rating (0%).
      expect(all.trainers.map((x) => x.trainerName)).toEqual(['陈雅琴', '何培训']);
      const byCohort = await get<RatingSummaryDto>(chunan, `/api/ratings/summary?cohortId=${cohortId}`);
      expect(byCohort.overall.count).toBe(8);
      expect(byCohort.courses.map((c) => c.courseId)).toEqual([courseA, courseB]);
      const comments = await get<Page<RatingCommentDto>>(
        chunan,
        `/api/ratings/comments?courseId=${courseA}&limit=2&page=2`,
      );
      // c5, c2, c1 of 淳安县 (not 安吉县's a1): the second page holds the oldest.
      expect(comments.total).toBe(3);
      expect(comments.items.map((c) => c.comment)).toEqual(['案例太少，节奏偏快。']);
      expectAnonymous(all);
      expectAnonymous(comments);
    });

    it('refuses cohorts outside the administrator’s region and unknown programs', async () => {
      await get(chunan, `/api/ratings/summary?cohortId=${anjiCohortId}`, 404);
      await get(zj, `/api/ratings/summary?cohortId=${anjiCohortId}`);
      await get(zj, '/api/ratings/summary?programId=00000000-0000-4000-8000-000000000000', 404);
      await get(zj, '/api/ratings/summary?programId=nope', 400);
    });
  });
});
