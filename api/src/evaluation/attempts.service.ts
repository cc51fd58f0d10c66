import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AttemptDto, AttemptSummaryDto, QuestionAnswer, QuizOverviewDto, QuizSettings } from '@lingyan/contracts';
import { answerProblem, countedAttempt, drawQuestions, shuffled, withinTime } from '@lingyan/domain';
import { DomainError, validationFailed } from '../common/domain-error';
import { LearningService } from '../learning/learning.service';
import { ProgressService } from '../learning/progress.service';
import {
  ATTEMPT_COLUMNS,
  attemptState,
  gradeAttempt,
  toAttemptDto,
  type AttemptRow,
  type BankQuestion,
  type StoredQuestion,
} from './attempt-record';
import { readAnswers } from './shapes';

/** A random number in [0, 1) from the operating system's generator: draws cannot be predicted. */
const random = () => randomInt(2 ** 47) / 2 ** 47;

interface QuizModule {
  id: string;
  title: string;
  course_id: string;
  estimated_minutes: number;
  quiz: QuizSettings;
}

const notFound = () => new DomainError('ATTEMPT_NOT_FOUND', 'No attempt of yours has this id.');

/**
 * A trainee's attempts at a quiz. The server owns the clock (the database's): an attempt's deadline is
 * fixed when it starts, answers saved after it do not count, and an attempt left open past it is
 * submitted with what was saved by then. The keys never leave the server before submission. A
 * submission is graded once, however often it is sent.
 */
