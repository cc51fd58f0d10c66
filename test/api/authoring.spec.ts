import request from 'supertest';
import type { AuthoredCourseDto, AuthoredCourseSummary, CourseDto } from '@lingyan/contracts';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { withClient } from './support/test-database';

describe('authoring courses', () => {
  let t: TestApp;
  let trainer: string;
  let otherTrainer: string;
  let admin: string;
  let trainee: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'zj-admin');
    const created = await request(t.http)
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        username: 'trainer-b',
        name: '第二培训师',
        password: 'Trainer#2026',
        roles: ['trainer'],
        regionCode: '33',
      });
    expect(created.status).toBe(201);
    [trainer, trainee] = await Promise.all([bearer(t, 'trainer'), bearer(t, 'trainee')]);
    otherTrainer = `Bearer ${(await request(t.http).post('/api/auth/login').send({ username: 'trainer-b', password: 'Trainer#2026' })).body.accessToken}`;
  });
  afterAll(() => t.close());

  const rows = (sql: string, params: unknown[] = []) =>
    withClient(t.databaseUrl, async (c) => (await c.query(sql, params)).rows);
  const newCourse = async (token = trainer) => {
    const response = await request(t.http)
      .post('/api/curriculum/courses')
      .set('Authorization', token)
      .send({ title: '  强村公司实务 ', summary: '怎样办好强村公司', category: 'industry', sequential: true });
    expect(response.status).toBe(201);
    return response.body as AuthoredCourseDto;
  };
  const addArticle = (courseId: string, title: string, minutes: number, token = trainer) =>
    request(t.http)
      .post(`/api/curriculum/courses/${courseId}/modules`)
      .set('Authorization', token)
      .send({ kind: 'article', title, body: `## ${title}\n\n正文`, estimatedMinutes: minutes });

  it('creates a draft course owned by the trainer', async () => {
    const course = await newCourse();
    expect(course).toMatchObject({
      title: '强村公司实务',
      category: 'industry',
      sequential: true,
      status: 'draft',
      ownerName: '陈雅琴',
      modules: [],
    });
  });

  it('adds articles with credit hours from the default table, and reorders them', async () => {
    const course = await newCourse();
    await addArticle(course.id, '组建', 40);
    await addArticle(course.id, '运营', 20);
    const third = await addArticle(course.id, '案例', 5);
    expect(third.status).toBe(201);
    const modules = (third.body as AuthoredCourseDto).modules;
    expect(modules.map((m) => [m.title, m.position, m.credits])).toEqual([
      ['组建', 0, 1],
      ['运营', 1, 0.5],
      ['案例', 2, 0.25],
    ]);
    expect((third.body as AuthoredCourseDto).credits).toBe(1.75);
    const reordered = await request(t.http)
      .put(`/api/curriculum/courses/${course.id}/module-order`)
      .set('Authorization', trainer)
      .send({ moduleIds: [modules[2].id, modules[0].id, modules[1].id] });
    expect(reordered.status).toBe(200);
    expect((reordered.body as AuthoredCourseDto).modules.map((m) => m.title)).toEqual(['案例', '组建', '运营']);
    const partial = await request(t.http)
      .put(`/api/curriculum/courses/${course.id}/module-order`)
      .set('Authorization', trainer)
      .send({ moduleIds: [modules[0].id] });
    expect(partial.status).toBe(400);
    const edited = await request(t.http)
      .patch(`/api/curriculum/modules/${modules[1].id}`)
      .set('Authorization', trainer)
      .send({ estimatedMinutes: 15, title: '运营管理' });
    expect((edited.body as AuthoredCourseDto).modules.find((m) => m.id === modules[1].id)).toMatchObject({
      title: '运营管理',
      credits: 0.5,
    });
    const removed = await request(t.http)
      .delete(`/api/curriculum/modules/${modules[2].id}`)
      .set('Authorization', trainer);
    expect((removed.body as AuthoredCourseDto).modules.map((m) => [m.title, m.position])).toEqual([
      ['组建', 0],
      ['运营管理', 1],
    ]);
  });

  it('keeps drafts from trainees and shows a course to them once published; published courses are not edited in place', async () => {
    const course = await newCourse();
    expect(
      (await request(t.http).post(`/api/curriculum/courses/${course.id}/publish`).set('Authorization', trainer)).body
        .error,
    ).toBe('COURSE_EMPTY');
    await addArticle(course.id, '第一课', 10);
    expect((await request(t.http).get(`/api/learning/courses/${course.id}`).set('Authorization', trainee)).status).toBe(
      404,
    );
    const published = await request(t.http)
      .post(`/api/curriculum/courses/${course.id}/publish`)
      .set('Authorization', trainer);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const seen = await request(t.http).get(`/api/learning/courses/${course.id}`).set('Authorization', trainee);
    expect(seen.status).toBe(200);
    expect((seen.body as CourseDto).modules.map((m) => m.title)).toEqual(['第一课']);

    const edit = await request(t.http)
      .patch(`/api/curriculum/courses/${course.id}`)
      .set('Authorization', trainer)
      .send({ title: '改' });
    expect(edit.status).toBe(409);
    expect(edit.body.error).toBe('COURSE_NOT_EDITABLE');
    expect((await addArticle(course.id, '第二课', 10)).status).toBe(409);

    const archived = await request(t.http)
      .post(`/api/curriculum/courses/${course.id}/archive`)
      .set('Authorization', trainer);
    expect(archived.body.status).toBe('archived');
    expect((await request(t.http).get(`/api/learning/courses/${course.id}`).set('Authorization', trainee)).status).toBe(
      404,
    );
  });

  it('a trainer cannot see or edit another trainer’s course, and changes nothing trying', async () => {
    const course = await newCourse();
    const calls = [
      request(t.http).get(`/api/curriculum/courses/${course.id}`).set('Authorization', otherTrainer),
      request(t.http)
        .patch(`/api/curriculum/courses/${course.id}`)
        .set('Authorization', otherTrainer)
        .send({ title: '抢' }),
      addArticle(course.id, '混入', 5, otherTrainer),
      request(t.http).post(`/api/curriculum/courses/${course.id}/publish`).set('Authorization', otherTrainer),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('COURSE_NOT_FOUND');
    }
    const list = await request(t.http).get('/api/curriculum/courses').set('Authorization', otherTrainer);
    expect(list.body).toEqual([]);
    expect(await rows(`SELECT title, status FROM course WHERE id = $1`, [course.id])).toEqual([
      { title: '强村公司实务', status: 'draft' },
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM module WHERE course_id = $1`, [course.id])).toEqual([{ n: 0 }]);
  });

  it('an administrator sees every course', async () => {
    const mine = (await request(t.http).get('/api/curriculum/courses').set('Authorization', trainer))
      .body as AuthoredCourseSummary[];
    const all = (await request(t.http).get('/api/curriculum/courses').set('Authorization', admin))
      .body as AuthoredCourseSummary[];
    expect(all.length).toBeGreaterThan(mine.length - 1);
    expect(all.map((c) => c.title)).toContain('学习运用“千万工程”经验');
  });

  it('a trainee or mentor cannot write', async () => {
    const mentor = await bearer(t, 'mentor');
    for (const token of [trainee, mentor]) {
      const response = await request(t.http)
        .post('/api/curriculum/courses')
        .set('Authorization', token)
        .send({ title: 'x', category: 'industry' });
      expect(response.status).toBe(403);
      expect((await request(t.http).get('/api/curriculum/courses').set('Authorization', token)).status).toBe(403);
    }
  });

  it('finds trainers to share a course with, for trainers only', async () => {
    const found = await request(t.http)
      .get('/api/curriculum/trainers')
      .query({ q: '陈' })
      .set('Authorization', trainer);
    expect(found.status).toBe(200);
    expect(found.body).toEqual([{ username: 'trainer', name: '陈雅琴' }]);
    const none = await request(t.http)
      .get('/api/curriculum/trainers')
      .query({ q: '100%_' })
      .set('Authorization', trainer);
    expect(none.body).toEqual([]);
    const refused = await request(t.http).get('/api/curriculum/trainers').set('Authorization', trainee);
    expect(refused.status).toBe(403);
  });

  it('validates input and names the fields', async () => {
    const course = await newCourse();
    const bad = await request(t.http)
      .post('/api/curriculum/courses')
      .set('Authorization', trainer)
      .send({ title: '', category: 'cooking', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'extra', 'title']);
    const video = await request(t.http)
      .post(`/api/curriculum/courses/${course.id}/modules`)
      .set('Authorization', trainer)
      .send({ kind: 'survey', title: '问卷', estimatedMinutes: 0 });
    expect(video.status).toBe(400);
    expect(video.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['estimatedMinutes', 'kind']);
    expect((await request(t.http).get('/api/curriculum/courses/nope').set('Authorization', trainer)).status).toBe(400);
  });

  it('an owner shares a course with co-owners, who may edit it but not change who shares it', async () => {
    const course = await newCourse();
    const setCoOwners = (token: string, usernames: string[]) =>
      request(t.http)
        .put(`/api/curriculum/courses/${course.id}/co-owners`)
        .set('Authorization', token)
        .send({ usernames });

    const refused = await setCoOwners(trainer, ['trainer-b', 'trainee', 'nobody']);
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].problems).toEqual([
      'trainee is not an active trainer other than the owner',
      'nobody is not an active trainer other than the owner',
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM course_owner WHERE course_id = $1`, [course.id])).toEqual([
      { n: 0 },
    ]);

    const shared = await setCoOwners(trainer, ['Trainer-B']);
    expect(shared.status).toBe(200);
    expect((shared.body as AuthoredCourseDto).coOwners).toEqual([{ username: 'trainer-b', name: '第二培训师' }]);
    const list = (await request(t.http).get('/api/curriculum/courses').set('Authorization', otherTrainer))
      .body as AuthoredCourseSummary[];
    expect(list.map((c) => c.id)).toContain(course.id);
    expect((await addArticle(course.id, '合写的一课', 10, otherTrainer)).status).toBe(201);

    const takeover = await setCoOwners(otherTrainer, []);
    expect(takeover.status).toBe(403);
    expect(await rows(`SELECT count(*)::int AS n FROM course_owner WHERE course_id = $1`, [course.id])).toEqual([
      { n: 1 },
    ]);

    expect((await setCoOwners(trainer, [])).status).toBe(200);
    expect(
      (await request(t.http).get(`/api/curriculum/courses/${course.id}`).set('Authorization', otherTrainer)).status,
    ).toBe(404);
  });
});
