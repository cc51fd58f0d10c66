import request from 'supertest';
import type {
  AuthoredCourseDto,
  CourseDto,
  CreditLedgerDto,
  MyProgramDto,
  ProgramDto,
  ProgramSummaryDto,
} from '@lingyan/contracts';
import { authoring, createAccount, openedLongAgo, progressClock, rows, userId } from './support/api-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

describe('programs', () => {
  let t: TestApp;
  let trainer: string;
  let otherTrainer: string;
  let trainee: string;
  let admin: string;
  let a: ReturnType<typeof authoring>;

  beforeAll(async () => {
    t = await startTestApp();
    a = authoring(t);
    admin = await bearer(t, 'zj-admin');
    [trainer, trainee] = await Promise.all([bearer(t, 'trainer'), bearer(t, 'trainee')]);
    otherTrainer = (await createAccount(t, admin, 'trainer-prog', ['trainer'], '项目培训师')).token;
  });
  afterAll(() => t.close());

  const body = (extra: Record<string, unknown> = {}) => ({
    title: '2026年度村社书记全员轮训',
    year: 2026,
    kind: 'rotation',
    requiredCredits: 4,
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
    ...extra,
  });
  const create = (extra: Record<string, unknown> = {}, token = trainer) =>
    request(t.http).post('/api/curriculum/programs').set('Authorization', token).send(body(extra));
  const get = (id: string, token = trainer) =>
    request(t.http).get(`/api/curriculum/programs/${id}`).set('Authorization', token);
  const patch = (id: string, changes: Record<string, unknown>, token = trainer) =>
    request(t.http).patch(`/api/curriculum/programs/${id}`).set('Authorization', token).send(changes);
  const setCourses = (id: string, courses: Array<{ courseId: string; required: boolean }>, token = trainer) =>
    request(t.http).put(`/api/curriculum/programs/${id}/courses`).set('Authorization', token).send({ courses });
  const publish = (id: string, token = trainer) =>
    request(t.http).post(`/api/curriculum/programs/${id}/publish`).set('Authorization', token);
  const archive = (id: string, token = trainer) =>
    request(t.http).post(`/api/curriculum/programs/${id}/archive`).set('Authorization', token);
  const list = async (token: string) => {
    const response = await request(t.http).get('/api/curriculum/programs').set('Authorization', token);
    expect(response.status).toBe(200);
    return response.body as ProgramSummaryDto[];
  };
  const programCount = async () => (await rows<{ n: number }>(t, `SELECT count(*)::int AS n FROM program`))[0].n;

  describe('creating and validating', () => {
    it('creates a draft program owned by the trainer', async () => {
      const response = await create({ description: '全省村社书记轮训' });
      expect(response.status).toBe(201);
      const program = response.body as ProgramDto;
      expect(program).toMatchObject({
        title: '2026年度村社书记全员轮训',
        description: '全省村社书记轮训',
        status: 'draft',
        requiredCredits: 4,
        startsOn: '2026-03-01',
        endsOn: '2026-12-31',
        creditTable: null,
        courses: [],
        courseCount: 0,
        enrolledCount: 0,
        ownerName: '陈雅琴',
      });
      expect((await list(trainer)).map((p) => p.id)).toContain(program.id);
      const fetched = await get(program.id);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ id: program.id, title: program.title });
    });

    it.each([
      ['an end before the start', { startsOn: '2026-06-01', endsOn: '2026-05-31' }, 'endsOn', 'must not be before'],
      ['a date that does not exist', { startsOn: '2026-02-30' }, 'startsOn', 'is not a real date'],
      ['a date in another format', { endsOn: '2026/12/31' }, 'endsOn', 'must be a date like'],
      [
        'a credit table without a 0-minute tier',
        { creditTable: { tiers: [{ minMinutes: 30, credits: 1 }], passBonus: 0.5 } },
        'creditTable',
        'one tier must start at 0 minutes',
      ],
      [
        'a credit table with two tiers at the same length',
        {
          creditTable: {
            tiers: [
              { minMinutes: 0, credits: 1 },
              { minMinutes: 0, credits: 2 },
            ],
            passBonus: 0,
          },
        },
        'creditTable',
        'two tiers start at 0 minutes',
      ],
      [
        'a credit table with negative credits',
        { creditTable: { tiers: [{ minMinutes: 0, credits: -1 }], passBonus: 0 } },
        'creditTable.tiers.0.credits',
        'credits must not be less than 0',
      ],
    ])('refuses %s with 400 naming the field', async (_, changes, field, problem) => {
      const before = await programCount();
      const response = await create(changes);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('VALIDATION_FAILED');
      const detail = (response.body.details as Array<{ field: string; problems: string[] }>).find(
        (d) => d.field === field,
      );
      expect(detail?.problems.join('; ')).toContain(problem);
      expect(await programCount()).toBe(before);
    });

    it('checks dates against the stored ones when only one changes', async () => {
      const program = (await create()).body as ProgramDto;
      const response = await patch(program.id, { endsOn: '2026-01-15' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'endsOn', problems: ['must not be before startsOn'] }]);
      const ok = await patch(program.id, { title: '改名的项目', requiredCredits: 6.5 });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ title: '改名的项目', requiredCredits: 6.5, endsOn: '2026-12-31' });
    });

    it('keeps programs to trainers: trainees get 403', async () => {
      expect((await request(t.http).get('/api/curriculum/programs').set('Authorization', trainee)).status).toBe(403);
      expect((await create({}, trainee)).status).toBe(403);
    });
  });

  describe('courses, publishing and archiving', () => {
    let program: ProgramDto;
    let published: AuthoredCourseDto;
    let draft: AuthoredCourseDto;
    let othersPublished: AuthoredCourseDto;
    let othersDraft: AuthoredCourseDto;

    beforeAll(async () => {
      program = (await create({ title: '课程编排测试项目' })).body as ProgramDto;
      published = await a.publishedCourse(
        trainer,
        [
          ['一', 40],
          ['二', 20],
        ],
        { title: '已发布的课' },
      );
      draft = await a.createCourse(trainer, { title: '自己的草稿' });
      await a.addArticle(trainer, draft.id, '草稿一课', 5);
      othersPublished = await a.publishedCourse(otherTrainer, [['别人的一课', 10]], { title: '别人发布的课' });
      othersDraft = await a.createCourse(otherTrainer, { title: '别人的草稿' });
    });

    it('sets required and elective courses in order, with their credits', async () => {
      const response = await setCourses(program.id, [
        { courseId: draft.id, required: false },
        { courseId: published.id, required: true },
        { courseId: othersPublished.id, required: false },
      ]);
      expect(response.status).toBe(200);
      const result = response.body as ProgramDto;
      expect(result.courses.map((c) => [c.title, c.required, c.status, c.credits])).toEqual([
        ['自己的草稿', false, 'draft', 0.25],
        ['已发布的课', true, 'published', 1.5],
        ['别人发布的课', false, 'published', 0.25],
      ]);
      expect(result).toMatchObject({ courseCount: 3, requiredCourseCredits: 1.5, totalCourseCredits: 2 });
      expect(
        await rows(
          t,
          `SELECT course_id, required, position FROM program_course WHERE program_id = $1 ORDER BY position`,
          [program.id],
        ),
      ).toEqual([
        { course_id: draft.id, required: false, position: 0 },
        { course_id: published.id, required: true, position: 1 },
        { course_id: othersPublished.id, required: false, position: 2 },
      ]);
    });

    it('offers published courses and the caller’s own drafts to add, never revisions or others’ drafts', async () => {
      const revision = await request(t.http)
        .post(`/api/curriculum/courses/${published.id}/revision`)
        .set('Authorization', trainer);
      expect(revision.status).toBe(200);
      const options = async (token: string, q?: string) => {
        const response = await request(t.http)
          .get('/api/curriculum/course-options')
          .query(q ? { q } : {})
          .set('Authorization', token);
        expect(response.status).toBe(200);
        return (response.body as Array<{ courseId: string; status: string; credits: number }>).map((o) => o.courseId);
      };
      const mine = await options(trainer);
      expect(mine).toEqual(expect.arrayContaining([published.id, draft.id, othersPublished.id]));
      expect(mine).not.toContain(othersDraft.id);
      expect(mine).not.toContain(revision.body.id);
      const theirs = await options(otherTrainer);
      expect(theirs).toEqual(expect.arrayContaining([published.id, othersDraft.id, othersPublished.id]));
      expect(theirs).not.toContain(draft.id);
      expect(await options(trainer, '草稿')).toEqual([draft.id]);
      await request(t.http).delete(`/api/curriculum/courses/${revision.body.id}`).set('Authorization', trainer);
    });

    it('refuses another trainer’s draft, a revision and a course listed twice, changing nothing', async () => {
      const before = await rows(t, `SELECT * FROM program_course WHERE program_id = $1 ORDER BY position`, [
        program.id,
      ]);
      const foreign = await setCourses(program.id, [
        { courseId: published.id, required: true },
        { courseId: othersDraft.id, required: true },
      ]);
      expect(foreign.status).toBe(400);
      expect(foreign.body.details).toEqual([
        { field: 'courses.1.courseId', problems: ['is not a published course or a draft of yours'] },
      ]);
      const duplicate = await setCourses(program.id, [
        { courseId: published.id, required: true },
        { courseId: published.id, required: false },
      ]);
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.details[0].field).toBe('courses');

      const revision = await request(t.http)
        .post(`/api/curriculum/courses/${published.id}/revision`)
        .set('Authorization', trainer);
      const withRevision = await setCourses(program.id, [{ courseId: revision.body.id, required: true }]);
      expect(withRevision.status).toBe(400);
      expect(withRevision.body.details[0].field).toBe('courses.0.courseId');
      await request(t.http).delete(`/api/curriculum/courses/${revision.body.id}`).set('Authorization', trainer);

      const malformed = await setCourses(program.id, [{ courseId: 'nope', required: 'yes' } as never]);
      expect(malformed.status).toBe(400);
      expect(
        await rows(t, `SELECT * FROM program_course WHERE program_id = $1 ORDER BY position`, [program.id]),
      ).toEqual(before);
    });

    it('will not publish with a draft course, naming it, nor without courses', async () => {
      const notReady = await publish(program.id);
      expect(notReady.status).toBe(409);
      expect(notReady.body.error).toBe('PROGRAM_NOT_READY');
      expect(notReady.body.message).toContain('自己的草稿');
      expect(notReady.body.message).not.toContain('已发布的课');

      const empty = (await create({ title: '空项目' })).body as ProgramDto;
      const emptyPublish = await publish(empty.id);
      expect(emptyPublish.status).toBe(409);
      expect(emptyPublish.body.error).toBe('PROGRAM_NOT_READY');
      expect(
        await rows(t, `SELECT status FROM program WHERE id = ANY($1) ORDER BY status`, [[program.id, empty.id]]),
      ).toEqual([{ status: 'draft' }, { status: 'draft' }]);
    });

    it('publishes once every course is published', async () => {
      expect((await a.publish(trainer, draft.id)).status).toBe(200);
      const response = await publish(program.id);
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('published');
      // Publishing again changes nothing.
      expect((await publish(program.id)).body.status).toBe('published');
    });

    it('a published program takes published courses only', async () => {
      const another = await a.createCourse(trainer, { title: '发布后再加的草稿' });
      await a.addArticle(trainer, another.id, '一课', 5);
      const response = await setCourses(program.id, [
        { courseId: published.id, required: true },
        { courseId: another.id, required: false },
      ]);
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('courses.1.courseId');
      expect((await get(program.id)).body.courses).toHaveLength(3);
    });

    it('archives a published program, which can then no longer be edited', async () => {
      const draftProgram = (await create({ title: '未发布就归档' })).body as ProgramDto;
      const early = await archive(draftProgram.id);
      expect(early.status).toBe(409);
      expect(early.body.error).toBe('PROGRAM_NOT_EDITABLE');

      const archived = await archive(program.id);
      expect(archived.status).toBe(200);
      expect(archived.body.status).toBe('archived');
      for (const response of [
        await patch(program.id, { title: '归档后改名' }),
        await setCourses(program.id, []),
        await publish(program.id),
      ]) {
        expect(response.status).toBe(409);
        expect(response.body.error).toBe('PROGRAM_NOT_EDITABLE');
      }
      const stored = (await get(program.id)).body as ProgramDto;
      expect(stored).toMatchObject({ title: '课程编排测试项目', status: 'archived', courseCount: 3 });
      // Archived programs sort last in the list.
      const mine = await list(trainer);
      expect(mine[mine.length - 1].status).toBe('archived');
    });

    it('hides a trainer’s programs from other trainers, and shows administrators all', async () => {
      const others = (await create({ title: '另一位培训师的项目' }, otherTrainer)).body as ProgramDto;
      for (const response of [
        await get(program.id, otherTrainer),
        await patch(program.id, { title: '偷改' }, otherTrainer),
        await setCourses(program.id, [], otherTrainer),
        await publish(program.id, otherTrainer),
        await get(others.id, trainer),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.error).toBe('PROGRAM_NOT_FOUND');
      }
      expect((await list(otherTrainer)).map((p) => p.id)).toEqual([others.id]);
      expect((await list(trainer)).map((p) => p.id)).not.toContain(others.id);

      const all = (await list(admin)).map((p) => p.id);
      expect(all).toEqual(expect.arrayContaining([program.id, others.id]));
      const [{ n }] = await rows<{ n: number }>(t, `SELECT count(*)::int AS n FROM program`);
      expect(all).toHaveLength(n);
      expect((await get(others.id, admin)).status).toBe(200);
      expect((await patch(others.id, { description: '管理员补充的说明' }, admin)).body.description).toBe(
        '管理员补充的说明',
      );
    });
  });

  describe('a program’s own credit table', () => {
    let program: ProgramDto;
    let course: AuthoredCourseDto;

    beforeAll(async () => {
      course = await a.publishedCourse(
        trainer,
        [
          ['短的一课', 1],
          ['长的一课', 40],
        ],
        { title: '自定学时的课程' },
      );
      program = (
        await create({ title: '自定学时项目', creditTable: { tiers: [{ minMinutes: 0, credits: 2 }], passBonus: 0 } })
      ).body as ProgramDto;
      expect(program.creditTable).toEqual({ tiers: [{ minMinutes: 0, credits: 2 }], passBonus: 0 });
      const withCourses = await setCourses(program.id, [{ courseId: course.id, required: true }]);
      expect(withCourses.body).toMatchObject({ totalCourseCredits: 4, courses: [{ credits: 4 }] });
      expect((await publish(program.id)).status).toBe(200);
    });

    const learnerCourse = async () =>
      (await request(t.http).get(`/api/learning/courses/${course.id}`).set('Authorization', trainee)).body as CourseDto;

    it('applies only to trainees enrolled in the program', async () => {
      const before = await learnerCourse();
      expect(before.modules.map((m) => m.credits)).toEqual([0.25, 1]);
      expect(before.credits).toBe(1.25);

      await rows(
        t,
        `INSERT INTO program_enrolment (program_id, user_id) SELECT $1, id FROM app_user WHERE username = 'trainee'`,
        [program.id],
      );
      const after = await learnerCourse();
      expect(after.modules.map((m) => m.credits)).toEqual([2, 2]);
      expect(after.credits).toBe(4);
      expect((await get(program.id)).body.enrolledCount).toBe(1);
    });

    it('enters the program’s credits in the ledger when a module completes', async () => {
      const p = progressClock(t);
      const moduleId = course.modules[0].id;
      await openedLongAgo(t, trainee, await userId(t, 'trainee'), moduleId);
      const report = await p.report(trainee, p.event(moduleId, 90, 50, { reachedEnd: true }));
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ progress: { status: 'complete' }, creditsEarned: 2 });

      expect(
        await rows(t, `SELECT credits::float AS credits, rule, program_id FROM credit_ledger WHERE module_id = $1`, [
          moduleId,
        ]),
      ).toEqual([{ credits: 2, rule: 'module-minutes:0+', program_id: program.id }]);
      const ledger = (await request(t.http).get('/api/learning/credits').set('Authorization', trainee))
        .body as CreditLedgerDto;
      expect(ledger.entries).toEqual([expect.objectContaining({ moduleId, credits: 2, programId: program.id })]);

      const mine = (await request(t.http).get('/api/learning/programs').set('Authorization', trainee))
        .body as MyProgramDto[];
      const shown = mine.find((m) => m.id === program.id) as MyProgramDto;
      expect(shown).toMatchObject({ title: '自定学时项目', requiredCredits: 4, earnedCredits: 2 });
      expect(shown.courses).toEqual([
        expect.objectContaining({ id: course.id, credits: 4, required: true, completedModuleCount: 1 }),
      ]);
      // The demo program the trainee is also in earned nothing from this course.
      expect(mine.filter((m) => m.id !== program.id).every((m) => m.earnedCredits === 0)).toBe(true);
    });
  });
});