@Injectable()
export class AttemptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: LearningService,
    private readonly progress: ProgressService,
  ) {}

  async overview(userId: string, moduleId: string): Promise<QuizOverviewDto> {
    // First: an attempt that ran out may have passed, which the module's status shows.
    await this.closeOverdue(userId, moduleId);
    const { view, index } = await this.learning.openModule(userId, moduleId);
    const module = await this.quizModule(moduleId);
    const attempts = await this.attempts(userId, moduleId);
    const summaries = attempts.map(toSummary);
    const counted = countedAttempt(summaries, module.quiz.scoring);
    const fixed = module.quiz.selection === 'fixed';
    const [points] = fixed
      ? await this.dataSource.query<Array<{ total: string | null }>>(
          `SELECT sum(points) AS total FROM question WHERE id = ANY($1) AND retired_at IS NULL`,
          [module.quiz.questionIds],
        )
      : [{ total: null }];
    return {
      moduleId,
      title: module.title,
      courseId: view.id,
      courseTitle: view.title,
      questionCount: fixed ? module.quiz.questionIds.length : module.quiz.rules.reduce((n, r) => n + r.count, 0),
      maxScore: points.total === null ? null : Number(points.total),
      timeLimitMinutes: module.quiz.timeLimitMinutes,
      maxAttempts: module.quiz.maxAttempts,
      attemptsLeft: module.quiz.maxAttempts === null ? null : Math.max(0, module.quiz.maxAttempts - attempts.length),
      passPercent: module.quiz.passPercent,
      scoring: module.quiz.scoring,
      openAttemptId: attempts.find((a) => a.submitted_at === null)?.id ?? null,
      attempts: summaries,
      countedPercent: counted?.percent ?? null,
      passed: counted?.passed ?? false,
      status: view.modules[index].status,
      previousModuleId: view.modules[index - 1]?.id ?? null,
      nextModuleId: view.modules[index + 1]?.id ?? null,
    };
  }

  /** Starts an attempt, or resumes the one under way (two taps on "start" give the same attempt). */
  async start(userId: string, moduleId: string): Promise<AttemptDto> {
    const { view } = await this.learning.openModule(userId, moduleId);
    const module = await this.quizModule(moduleId);
    await this.closeOverdue(userId, moduleId);
    const id = await this.dataSource.transaction(async (tx) => {
      // One start at a time per trainee and quiz: the attempt count below stays true.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [userId, moduleId]);
      const attempts = await tx.query<Array<{ id: string; submitted_at: Date | null }>>(
        `SELECT id, submitted_at FROM quiz_attempt WHERE user_id = $1 AND module_id = $2`,
        [userId, moduleId],
      );
      const open = attempts.find((a) => a.submitted_at === null);
      if (open) return open.id;
      if (module.quiz.maxAttempts !== null && attempts.length >= module.quiz.maxAttempts) {
        throw new DomainError('ATTEMPTS_EXHAUSTED', `All ${module.quiz.maxAttempts} attempts at this quiz are used.`);
      }
      const questions = await this.draw(tx, view.id, module.quiz);
      const [created] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO quiz_attempt (user_id, module_id, course_id, number, deadline, questions, max_score)
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5), $6, $7) RETURNING id`,
        [
          userId,
          moduleId,
          view.id,
          attempts.length + 1,
          module.quiz.timeLimitMinutes,
          JSON.stringify(questions),
          questions.reduce((sum, q) => sum + q.points, 0),
        ],
      );
      await this.progress.markStarted(tx, userId, moduleId);
      return created.id;
    });
    return this.get(userId, id);
  }

  async get(userId: string, attemptId: string): Promise<AttemptDto> {
    const row = await this.closeIfOverdue(userId, attemptId);
    return this.toDto(row);
  }

  /** Saves answers (autosave). After the deadline nothing is saved: a 409. */
  async save(userId: string, attemptId: string, body: unknown): Promise<AttemptDto> {
    const answers = readAnswers(body);
    const row = await this.dataSource.transaction(async (tx) => {
      const attempt = await this.lock(tx, userId, attemptId);
      if (attempt.submitted_at) throw new DomainError('ATTEMPT_CLOSED', 'This attempt was submitted.');
      if (!withinTime(attempt.deadline, attempt.db_now)) {
        throw new DomainError('TIME_UP', 'Time is up: answers saved by the deadline count.');
      }
      this.checkAnswers(attempt.questions, answers);
      const [[saved]] = await tx.query<[AttemptRow[], number]>(
        `UPDATE quiz_attempt SET answers = answers || $2::jsonb, answers_saved_at = clock_timestamp()
          WHERE id = $1 RETURNING ${ATTEMPT_COLUMNS}`,
        [attemptId, JSON.stringify(answers)],
      );
      return saved;
    });
    return this.toDto(row);
  }

  /**
   * Submits and grades. Answers sent with it count when they arrive in time; after the deadline the
   * saved ones are graded. A repeated submission (double tap, retry) answers the graded attempt.
   */
  async submit(userId: string, attemptId: string, body: unknown): Promise<AttemptDto> {
    const answers = body === undefined ? {} : readAnswers(body);
    const row = await this.dataSource.transaction(async (tx) => {
      const attempt = await this.lock(tx, userId, attemptId);
      if (attempt.submitted_at) return attempt;
      const inTime = withinTime(attempt.deadline, attempt.db_now);
      if (inTime) this.checkAnswers(attempt.questions, answers);
      return this.finish(tx, attempt, inTime ? answers : {}, !inTime);
    });
    return this.toDto(row);
  }

  /** Grades an attempt with its saved answers (and `answers` on top), and completes the quiz when it passes. */
  private async finish(
    tx: EntityManager,
    attempt: AttemptRow,
    answers: Record<string, QuestionAnswer>,
    expired: boolean,
  ): Promise<AttemptRow> {
    const module = await this.quizModule(attempt.module_id, tx);
    const all = { ...attempt.answers, ...answers };
    const graded = gradeAttempt(attempt.questions, all, module.quiz.passPercent);
    const [[row]] = await tx.query<[AttemptRow[], number]>(
      `UPDATE quiz_attempt
          SET answers = $2, answers_saved_at = CASE WHEN $3 THEN clock_timestamp() ELSE answers_saved_at END,
              submitted_at = CASE WHEN $4 THEN deadline ELSE clock_timestamp() END, expired = $4,
              results = $5, score = $6, percent = $7, passed = $8,
              graded_at = CASE WHEN $7::numeric IS NULL THEN NULL ELSE clock_timestamp() END
        WHERE id = $1 RETURNING ${ATTEMPT_COLUMNS}`,
      [
        attempt.id,
        JSON.stringify(all),
        Object.keys(answers).length > 0,
        expired,
        JSON.stringify(graded.results),
        graded.score,
        graded.percent,
        graded.passed,
      ],
    );
    if (graded.passed) {
      await this.progress.completeByPass(tx, attempt.user_id, {
        id: module.id,
        estimatedMinutes: module.estimated_minutes,
        courseId: module.course_id,
      });
    }
    return row;
  }

  /** Submits the user's attempts (at one quiz) that are past their deadline, with what was saved. */
  private async closeOverdue(userId: string, moduleId: string): Promise<void> {
    const overdue = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM quiz_attempt
        WHERE user_id = $1 AND module_id = $2 AND submitted_at IS NULL AND deadline IS NOT NULL
          AND deadline < clock_timestamp() - interval '5 seconds'`,
      [userId, moduleId],
    );
    for (const { id } of overdue) await this.closeIfOverdue(userId, id);
  }

  private async closeIfOverdue(userId: string, attemptId: string): Promise<AttemptRow> {
    const [attempt] = await this.dataSource.query<AttemptRow[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempt WHERE id = $1 AND user_id = $2`,
      [attemptId, userId],
    );
    if (!attempt) throw notFound();
    if (attempt.submitted_at || withinTime(attempt.deadline, attempt.db_now)) return attempt;
    return this.dataSource.transaction(async (tx) => {
      const locked = await this.lock(tx, userId, attemptId);
      return locked.submitted_at ? locked : this.finish(tx, locked, {}, true);
    });
  }

  private async lock(tx: EntityManager, userId: string, attemptId: string): Promise<AttemptRow> {
    const [attempt] = await tx.query<AttemptRow[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempt WHERE id = $1 AND user_id = $2 FOR UPDATE`,
      [attemptId, userId],
    );
    if (!attempt) throw notFound();
    return attempt;
  }

  private checkAnswers(questions: StoredQuestion[], answers: Record<string, QuestionAnswer>): void {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const problems = Object.entries(answers).flatMap(([id, answer]) => {
      const question = byId.get(id);
      const problem = question ? answerProblem(question, answer) : 'not a question of this attempt';
      return problem ? [{ field: `answers.${id}`, problems: [problem] }] : [];
    });
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
  }

  /** The questions of a new attempt, copied from the bank with their keys, in the order the trainee sees them. */
  private async draw(tx: EntityManager, courseId: string, quiz: QuizSettings): Promise<StoredQuestion[]> {
    const bank = await tx.query<BankQuestion[]>(
      `SELECT id, kind, stem, options, key, explanation, points::float8 AS points, tags, difficulty
         FROM question WHERE course_id = $1 AND retired_at IS NULL`,
      [courseId],
    );
    const byId = new Map(bank.map((q) => [q.id, q]));
    let ids: string[];
    if (quiz.selection === 'fixed') {
      ids = quiz.questionIds.filter((id) => byId.has(id));
      if (ids.length === 0) throw new DomainError('QUIZ_UNAVAILABLE', 'This quiz has no questions yet.');
    } else {
      try {
        ids = drawQuestions(bank, quiz.rules, random);
      } catch {
        throw new DomainError('QUIZ_UNAVAILABLE', 'The question bank is short of questions for this quiz.');
      }
    }
    if (quiz.shuffleQuestions) ids = shuffled(ids, random);
    return ids.map((id) => {
      const q = byId.get(id) as BankQuestion;
      return {
        id: q.id,
        kind: q.kind,
        stem: q.stem,
        options: quiz.shuffleOptions ? shuffled(q.options, random) : q.options,
        key: q.key,
        explanation: q.explanation,
        points: q.points,
        blankCount: q.kind === 'fill_blank' && q.key.kind === 'fill_blank' ? q.key.blanks.length : 0,
      };
    });
  }

  private async quizModule(moduleId: string, manager: DataSource | EntityManager = this.dataSource) {
    const [module] = await manager.query<QuizModule[]>(
      `SELECT id, title, course_id, estimated_minutes, quiz FROM module WHERE id = $1 AND kind = 'quiz'`,
      [moduleId],
    );
    if (!module) throw new DomainError('QUIZ_NOT_FOUND', 'This module is not a quiz.');
    return module;
  }

  private attempts(userId: string, moduleId: string): Promise<AttemptRow[]> {
    return this.dataSource.query<AttemptRow[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempt WHERE user_id = $1 AND module_id = $2 ORDER BY number`,
      [userId, moduleId],
    );
  }

  /** The attempt as its trainee sees it; keys and explanations once their attempts at the quiz are over. */
  private async toDto(row: AttemptRow): Promise<AttemptDto> {
    let revealed = false;
    if (row.submitted_at) {
      const module = await this.quizModule(row.module_id);
      const attempts = (await this.attempts(row.user_id, row.module_id)).map(toSummary);
      const counted = countedAttempt(attempts, module.quiz.scoring);
      const used = module.quiz.maxAttempts !== null && attempts.length >= module.quiz.maxAttempts;
      revealed = (counted?.passed ?? false) || (used && attempts.every((a) => a.state === 'graded'));
    }
    return toAttemptDto(row, revealed);
  }
}

function toSummary(row: AttemptRow): AttemptSummaryDto & { passed: boolean | null } {
  const percent = row.percent === null ? null : Number(row.percent);
  return {
    id: row.id,
    number: row.number,
    state: attemptState(row),
    startedAt: row.started_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    score: row.score === null ? null : Number(row.score),
    maxScore: Number(row.max_score),
    percent,
    passed: percent === null ? null : row.passed,
  };
}
