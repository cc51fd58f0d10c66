import request from 'supertest';
import type {
  MentorProgramDto,
  ProgramEvaluationDto,
  ProgramResultDto,
  ResultListDto,
  TraineeEvaluationDto,
} from '@lingyan/contracts';
import { DEFAULT_EVALUATION_RUBRIC, DEFAULT_QUIZ_SETTINGS, DEFAULT_ASSIGNMENT_SETTINGS } from '@lingyan/contracts';
import { DEFAULT_RESULT_FORMULA } from '@lingyan/domain';
import { createAccount, userId, type Account } from './support/api-helpers';
import {
  createCadres,
  createProgram,
  download,
  enrol,
  insertCohort,
  sql,
  VILLAGES,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const ALL = (level: number) => Object.fromEntries(DEFAULT_EVALUATION_RUBRIC.criteria.map((c) => [c.id, level]));

describe('evaluation: mentor and trainer evaluations and the composite result', () => {
  let t: TestApp;
  let admin: string;
  let chunanAdmin: string;
  let anjiAdmin: string;
  let trainer: string;
  let mentor: string;
  let outsider: Account;
  let program: ProgramFixture;
  let cohortId: string;
  let a: Cadre;
  let b: Cadre;
  let quizId: string;
  let assignmentId: string;

  const api = (token: string) => ({
    get: (path: string) => request(t.http).get(`/api${path}`).set('Authorization', token),
    put: (path: string, body: object) => request(t.http).put(`/api${path}`).set('Authorization', token).send(body),
  });
  const evaluation = (traineeId: string) => `/evaluation/programs/${program.id}/trainees/${traineeId}/evaluation`;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, chunanAdmin, anjiAdmin, trainer, mentor] = await Promise.all(
      ['zj-admin', 'chunan-admin', 'anji-admin', 'trainer', 'mentor'].map((u) => bearer(t, u)),
    );
    outsider = await createAccount(t, admin, 'trainer-e', ['trainer']);
    program = await createProgram(t, { title: '考评项目', requiredCredits: 0.5, courses: [{ required: true }] });
    const courseId = program.courses[0].id;
    [{ id: quizId }] = await sql<{ id: string }>(
      t,
      `INSERT INTO module (course_id, position, kind, title, estimated_minutes, credits, quiz)
       VALUES ($1, 10, 'quiz', '单元测验', 10, 0.25, $2) RETURNING id`,
      [courseId, JSON.stringify(DEFAULT_QUIZ_SETTINGS)],
    );
    [{ id: assignmentId }] = await sql<{ id: string }>(
      t,
      `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits, assignment)
       VALUES ($1, 11, 'assignment', '发展规划', '写规划', 60, 1, $2) RETURNING id`,
      [courseId, JSON.stringify(DEFAULT_ASSIGNMENT_SETTINGS)],
    );
    [a, b] = await createCadres(t, [
      { username: 'result-a', village: VILLAGES.xiajiang, name: '姜学员' },
      { username: 'result-b', village: VILLAGES.anji, name: '安学员' },
    ]);
    cohortId = await insertCohort(t, {
      programId: program.id,
      name: '考评班',
      regionCode: '33',
      createdBy: 'zj-admin',
    });
    await enrol(t, admin, cohortId, [a.id, b.id]);
    // Pairing is the mentoring screens' job; here the pair is written straight in.
    await sql(t, `INSERT INTO mentorship (mentor_id, trainee_id, program_id) VALUES ($1, $2, $3)`, [
      await userId(t, 'mentor'),
      a.id,
      program.id,
    ]);
  });
  afterAll(() => t.close());

  describe('the program’s rubric and formula', () => {
    it('starts from the usual rubric and formula, and names what the program has nothing for', async () => {
      const settings = await api(trainer).get(`/evaluation/programs/${program.id}/settings`);
      expect(settings.status).toBe(200);
      expect(settings.body as ProgramEvaluationDto).toMatchObject({
        rubric: DEFAULT_EVALUATION_RUBRIC,
        formula: DEFAULT_RESULT_FORMULA,
        absent: [],
        updatedAt: null,
      });
      expect((await api(outsider.token).get(`/evaluation/programs/${program.id}/settings`)).status).toBe(404);
      // The program's mentor reads the rubric they evaluate with.
      expect((await api(mentor).get(`/evaluation/programs/${program.id}/settings`)).status).toBe(200);
      expect((await api(a.token).get(`/evaluation/programs/${program.id}/settings`)).status).toBe(403);
    });

    it('refuses a formula whose weights do not add up to 100, and changes nothing', async () => {
      const bad = await api(trainer).put(`/evaluation/programs/${program.id}/settings`, {
        rubric: DEFAULT_EVALUATION_RUBRIC,
        formula: { ...DEFAULT_RESULT_FORMULA, weights: { quizzes: 40, practical: 30, mentor: 15, trainer: 5 } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('formula');
      const [row] = await sql<{ evaluation: unknown }>(t, `SELECT evaluation FROM program WHERE id = $1`, [program.id]);
      expect(row.evaluation).toBeNull();
    });

    it('keeps a formula of the program’s own', async () => {
      const formula = { ...DEFAULT_RESULT_FORMULA, bands: { excellent: 92, good: 85, pass: 60 } };
      const saved = await api(trainer).put(`/evaluation/programs/${program.id}/settings`, {
        rubric: DEFAULT_EVALUATION_RUBRIC,
        formula,
      });
      expect(saved.status).toBe(200);
      expect((saved.body as ProgramEvaluationDto).formula).toEqual(formula);
      // Only the program's owner (or an administrator) changes them; its mentor reads them only.
      const body = { rubric: DEFAULT_EVALUATION_RUBRIC, formula: DEFAULT_RESULT_FORMULA };
      expect((await api(outsider.token).put(`/evaluation/programs/${program.id}/settings`, body)).status).toBe(404);
      expect((await api(mentor).put(`/evaluation/programs/${program.id}/settings`, body)).status).toBe(403);
      expect((await api(trainer).get(`/evaluation/programs/${program.id}/settings`)).body.formula).toEqual(formula);
    });
  });

  describe('who evaluates whom', () => {
    it('lets a mentor evaluate their own mentee only', async () => {
      const mine = await api(mentor).put(evaluation(a.id), {
        role: 'mentor',
        selection: ALL(3),
        comment: '带头作用明显',
      });
      expect(mine.status).toBe(200);
      expect(mine.body as TraineeEvaluationDto).toMatchObject({ role: 'mentor', points: 40, percent: 100 });
      const other = await api(mentor).put(evaluation(b.id), { role: 'mentor', selection: ALL(3) });
      expect(other.status).toBe(403);
      expect(other.body.message).toMatch(/own mentees/);
      expect((await api(mentor).put(evaluation(a.id), { role: 'trainer', selection: ALL(3) })).status).toBe(403);
      expect((await api(a.token).put(evaluation(a.id), { role: 'mentor', selection: ALL(3) })).status).toBe(403);
      const list = await api(mentor).get(`/evaluation/programs/${program.id}/evaluable?role=mentor`);
      expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(['姜学员']);
      const rows = await sql(t, `SELECT 1 FROM trainee_evaluation WHERE trainee_id = $1`, [b.id]);
      expect(rows).toEqual([]);
    });

    it('lists the mentor’s programs with their mentees and how many are evaluated, for mentors only', async () => {
      const list = await api(mentor).get('/evaluation/mentor/programs');
      expect(list.status).toBe(200);
      const mine = (list.body as MentorProgramDto[]).find((p) => p.id === program.id);
      expect(mine).toEqual({ id: program.id, title: '考评项目', mentees: 1, evaluated: 1 });
      // an ended pairing no longer counts
      const ended = await createAccount(t, admin, 'mentor-ended', ['mentor']);
      await sql(
        t,
        `INSERT INTO mentorship (mentor_id, trainee_id, program_id, status, ended_at, end_reason)
         VALUES ($1, $2, $3, 'ended', now(), '工作调动')`,
        [await userId(t, 'mentor-ended'), b.id, program.id],
      );
      const none = await api(ended.token).get('/evaluation/mentor/programs');
      expect(none.status).toBe(200);
      expect(none.body).toEqual([]);
      expect((await api(trainer).get('/evaluation/mentor/programs')).status).toBe(403);
      expect((await api(a.token).get('/evaluation/mentor/programs')).status).toBe(403);
    });

    it('lets the program’s trainers evaluate its trainees, with every criterion', async () => {
      const missing = await api(trainer).put(evaluation(a.id), { role: 'trainer', selection: { political: 2 } });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual([
        'selection.duty',
        'selection.masses',
        'selection.learning',
      ]);
      expect((await api(outsider.token).put(evaluation(a.id), { role: 'trainer', selection: ALL(2) })).status).toBe(
        403,
      );
      const first = await api(trainer).put(evaluation(a.id), { role: 'trainer', selection: ALL(1) });
      expect(first.body.percent).toBe(60);
      // Evaluating again replaces the evaluation.
      const again = await api(trainer).put(evaluation(a.id), { role: 'trainer', selection: ALL(2), comment: '认真' });
      expect(again.body).toMatchObject({ percent: 80, comment: '认真' });
      const rows = await sql(t, `SELECT 1 FROM trainee_evaluation WHERE trainee_id = $1 AND role = 'trainer'`, [a.id]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('results', () => {
    beforeAll(async () => {
      // a: a quiz passed at 80% on the second try (best counts) and practical work graded 90%, 0.5 credit hours.
      await sql(
        t,
        `INSERT INTO quiz_attempt (user_id, module_id, course_id, number, questions, max_score, submitted_at, score,
                                   percent, passed, graded_at)
         VALUES ($1, $2, $3, 1, '[]', 10, now(), 5, 50, false, now()), ($1, $2, $3, 2, '[]', 10, now(), 8, 80, true, now())`,
        [a.id, quizId, program.courses[0].id],
      );
      await sql(
        t,
        `INSERT INTO assignment_submission (user_id, module_id, course_id, status, version, submitted_at, percent, passed)
         VALUES ($1, $2, $3, 'graded', 1, now(), 90, true)`,
        [a.id, assignmentId, program.courses[0].id],
      );
      await sql(
        t,
        `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule) VALUES ($1, $2, $3, 0.5, 'test')`,
        [a.id, quizId, program.courses[0].id],
      );
    });

    it('shows a trainee their result and how it was made', async () => {
      const response = await api(a.token).get(`/learning/programs/${program.id}/result`);
      expect(response.status).toBe(200);
      const mine = response.body as ProgramResultDto;
      // 80 × 40% + 90 × 30% + 100 × 15% + 80 × 15% = 32 + 27 + 15 + 12 = 86 → 良好 (85–92).
      expect(mine.result).toMatchObject({ state: 'final', score: 86, band: 'good', creditsMet: true });
      expect(mine.result.parts.map((p) => [p.component, p.score, p.contribution])).toEqual([
        ['quizzes', 80, 32],
        ['practical', 90, 27],
        ['mentor', 100, 15],
        ['trainer', 80, 12],
      ]);
      expect(mine.items.quizzes).toEqual([expect.objectContaining({ title: '单元测验', percent: 80 })]);
      // the rubric the evaluations were given with, to read their levels
      expect(mine.rubric).toEqual(DEFAULT_EVALUATION_RUBRIC);
      expect(mine.evaluations.map((e) => [e.role, e.comment])).toEqual([
        ['trainer', '认真'],
        ['mentor', '带头作用明显'],
      ]);
    });

    it('leaves a result pending while a weighted part is missing', async () => {
      const theirs = (await api(b.token).get(`/learning/programs/${program.id}/result`)).body as ProgramResultDto;
      expect(theirs.result).toMatchObject({
        state: 'pending',
        band: null,
        missing: ['quizzes', 'practical', 'mentor', 'trainer'],
      });
      expect((await api(outsider.token).get(`/learning/programs/${program.id}/result`)).status).toBe(404);
    });

    it('lists a cohort’s results inside each administrator’s region, with the distribution', async () => {
      const province = (await api(admin).get(`/cohorts/${cohortId}/results`)).body as ResultListDto;
      expect(province.items.map((r) => [r.traineeName, r.band, r.state])).toEqual([
        ['姜学员', 'good', 'final'],
        ['安学员', null, 'pending'],
      ]);
      expect(province.distribution).toEqual({ excellent: 0, good: 1, pass: 0, fail: 0, pending: 1 });
      const chunan = (await api(chunanAdmin).get(`/cohorts/${cohortId}/results`)).body as ResultListDto;
      expect(chunan.items.map((r) => r.traineeName)).toEqual(['姜学员']);
      const anji = (await api(anjiAdmin).get(`/cohorts/${cohortId}/results`)).body as ResultListDto;
      expect(anji.items.map((r) => r.traineeName)).toEqual(['安学员']);
      expect(anji.distribution.good).toBe(0);
      const good = (await api(admin).get(`/cohorts/${cohortId}/results?band=good`)).body as ResultListDto;
      expect(good.total).toBe(1);
      expect((await api(admin).get(`/cohorts/${cohortId}/results?band=best`)).status).toBe(400);
      expect((await api(a.token).get(`/cohorts/${cohortId}/results`)).status).toBe(403);
    });

    it('exports the results with the band in words', async () => {
      const file = await download(t, chunanAdmin, `/api/cohorts/${cohortId}/results/export?format=csv`);
      expect(file.status).toBe(200);
      const text = (file.body as Buffer).toString('utf8');
      expect(text).toContain('姓名,所在地,班次,测验,实践作业,导师评价,培训师评价,总评,等次,学时达标');
      expect(text).toContain('姜学员');
      expect(text).toContain('良好');
      expect(text).not.toContain('安学员');
    });

    it('issues a certificate for a completed program only when the final result is not 不合格', async () => {
      await sql(t, `UPDATE enrolment SET status = 'completed', completed_at = now() WHERE cohort_id = $1`, [cohortId]);
      // b: everything in, and all of it poor → a final 不合格.
      await sql(t, `INSERT INTO mentorship (mentor_id, trainee_id, program_id) VALUES ($1, $2, $3)`, [
        await userId(t, 'mentor'),
        b.id,
        program.id,
      ]);
      await api(mentor).put(evaluation(b.id), { role: 'mentor', selection: ALL(0) });
      await api(trainer).put(evaluation(b.id), { role: 'trainer', selection: ALL(0) });
      await sql(
        t,
        `INSERT INTO quiz_attempt (user_id, module_id, course_id, number, questions, max_score, submitted_at, score,
                                   percent, passed, graded_at)
         VALUES ($1, $2, $3, 1, '[]', 10, now(), 1, 10, false, now())`,
        [b.id, quizId, program.courses[0].id],
      );
      await sql(
        t,
        `INSERT INTO assignment_submission (user_id, module_id, course_id, status, version, submitted_at, percent, passed)
         VALUES ($1, $2, $3, 'graded', 1, now(), 20, false)`,
        [b.id, assignmentId, program.courses[0].id],
      );
      const theirs = (await api(b.token).get(`/learning/programs/${program.id}/result`)).body as ProgramResultDto;
      expect(theirs.result).toMatchObject({ state: 'final', band: 'fail' });

      const mine = await request(t.http).post(`/api/certificates/mine/${program.id}`).set('Authorization', a.token);
      expect(mine.status).toBe(200);
      expect(mine.body.serial).toMatch(/^LY-/);
      const refused = await request(t.http).post(`/api/certificates/mine/${program.id}`).set('Authorization', b.token);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('CERTIFICATE_NOT_ELIGIBLE');
      const issued = await request(t.http).post(`/api/cohorts/${cohortId}/certificates`).set('Authorization', admin);
      expect(issued.body).toMatchObject({ issued: 0, existing: 1, notEligible: 1 });
    });
  });
});
