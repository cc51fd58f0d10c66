import request from 'supertest';
import type {
  AttemptDto,
  AuthoredCourseDto,
  Page,
  PendingAnswerDto,
  QuestionDto,
  QuestionRequest,
  QuizOverviewDto,
  QuizSettings,
} from '@lingyan/contracts';
import { DEFAULT_QUIZ_SETTINGS } from '@lingyan/contracts';
import { questionProblems } from '@lingyan/domain';
import { DEMO_QUIZ_TITLE } from '../../api/src/database/seed/demo-quiz';
import { authoring, createAccount, rows, userId, type Account } from './support/api-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/** Text that appears only in keys and explanations: it must never reach a trainee before submission. */
const SECRET = 'KEY-SENTINEL';

const QUESTIONS: QuestionRequest[] = [
  {
    kind: 'single',
    stem: '村级重大事项决策实行什么制度？',
    options: [
      { id: 'a', text: '“五议两公开”' },
      { id: 'b', text: '村主任一人决定' },
      { id: 'c', text: '乡镇直接决定' },
    ],
    key: { kind: 'single', optionId: 'a' },
    explanation: `${SECRET} 五议两公开`,
    tags: ['基层治理'],
    points: 2,
  },
  {
    kind: 'multiple',
    stem: '发展村级集体经济的途径有哪些？',
    options: [
      { id: 'a', text: '物业经济' },
      { id: 'b', text: '共富工坊' },
      { id: 'c', text: '乡村旅游' },
      { id: 'd', text: '举债建设' },
    ],
    key: { kind: 'multiple', optionIds: ['a', 'b', 'c'] },
    explanation: `${SECRET} 不能举债`,
    tags: ['集体经济'],
    points: 2,
  },
  {
    kind: 'true_false',
    stem: '村务监督委员会主任可以由村委会主任兼任。',
    key: { kind: 'true_false', value: false },
    explanation: `${SECRET} 不得兼任`,
    tags: ['基层治理'],
    points: 2,
  },
  {
    kind: 'fill_blank',
    stem: '“___就是金山银山”。',
    key: { kind: 'fill_blank', blanks: [['绿水青山', SECRET]] },
    explanation: SECRET,
    tags: ['生态'],
    points: 2,
  },
  {
    kind: 'short_answer',
    stem: '简述你村发展集体经济的一条做法。',
    key: { kind: 'short_answer', reference: `${SECRET} 参考答案` },
    tags: ['集体经济'],
    points: 2,
  },
];

