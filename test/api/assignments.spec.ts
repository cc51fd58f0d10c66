import request from 'supertest';
import type {
  AssignmentDto,
  AuthoredCourseDto,
  NotificationPage,
  Page,
  SubmissionFileDto,
  SubmissionQueueItemDto,
  SubmissionReviewViewDto,
} from '@lingyan/contracts';
import { DEFAULT_ASSIGNMENT_SETTINGS } from '@lingyan/contracts';
import { DEMO_ASSIGNMENT_TITLE } from '../../api/src/database/seed/demo-quiz';
import { authoring, createAccount, rows, userId, type Account } from './support/api-helpers';
import { mp4Bytes, pdfBytes, pngBytes } from './support/media-files';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const TASK = '## 任务\n\n结合本村实际，写一份村级集体经济三年发展规划（不少于 800 字）。';

describe('evaluation: practical work with a rubric', () => {
  let t: TestApp;
  let trainer: string;
  let otherTrainer: Account;
  let trainee: string;
  let trainee2: string;
  let traineeId: string;
  let moduleId: string;
  let courseId: string;

  const api = (token: string) => ({
    get: (path: string) => request(t.http).get(`/api${path}`).set('Authorization', token),
    put: (path: string, body: object) => request(t.http).put(`/api${path}`).set('Authorization', token).send(body),
    post: (path: string, body: object = {}) =>
      request(t.http).post(`/api${path}`).set('Authorization', token).send(body),
    upload: (path: string, bytes: Buffer, name: string) =>
      request(t.http).post(`/api${path}`).set('Authorization', token).attach('file', bytes, { filename: name }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    [trainer, trainee, trainee2] = await Promise.all([
      bearer(t, 'trainer'),
      bearer(t, 'trainee'),
      bearer(t, 'trainee2'),
    ]);
    otherTrainer = await createAccount(t, await bearer(t, 'zj-admin'), 'trainer-d', ['trainer']);
    traineeId = await userId(t, 'trainee');
    const course = await authoring(t).createCourse(trainer, { title: '强村富民实践课' });
    courseId = course.id;
    const empty = await authoring(t).addModule(trainer, course.id, {
      kind: 'assignment',
      title: '三年发展规划',
      estimatedMinutes: 60,
      body: '',
    });
    expect(empty.status).toBe(201);
    const draft = empty.body as AuthoredCourseDto;
    expect(draft.modules[0].problems).toEqual(['assignment_task_empty']);
    expect(draft.modules[0].assignment).toEqual(DEFAULT_ASSIGNMENT_SETTINGS);
    moduleId = draft.modules[0].id;
    expect((await authoring(t).publish(trainer, course.id)).body.error).toBe('MODULE_INCOMPLETE');
    const badRubric = await authoring(t).updateModule(trainer, moduleId, {
      assignment: { ...DEFAULT_ASSIGNMENT_SETTINGS, rubric: { criteria: [] } },
    });
    expect(badRubric.status).toBe(400);
    expect(badRubric.body.details[0].field).toBe('assignment.rubric');
    expect((await authoring(t).updateModule(trainer, moduleId, { body: TASK })).status).toBe(200);
    expect((await authoring(t).publish(trainer, course.id)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('shows the task and the rubric, with nothing submitted yet', async () => {
    const view = await api(trainee).get(`/learning/assignments/${moduleId}`);
    expect(view.status).toBe(200);
    expect(view.body as AssignmentDto).toMatchObject({ body: TASK, maxPoints: 20, submission: null });
  });

  it('keeps a draft with an attached PDF; a video or another trainee’s file is refused', async () => {
    const file = await api(trainee).upload(`/learning/assignments/${moduleId}/files`, pdfBytes(), '规划.pdf');
    expect(file.status).toBe(201);
    const pdf = file.body as SubmissionFileDto;
    expect(pdf).toMatchObject({ name: '规划.pdf', contentType: 'application/pdf' });
    const video = await api(trainee).upload(`/learning/assignments/${moduleId}/files`, mp4Bytes(), 'a.mp4');
    expect(video.status).toBe(415);

    const saved = await api(trainee).put(`/learning/assignments/${moduleId}/submission`, {
      text: '一、现状分析……',
      mediaIds: [pdf.id],
    });
    expect(saved.status).toBe(200);
    expect((saved.body as AssignmentDto).submission).toMatchObject({ status: 'draft', version: 0, submittedAt: null });
    expect((saved.body as AssignmentDto).submission?.files.map((f) => f.id)).toEqual([pdf.id]);

    const stolen = await api(trainee2).put(`/learning/assignments/${moduleId}/submission`, {
      text: '抄的',
      mediaIds: [pdf.id],
    });
    expect(stolen.status).toBe(400);
    expect(
      await rows(t, `SELECT 1 FROM assignment_submission WHERE module_id = $1 AND text = '抄的'`, [moduleId]),
    ).toEqual([]);
  });

  it('submits once however often submit is sent, and then the work cannot change', async () => {
    const body = { text: '一、现状分析……二、目标……三、措施……', mediaIds: [] as string[] };
    const [draft] = await rows<{ media_ids: string[] }>(
      t,
      `SELECT media_ids FROM assignment_submission WHERE user_id = $1 AND module_id = $2`,
      [traineeId, moduleId],
    );
    body.mediaIds = draft.media_ids;
    const submits = await Promise.all(
      [1, 2].map(() => api(trainee).post(`/learning/assignments/${moduleId}/submit`, body)),
    );
    expect(submits.map((s) => s.status)).toEqual([200, 200]);
    expect((submits[1].body as AssignmentDto).submission).toMatchObject({
      status: 'submitted',
      version: 1,
      late: false,
    });
    const change = await api(trainee).put(`/learning/assignments/${moduleId}/submission`, { text: '改', mediaIds: [] });
    expect(change.status).toBe(409);
    expect(change.body.error).toBe('SUBMISSION_LOCKED');
  });

  it('puts the work in the queue of the course’s trainers only', async () => {
    const queue = (await api(trainer).get(`/evaluation/submissions?courseId=${courseId}`))
      .body as Page<SubmissionQueueItemDto>;
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ moduleTitle: '三年发展规划', status: 'submitted', version: 1 });
    const theirs = (await api(otherTrainer.token).get('/evaluation/submissions')).body as Page<SubmissionQueueItemDto>;
    expect(theirs.total).toBe(0);
    expect((await api(otherTrainer.token).get(`/evaluation/submissions/${queue.items[0].id}`)).status).toBe(404);
    expect((await api(trainee).get('/evaluation/submissions')).status).toBe(403);
  });

  it('returns the work for revision with a comment, and grades the revised work with the rubric', async () => {
    const [{ id }] = ((await api(trainer).get('/evaluation/submissions')).body as Page<SubmissionQueueItemDto>).items;
    const path = `/evaluation/submissions/${id}/review`;
    const missing = await api(trainer).post(path, { outcome: 'graded', selection: { fit: 3 } });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['selection.feasible']);
    expect((await api(trainer).post(path, { outcome: 'graded', selection: { fit: 3, feasible: 9 } })).status).toBe(400);
    const silent = await api(trainer).post(path, { outcome: 'returned', selection: { fit: 1, feasible: 1 } });
    expect(silent.status).toBe(400);
    expect(
      (await api(otherTrainer.token).post(path, { outcome: 'graded', selection: { fit: 3, feasible: 3 } })).status,
    ).toBe(404);

    const returned = await api(trainer).post(path, {
      outcome: 'returned',
      selection: { fit: 2, feasible: 1 },
      comment: '措施部分请补充资金来源和时间表。',
    });
    expect(returned.status).toBe(200);
    expect((returned.body as SubmissionReviewViewDto).status).toBe('returned');
    const bell = (await api(trainee).get('/notifications')).body as NotificationPage;
    expect(bell.items[0]).toMatchObject({ kind: 'assessment', title: '作业退回修改：三年发展规划' });

    const revised = await api(trainee).post(`/learning/assignments/${moduleId}/submit`, {
      text: '……补充：资金来源为强村公司收益，时间表如下……',
      mediaIds: [],
    });
    expect((revised.body as AssignmentDto).submission).toMatchObject({ status: 'submitted', version: 2 });

    const graded = await api(trainer).post(path, {
      outcome: 'graded',
      selection: { fit: 3, feasible: 2 },
      comment: '切合村情，措施可行。',
    });
    expect(graded.status).toBe(200);
    expect((await api(trainer).post(path, { outcome: 'graded', selection: { fit: 3, feasible: 3 } })).body.error).toBe(
      'SUBMISSION_NOT_PENDING',
    );

    const mine = ((await api(trainee).get(`/learning/assignments/${moduleId}`)).body as AssignmentDto).submission;
    expect(mine?.status).toBe('graded');
    expect(mine?.reviews.map((r) => [r.outcome, r.points, r.percent, r.passed, r.comment])).toEqual([
      ['graded', 18, 90, true, '切合村情，措施可行。'],
      ['returned', 13, 65, true, '措施部分请补充资金来源和时间表。'],
    ]);
    expect(mine?.reviews[0]).toMatchObject({ selection: { fit: 3, feasible: 2 }, graderName: '陈雅琴' });
    const progress = await rows(t, `SELECT status FROM module_progress WHERE user_id = $1 AND module_id = $2`, [
      traineeId,
      moduleId,
    ]);
    expect(progress).toEqual([{ status: 'complete' }]);
    const ledger = await rows(t, `SELECT rule FROM credit_ledger WHERE user_id = $1 AND module_id = $2`, [
      traineeId,
      moduleId,
    ]);
    expect(ledger).toEqual([{ rule: 'module-minutes:30+' }]);
  });

  it('marks work submitted after the due date as late, and refuses an empty submission', async () => {
    await rows(t, `UPDATE module SET assignment = jsonb_set(assignment, '{dueAt}', to_jsonb($2::text)) WHERE id = $1`, [
      moduleId,
      new Date(Date.now() - 86_400_000).toISOString(),
    ]);
    const empty = await api(trainee2).post(`/learning/assignments/${moduleId}/submit`, { text: '  ', mediaIds: [] });
    expect(empty.status).toBe(400);
    const photo = (await api(trainee2).upload(`/learning/assignments/${moduleId}/files`, pngBytes(), '现场.png'))
      .body as SubmissionFileDto;
    const late = await api(trainee2).post(`/learning/assignments/${moduleId}/submit`, {
      text: '',
      mediaIds: [photo.id],
    });
    expect(late.status).toBe(200);
    expect((late.body as AssignmentDto).submission).toMatchObject({ status: 'submitted', late: true });
    const queue = (await api(trainer).get('/evaluation/submissions')).body as Page<SubmissionQueueItemDto>;
    expect(queue.items.map((i) => i.late)).toEqual([true]);
  });

  it('seeds a demo assignment that is ready to take', async () => {
    const [demo] = await rows<{ id: string; course_id: string }>(
      t,
      `SELECT id, course_id FROM module WHERE kind = 'assignment' AND title = $1`,
      [DEMO_ASSIGNMENT_TITLE],
    );
    const course = (await authoring(t).getCourse(trainer, demo.course_id)).body as AuthoredCourseDto;
    expect(course.modules.find((m) => m.id === demo.id)?.problems).toEqual([]);
    const view = (await api(trainee2).get(`/learning/assignments/${demo.id}`)).body as AssignmentDto;
    expect(view).toMatchObject({ maxPoints: 25, submission: null });
    expect(view.settings.rubric.criteria.map((c) => c.name)).toEqual(['切合村情', '项目可落地', '机制完整']);
  });
});
