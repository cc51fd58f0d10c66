import request from 'supertest';
import type { AuthoredCourseDto, CatalogCourseDto, CourseDto, MyElectiveDto, Page } from '@lingyan/contracts';
import { authoring, openedLongAgo, progressClock, rows, userId } from './support/api-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

describe('catalog of open electives', () => {
  let t: TestApp;
  let trainer: string;
  let trainee: string;
  let trainee2: string;
  let traineeId: string;
  let courses: Record<'tea' | 'teaClosed' | 'teaDraft' | 'digital' | 'workshop', AuthoredCourseDto>;

  beforeAll(async () => {
    t = await startTestApp();
    const a = authoring(t);
    [trainer, trainee, trainee2] = await Promise.all([
      bearer(t, 'trainer'),
      bearer(t, 'trainee'),
      bearer(t, 'trainee2'),
    ]);
    traineeId = await userId(t, 'trainee');
    // Published one after another: the catalog lists the latest first.
    const tea = await a.publishedCourse(
      trainer,
      [
        ['白茶的种植', 10],
        ['白茶的销售', 40],
      ],
      { title: '安吉白茶产业振兴', category: 'industry', openElective: true, summary: '一片叶子富了一方百姓' },
    );
    const teaClosed = await a.publishedCourse(trainer, [['品牌', 5]], { title: '白茶品牌营销', category: 'industry' });
    const digital = await a.publishedCourse(trainer, [['浙里办', 5]], {
      title: '数字乡村治理',
      category: 'digital_reform',
      openElective: true,
    });
    const workshop = await a.publishedCourse(trainer, [['工坊', 5]], {
      title: '共富工坊实务',
      category: 'common_prosperity',
      openElective: true,
    });
    const teaDraft = await a.createCourse(trainer, { title: '白茶草稿课', category: 'industry', openElective: true });
    await a.addArticle(trainer, teaDraft.id, '未发布的一课', 5);
    courses = { tea, teaClosed, teaDraft, digital, workshop };
  });
  afterAll(() => t.close());

  const catalog = async (query: Record<string, string | number> = {}, token = trainee) => {
    const response = await request(t.http).get('/api/learning/catalog').query(query).set('Authorization', token);
    expect(response.status).toBe(200);
    return response.body as Page<CatalogCourseDto>;
  };
  const join = (courseId: string, token = trainee) =>
    request(t.http).post(`/api/learning/courses/${courseId}/join`).set('Authorization', token);
  const leave = (courseId: string, token = trainee) =>
    request(t.http).delete(`/api/learning/courses/${courseId}/join`).set('Authorization', token);
  const electives = async (token = trainee) => {
    const response = await request(t.http).get('/api/learning/electives').set('Authorization', token);
    expect(response.status).toBe(200);
    return response.body as MyElectiveDto[];
  };
  const enrolments = (courseId: string) =>
    rows(t, `SELECT user_id FROM course_enrolment WHERE course_id = $1 ORDER BY user_id`, [courseId]);

  it('lists only published open electives, latest first, with what they hold', async () => {
    const page = await catalog();
    expect(page.items.map((c) => c.title)).toEqual(['共富工坊实务', '数字乡村治理', '安吉白茶产业振兴']);
    expect(page).toMatchObject({ total: 3, page: 1, limit: 20 });
    expect(page.items[2]).toEqual({
      id: courses.tea.id,
      title: '安吉白茶产业振兴',
      summary: '一片叶子富了一方百姓',
      category: 'industry',
      credits: 1.25,
      moduleCount: 2,
      estimatedMinutes: 50,
      coverUrl: null,
      ownerName: '陈雅琴',
      joined: false,
    });
  });

  it('searches by part of the title, and takes % and _ literally', async () => {
    const tea = await catalog({ q: '白茶' });
    expect(tea.items.map((c) => c.id)).toEqual([courses.tea.id]);
    expect(tea.total).toBe(1);
    expect((await catalog({ q: '  乡村 ' })).items.map((c) => c.title)).toEqual(['数字乡村治理']);
    expect((await catalog({ q: '%' })).total).toBe(0);
    expect((await catalog({ q: '_' })).total).toBe(0);
    expect((await catalog({ q: '茶叶' })).items).toEqual([]);
  });

  it('filters by category', async () => {
    expect((await catalog({ category: 'industry' })).items.map((c) => c.id)).toEqual([courses.tea.id]);
    expect((await catalog({ category: 'digital_reform', q: '治理' })).items.map((c) => c.id)).toEqual([
      courses.digital.id,
    ]);
    expect((await catalog({ category: 'governance' })).total).toBe(0);
    const bad = await request(t.http)
      .get('/api/learning/catalog')
      .query({ category: 'cooking', limit: 1000 })
      .set('Authorization', trainee);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'limit']);
  });

  it('pages', async () => {
    const first = await catalog({ limit: 2 });
    const second = await catalog({ limit: 2, page: 2 });
    expect(first).toMatchObject({ total: 3, page: 1, limit: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual((await catalog()).items.map((c) => c.id));
    const beyond = await catalog({ limit: 2, page: 5 });
    expect(beyond).toMatchObject({ items: [], total: 3, page: 5 });
  });

  it('joins an elective once, however often asked, and marks it joined for that trainee only', async () => {
    const first = await join(courses.tea.id);
    expect(first.status).toBe(200);
    expect(first.body as CourseDto).toMatchObject({ id: courses.tea.id, joined: true, openElective: true });
    const second = await join(courses.tea.id);
    expect(second.status).toBe(200);
    expect(await enrolments(courses.tea.id)).toEqual([{ user_id: traineeId }]);

    expect((await catalog({ q: '白茶' })).items[0].joined).toBe(true);
    expect((await catalog({ q: '白茶' }, trainee2)).items[0].joined).toBe(false);
  });

  it('refuses to join a draft or a course that is not an open elective', async () => {
    for (const id of [courses.teaDraft.id, courses.teaClosed.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await join(id);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('COURSE_NOT_FOUND');
      expect(await enrolments(id)).toEqual([]);
    }
  });

  it('shows joined electives with the trainee’s progress, and credits them by the default table', async () => {
    const [joined] = await electives();
    expect(joined).toMatchObject({
      id: courses.tea.id,
      title: '安吉白茶产业振兴',
      required: false,
      credits: 1.25,
      moduleCount: 2,
      completedModuleCount: 0,
      status: 'not_started',
    });
    expect(await electives(trainee2)).toEqual([]);

    const p = progressClock(t);
    const moduleId = courses.tea.modules[0].id; // 10 minutes: 180 s of reading
    await openedLongAgo(t, trainee, traineeId, moduleId);
    const done = await p.report(trainee, p.event(moduleId, 400, 200, { reachedEnd: true }));
    expect(done.body).toMatchObject({ progress: { status: 'complete' }, creditsEarned: 0.25 });

    const [after] = await electives();
    expect(after).toMatchObject({ id: courses.tea.id, status: 'in_progress', completedModuleCount: 1 });
    expect(
      await rows(t, `SELECT credits::float AS credits, program_id FROM credit_ledger WHERE module_id = $1`, [moduleId]),
    ).toEqual([{ credits: 0.25, program_id: null }]);

    // The most recently joined first.
    await join(courses.digital.id);
    expect((await electives()).map((e) => e.id)).toEqual([courses.digital.id, courses.tea.id]);
  });

  it('leaves an elective: gone from my electives, not joined in the catalog, progress kept', async () => {
    const response = await leave(courses.tea.id);
    expect(response.status).toBe(204);
    expect(await enrolments(courses.tea.id)).toEqual([]);
    expect((await electives()).map((e) => e.id)).toEqual([courses.digital.id]);
    expect((await catalog({ q: '白茶' })).items[0].joined).toBe(false);
    expect((await leave(courses.tea.id)).status).toBe(204);
    expect(
      await rows(t, `SELECT status FROM module_progress WHERE user_id = $1 AND module_id = $2`, [
        traineeId,
        courses.tea.modules[0].id,
      ]),
    ).toEqual([{ status: 'complete' }]);
  });

  it('needs a signed-in user', async () => {
    expect((await request(t.http).get('/api/learning/catalog')).status).toBe(401);
    expect((await request(t.http).post(`/api/learning/courses/${courses.tea.id}/join`)).status).toBe(401);
  });
});