describe('evaluation: question banks, quizzes and attempts', () => {
  let t: TestApp;
  let trainer: string;
  let otherTrainer: Account;
  let trainee: string;
  let trainee2: string;
  let traineeId: string;
  let courseId: string;
  let questions: QuestionDto[];
  let quizId: string;
  const write = () => authoring(t);

  const api = (token: string) => ({
    get: (path: string) => request(t.http).get(`/api${path}`).set('Authorization', token),
    post: (path: string, body?: object) =>
      request(t.http)
        .post(`/api${path}`)
        .set('Authorization', token)
        .send(body ?? {}),
    put: (path: string, body: object) => request(t.http).put(`/api${path}`).set('Authorization', token).send(body),
  });

  /** A draft course with the bank above and a quiz module; answers the published course. */
  async function quizCourse(
    quiz: Partial<QuizSettings>,
    bank = QUESTIONS,
  ): Promise<{ course: AuthoredCourseDto; questions: QuestionDto[] }> {
    const course = await write().createCourse(trainer, { title: '考评测试课程' });
    const created: QuestionDto[] = [];
    for (const q of bank) {
      const response = await api(trainer).post(`/curriculum/courses/${course.id}/questions`, q);
      expect(response.status).toBe(201);
      created.push(response.body as QuestionDto);
    }
    const settings = { ...DEFAULT_QUIZ_SETTINGS, questionIds: created.map((q) => q.id), ...quiz };
    const added = await write().addModule(trainer, course.id, {
      kind: 'quiz',
      title: '单元测验',
      estimatedMinutes: 20,
      quiz: settings,
    });
    expect(added.status).toBe(201);
    const published = await write().publish(trainer, course.id);
    expect(published.status).toBe(200);
    return { course: published.body as AuthoredCourseDto, questions: created };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await bearer(t, 'zj-admin');
    [trainer, trainee, trainee2] = await Promise.all([
      bearer(t, 'trainer'),
      bearer(t, 'trainee'),
      bearer(t, 'trainee2'),
    ]);
    otherTrainer = await createAccount(t, admin, 'trainer-b', ['trainer']);
    traineeId = await userId(t, 'trainee');
    const made = await quizCourse({ timeLimitMinutes: 10, maxAttempts: 2, passPercent: 60 });
    courseId = made.course.id;
    questions = made.questions;
    quizId = made.course.modules[0].id;
  });
  afterAll(() => t.close());

  describe('question bank', () => {
    it('keeps each kind of question with its key, for the course’s trainers only', async () => {
      const bank = await api(trainer).get(`/curriculum/courses/${courseId}/questions`);
      expect(bank.status).toBe(200);
      const page = bank.body as Page<QuestionDto>;
      expect(page.total).toBe(5);
      expect(page.items.map((q) => q.kind)).toEqual(['single', 'multiple', 'true_false', 'fill_blank', 'short_answer']);
      expect(page.items[1].key).toEqual({ kind: 'multiple', optionIds: ['a', 'b', 'c'] });
      const filtered = await api(trainer).get(`/curriculum/courses/${courseId}/questions?tag=基层治理`);
      expect((filtered.body as Page<QuestionDto>).items.map((q) => q.kind)).toEqual(['single', 'true_false']);

      expect((await api(otherTrainer.token).get(`/curriculum/courses/${courseId}/questions`)).status).toBe(404);
      expect((await api(trainee).get(`/curriculum/courses/${courseId}/questions`)).status).toBe(403);
      const edit = await api(otherTrainer.token).put(`/curriculum/questions/${questions[0].id}`, QUESTIONS[0]);
      expect(edit.status).toBe(404);
    });

    it('refuses a malformed question with every problem named, and stores nothing', async () => {
      const before = await rows(t, `SELECT count(*)::int AS n FROM question`);
      const bad = await api(trainer).post(`/curriculum/courses/${courseId}/questions`, {
        kind: 'multiple',
        stem: '   ',
        options: [{ id: 'a', text: '一' }],
        key: { kind: 'multiple', optionIds: ['a', 'z'] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('VALIDATION_FAILED');
      expect((bad.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(
        expect.arrayContaining(['key', 'options', 'stem']),
      );
      const wrongShape = await api(trainer).post(`/curriculum/courses/${courseId}/questions`, {
        ...QUESTIONS[0],
        key: { kind: 'single', optionId: 'a', extra: 1 },
      });
      expect(wrongShape.status).toBe(400);
      expect(wrongShape.body.message).toMatch(/unknown field extra/);
      expect(await rows(t, `SELECT count(*)::int AS n FROM question`)).toEqual(before);
    });

    it('will not publish a quiz whose questions are gone or whose draw the bank cannot fill', async () => {
      const course = await write().createCourse(trainer);
      const q = await api(trainer).post(`/curriculum/courses/${course.id}/questions`, QUESTIONS[2]);
      await write().addModule(trainer, course.id, {
        kind: 'quiz',
        title: '抽题测验',
        estimatedMinutes: 10,
        quiz: { ...DEFAULT_QUIZ_SETTINGS, selection: 'random', rules: [{ count: 2, kind: 'true_false' }] },
      });
      const short = await write().publish(trainer, course.id);
      expect(short.status).toBe(409);
      expect(short.body.error).toBe('MODULE_INCOMPLETE');
      expect(short.body.message).toMatch(/quiz_draw_short/);
      const draft = (await write().getCourse(trainer, course.id)).body as AuthoredCourseDto;
      expect(draft.modules[0].problems).toEqual(['quiz_draw_short']);
      await api(trainer).post(`/curriculum/courses/${course.id}/questions`, { ...QUESTIONS[2], stem: '第二道判断题' });
      expect((await write().publish(trainer, course.id)).status).toBe(200);
      expect(q.status).toBe(201);
    });

    it('refuses quiz settings on another kind of module and impossible settings', async () => {
      const course = await write().createCourse(trainer);
      const onArticle = await write().addModule(trainer, course.id, {
        kind: 'article',
        body: '正文',
        quiz: DEFAULT_QUIZ_SETTINGS,
      });
      expect(onArticle.status).toBe(400);
      const zeroLimit = await write().addModule(trainer, course.id, {
        kind: 'quiz',
        quiz: { ...DEFAULT_QUIZ_SETTINGS, timeLimitMinutes: 0 },
      });
      expect(zeroLimit.status).toBe(400);
      expect(zeroLimit.body.details[0].field).toMatch(/timeLimitMinutes/);
    });
  });

  describe('taking a quiz', () => {
    let attempt: AttemptDto;

    it('shows the rules before starting, and refuses progress reports for a quiz', async () => {
      const overview = await api(trainee).get(`/learning/quizzes/${quizId}`);
      expect(overview.status).toBe(200);
      expect(overview.body as QuizOverviewDto).toMatchObject({
        questionCount: 5,
        maxScore: 10,
        timeLimitMinutes: 10,
        attemptsLeft: 2,
        passPercent: 60,
        openAttemptId: null,
        status: 'not_started',
      });
      const report = await api(trainee).post('/progress', {
        eventId: '6f1b2c3d-0000-4000-8000-000000000001',
        moduleId: quizId,
        startedAt: new Date(Date.now() - 20_000).toISOString(),
        endedAt: new Date().toISOString(),
      });
      expect(report.status).toBe(400);
    });

    it('starts one attempt however often start is tapped, with no key in sight', async () => {
      const starts = await Promise.all([1, 2, 3].map(() => api(trainee).post(`/learning/quizzes/${quizId}/attempts`)));
      expect(starts.map((s) => s.status)).toEqual([200, 200, 200]);
      expect(new Set(starts.map((s) => (s.body as AttemptDto).id)).size).toBe(1);
      attempt = starts[0].body as AttemptDto;
      expect(attempt.state).toBe('open');
      expect(attempt.questions).toHaveLength(5);
      expect(new Date(attempt.deadline as string).getTime() - new Date(attempt.startedAt).getTime()).toBe(600_000);
      for (const start of starts) expect(JSON.stringify(start.body)).not.toContain(SECRET);
      for (const question of attempt.questions) {
        expect(Object.keys(question).sort()).toEqual(['blankCount', 'id', 'kind', 'options', 'points', 'stem']);
      }
      expect(attempt.results).toBeNull();
      expect(await rows(t, `SELECT count(*)::int AS n FROM quiz_attempt WHERE user_id = $1`, [traineeId])).toEqual([
        { n: 1 },
      ]);
    });

    it('autosaves answers and gives them back on resume; a bad answer changes nothing', async () => {
      const [single, multiple, trueFalse] = attempt.questions;
      const saved = await api(trainee).put(`/learning/attempts/${attempt.id}/answers`, {
        answers: {
          [single.id]: { kind: 'single', optionId: 'a' },
          [multiple.id]: { kind: 'multiple', optionIds: ['a', 'b'] },
        },
      });
      expect(saved.status).toBe(200);
      expect(JSON.stringify(saved.body)).not.toContain(SECRET);
      const bad = await api(trainee).put(`/learning/attempts/${attempt.id}/answers`, {
        answers: {
          [trueFalse.id]: { kind: 'true_false', value: true },
          [single.id]: { kind: 'single', optionId: 'z' },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe(`answers.${single.id}`);

      const resumed = await api(trainee).post(`/learning/quizzes/${quizId}/attempts`);
      expect(resumed.body.id).toBe(attempt.id);
      expect(resumed.body.answers).toEqual({
        [single.id]: { kind: 'single', optionId: 'a' },
        [multiple.id]: { kind: 'multiple', optionIds: ['a', 'b'] },
      });
      const overview = (await api(trainee).get(`/learning/quizzes/${quizId}`)).body as QuizOverviewDto;
      expect(overview).toMatchObject({ openAttemptId: attempt.id, attemptsLeft: 1, status: 'in_progress' });
      expect(JSON.stringify(overview)).not.toContain(SECRET);
    });

    it('keeps a trainee out of another’s attempt', async () => {
      expect((await api(trainee2).get(`/learning/attempts/${attempt.id}`)).status).toBe(404);
      const save = await api(trainee2).put(`/learning/attempts/${attempt.id}/answers`, { answers: {} });
      expect(save.status).toBe(404);
      expect((await api(trainee2).post(`/learning/attempts/${attempt.id}/submit`)).status).toBe(404);
      const [row] = await rows<{ submitted_at: Date | null }>(
        t,
        `SELECT submitted_at FROM quiz_attempt WHERE id = $1`,
        [attempt.id],
      );
      expect(row.submitted_at).toBeNull();
    });

    it('grades a double submission once, objective answers at once, the short answer left to a trainer', async () => {
      const [, , trueFalse, fill, short] = attempt.questions;
      const answers = {
        [trueFalse.id]: { kind: 'true_false', value: false },
        [fill.id]: { kind: 'fill_blank', blanks: ['绿水青山'] },
        [short.id]: { kind: 'short_answer', text: '办共富工坊，带动村民增收。' },
      };
      const submits = await Promise.all(
        [1, 2].map(() => api(trainee).post(`/learning/attempts/${attempt.id}/submit`, { answers })),
      );
      expect(submits.map((s) => s.status)).toEqual([200, 200]);
      const graded = submits[0].body as AttemptDto;
      expect(submits[1].body.submittedAt).toBe(graded.submittedAt);
      expect(graded.state).toBe('submitted');
      // 2 (single) + 1 (multiple, half) + 2 + 2; the short answer waits.
      expect(graded.score).toBe(7);
      expect(graded.percent).toBeNull();
      expect(graded.passed).toBeNull();
      expect(graded.results?.map((r) => r.outcome)).toEqual(['correct', 'partial', 'correct', 'correct', 'pending']);
      // Attempts remain and none has passed yet: keys stay hidden.
      expect(JSON.stringify(graded)).not.toContain(SECRET);
      const again = await api(trainee).post(`/learning/attempts/${attempt.id}/submit`, {
        answers: { [trueFalse.id]: { kind: 'true_false', value: true } },
      });
      expect(again.body.score).toBe(7);
      const late = await api(trainee).put(`/learning/attempts/${attempt.id}/answers`, { answers: {} });
      expect(late.status).toBe(409);
      expect(late.body.error).toBe('ATTEMPT_CLOSED');
    });

    it('lets the course’s trainer grade the short answer, which passes and completes the quiz once', async () => {
      const theirs = await api(otherTrainer.token).get('/evaluation/pending-answers');
      expect((theirs.body as Page<PendingAnswerDto>).total).toBe(0);
      const queue = await api(trainer).get(`/evaluation/pending-answers?courseId=${courseId}`);
      const pending = queue.body as Page<PendingAnswerDto>;
      expect(pending.items).toHaveLength(1);
      expect(pending.items[0]).toMatchObject({
        attemptId: attempt.id,
        text: '办共富工坊，带动村民增收。',
        maxPoints: 2,
      });
      const path = `/evaluation/attempts/${attempt.id}/answers/${pending.items[0].questionId}/grade`;
      expect((await api(otherTrainer.token).post(path, { points: 2 })).status).toBe(404);
      expect((await api(trainer).post(path, { points: 2.5 })).status).toBe(400);
      const grade = await api(trainer).post(path, { points: 1.5, comment: '做法具体，可补充成效数据。' });
      expect(grade.status).toBe(200);
      expect(grade.body).toEqual({ remaining: 0, percent: 85, passed: true });
      expect((await api(trainer).post(path, { points: 2 })).body.error).toBe('ANSWER_NOT_PENDING');

      const mine = (await api(trainee).get(`/learning/attempts/${attempt.id}`)).body as AttemptDto;
      expect(mine).toMatchObject({ state: 'graded', score: 8.5, percent: 85, passed: true });
      expect(mine.results?.[4]).toMatchObject({
        points: 1.5,
        outcome: 'partial',
        comment: '做法具体，可补充成效数据。',
      });
      // Passed: the keys and explanations are shown now.
      expect(mine.results?.[0].key).toEqual({ kind: 'single', optionId: 'a' });
      expect(mine.results?.[0].explanation).toContain(SECRET);

      const progress = await rows(t, `SELECT status FROM module_progress WHERE user_id = $1 AND module_id = $2`, [
        traineeId,
        quizId,
      ]);
      expect(progress).toEqual([{ status: 'complete' }]);
      const ledger = await rows<{ rule: string; credits: string }>(
        t,
        `SELECT rule, credits::text FROM credit_ledger WHERE user_id = $1 AND module_id = $2 ORDER BY rule`,
        [traineeId, quizId],
      );
      expect(ledger).toEqual([
        { rule: 'module-minutes:15+', credits: '0.50' },
        { rule: 'test-pass', credits: '0.50' },
      ]);
    });
  });

  describe('the server’s clock', () => {
    let moduleId: string;
    let attempt: AttemptDto;

    beforeAll(async () => {
      const made = await quizCourse({ timeLimitMinutes: 1, maxAttempts: 1 }, QUESTIONS.slice(0, 3));
      moduleId = made.course.modules[0].id;
      attempt = (await api(trainee).post(`/learning/quizzes/${moduleId}/attempts`)).body as AttemptDto;
    });

    /** Moves the attempt into the past, as if `seconds` had passed since it started. */
    const age = (id: string, seconds: number) =>
      rows(
        t,
        `UPDATE quiz_attempt SET started_at = started_at - make_interval(secs => $2),
                                 deadline = deadline - make_interval(secs => $2) WHERE id = $1`,
        [id, seconds],
      );

    it('refuses answers saved after the deadline and grades a late submission with what was saved in time', async () => {
      const [single, , trueFalse] = attempt.questions;
      const inTime = await api(trainee).put(`/learning/attempts/${attempt.id}/answers`, {
        answers: { [single.id]: { kind: 'single', optionId: 'a' } },
      });
      expect(inTime.status).toBe(200);
      await age(attempt.id, 70);
      const late = await api(trainee).put(`/learning/attempts/${attempt.id}/answers`, {
        answers: { [trueFalse.id]: { kind: 'true_false', value: false } },
      });
      expect(late.status).toBe(409);
      expect(late.body.error).toBe('TIME_UP');
      const submitted = await api(trainee).post(`/learning/attempts/${attempt.id}/submit`, {
        answers: { [trueFalse.id]: { kind: 'true_false', value: false } },
      });
      expect(submitted.status).toBe(200);
      const graded = submitted.body as AttemptDto;
      expect(graded).toMatchObject({
        state: 'graded',
        expired: true,
        score: 2,
        maxScore: 6,
        percent: 33.3,
        passed: false,
      });
      expect(graded.submittedAt).toBe(graded.deadline);
      expect(graded.answers).toEqual({ [single.id]: { kind: 'single', optionId: 'a' } });
      // The only attempt is used up: now the keys are shown, and no attempt is left.
      expect(graded.results?.[2].key).toEqual({ kind: 'true_false', value: false });
      const more = await api(trainee).post(`/learning/quizzes/${moduleId}/attempts`);
      expect(more.status).toBe(409);
      expect(more.body.error).toBe('ATTEMPTS_EXHAUSTED');
    });

    it('submits an attempt abandoned past its deadline with the answers saved', async () => {
      const started = (await api(trainee2).post(`/learning/quizzes/${moduleId}/attempts`)).body as AttemptDto;
      const [single, multiple] = started.questions;
      await api(trainee2).put(`/learning/attempts/${started.id}/answers`, {
        answers: {
          [single.id]: { kind: 'single', optionId: 'a' },
          [multiple.id]: { kind: 'multiple', optionIds: ['a', 'b', 'c'] },
        },
      });
      await age(started.id, 3600);
      const overview = (await api(trainee2).get(`/learning/quizzes/${moduleId}`)).body as QuizOverviewDto;
      expect(overview.openAttemptId).toBeNull();
      expect(overview.attempts[0]).toMatchObject({ state: 'graded', score: 4, percent: 66.6, passed: true });
      expect(overview).toMatchObject({ passed: true, status: 'complete', countedPercent: 66.6 });
    });
  });

  it('seeds a demo quiz whose questions are all well-formed and which a trainee can take', async () => {
    const [demo] = await rows<{ id: string; course_id: string }>(
      t,
      `SELECT id, course_id FROM module WHERE kind = 'quiz' AND title = $1`,
      [DEMO_QUIZ_TITLE],
    );
    const course = (await write().getCourse(trainer, demo.course_id)).body as AuthoredCourseDto;
    expect(course.modules.find((m) => m.id === demo.id)?.problems).toEqual([]);
    const bank = (await api(trainer).get(`/curriculum/courses/${demo.course_id}/questions`)).body as Page<QuestionDto>;
    expect(bank.total).toBe(6);
    for (const q of bank.items) {
      expect(questionProblems({ ...q, explanation: q.explanation })).toEqual([]);
    }
    const started = await api(trainee2).post(`/learning/quizzes/${demo.id}/attempts`);
    expect(started.status).toBe(200);
    expect((started.body as AttemptDto).questions).toHaveLength(6);
  });

  describe('random draws', () => {
    it('draws each attempt from the bank by the rules, different questions for different trainees', async () => {
      const bank: QuestionRequest[] = Array.from({ length: 8 }, (_, i) => ({
        kind: 'true_false',
        stem: `判断题 ${i + 1}`,
        key: { kind: 'true_false', value: i % 2 === 0 },
        tags: [i < 4 ? '集体经济' : '乡村治理'],
      }));
      const made = await quizCourse(
        { selection: 'random', questionIds: [], rules: [{ count: 3, tag: '集体经济' }], maxAttempts: null },
        bank,
      );
      const moduleId = made.course.modules[0].id;
      const tagged = new Set(made.questions.slice(0, 4).map((q) => q.id));
      const drawn: string[] = [];
      for (const token of [trainee, trainee2]) {
        for (let i = 0; i < 3; i++) {
          const a = (await api(token).post(`/learning/quizzes/${moduleId}/attempts`)).body as AttemptDto;
          expect(a.questions).toHaveLength(3);
          expect(a.questions.every((q) => tagged.has(q.id))).toBe(true);
          drawn.push(a.questions.map((q) => q.id).join());
          await api(token).post(`/learning/attempts/${a.id}/submit`);
        }
      }
      expect(new Set(drawn).size).toBeGreaterThan(1);
    });
  });
});
