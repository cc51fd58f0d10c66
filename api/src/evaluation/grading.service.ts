import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page, PendingAnswerDto, QuizSettings } from '@lingyan/contracts';
import { manualOutcome, manualPointsProblem } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed } from '../common/domain-error';
import { AuthoringService } from '../curriculum/authoring.service';
import { editsCourse } from '../curriculum/course-editors';
import { ProgressService } from '../learning/progress.service';
import { ATTEMPT_COLUMNS, totals, type AttemptRow } from './attempt-record';
import type { GradeAnswerDto, PendingQueryDto } from './evaluation.dto';

/**
 * Short answers wait for a trainer of the course (its owner, a co-owner, or an administrator). When
 * the last one of an attempt is graded, the attempt has its percent and verdict, and a pass completes
 * the quiz.
 */
@Injectable()
export class GradingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authoring: AuthoringService,
    private readonly progress: ProgressService,
  ) {}

  async pending(actor: AuthUser, query: PendingQueryDto): Promise<Page<PendingAnswerDto>> {
    const owner = actor.roles.includes('admin') ? null : actor.id;
    const rows = await this.dataSource.query<
      Array<{
        attempt_id: string;
        question_id: string;
        course_id: string;
        course_title: string;
        module_title: string;
        trainee_name: string;
        question: { stem: string; key: { reference?: string }; points: number };
        answer: { text?: string } | null;
        submitted_at: Date;
        total: number;
      }>
    >(
      `SELECT a.id AS attempt_id, r->>'questionId' AS question_id, a.course_id, c.title AS course_title,
              m.title AS module_title, u.name AS trainee_name, a.submitted_at,
              (SELECT q FROM jsonb_array_elements(a.questions) q WHERE q->>'id' = r->>'questionId') AS question,
              a.answers -> (r->>'questionId') AS answer,
              count(*) OVER ()::int AS total
         FROM quiz_attempt a
         JOIN course c ON c.id = a.course_id
         JOIN module m ON m.id = a.module_id
         JOIN app_user u ON u.id = a.user_id
         CROSS JOIN jsonb_array_elements(a.results) r
        WHERE a.submitted_at IS NOT NULL AND a.graded_at IS NULL AND r->>'outcome' = 'pending'
          AND ($1::uuid IS NULL OR a.course_id = $1)
          AND ${editsCourse('c', '$2', true)}
        ORDER BY a.submitted_at, a.id, r->>'questionId'
        LIMIT $3 OFFSET $4`,
      [query.courseId ?? null, owner, query.limit, (query.page - 1) * query.limit],
    );
    return {
      items: rows.map((r) => ({
        attemptId: r.attempt_id,
        questionId: r.question_id,
        courseId: r.course_id,
        courseTitle: r.course_title,
        moduleTitle: r.module_title,
        traineeName: r.trainee_name,
        stem: r.question.stem,
        reference: r.question.key.reference ?? '',
        text: r.answer?.text ?? '',
        maxPoints: r.question.points,
        submittedAt: r.submitted_at.toISOString(),
      })),
      total: rows[0]?.total ?? 0,
      page: query.page,
      limit: query.limit,
    };
  }

  /** Gives a short answer its points; answers how many answers of the attempt still wait. */
  async grade(
    actor: AuthUser,
    attemptId: string,
    questionId: string,
    dto: GradeAnswerDto,
  ): Promise<{ remaining: number; percent: number | null; passed: boolean | null }> {
    return this.dataSource.transaction(async (tx) => {
      const [attempt] = await tx.query<AttemptRow[]>(
        `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempt WHERE id = $1 FOR UPDATE`,
        [attemptId],
      );
      if (!attempt) throw new DomainError('ATTEMPT_NOT_FOUND', 'No attempt has this id.');
      try {
        await this.authoring.editableBankCourse(actor, attempt.course_id);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') {
          throw new DomainError('ATTEMPT_NOT_FOUND', 'No attempt of your courses has this id.');
        }
        throw error;
      }
      const question = attempt.questions.find((q) => q.id === questionId);
      const results = attempt.results ?? [];
      const result = results.find((r) => r.questionId === questionId);
      if (!question || !result || result.outcome !== 'pending' || !attempt.submitted_at) {
        throw new DomainError('ANSWER_NOT_PENDING', 'This answer is not waiting for a grade.');
      }
      const problem = manualPointsProblem(dto.points, question.points);
      if (problem) throw validationFailed([{ field: 'points', problem }]);
      result.points = dto.points;
      result.outcome = manualOutcome(dto.points, question.points);
      result.comment = dto.comment?.trim() || null;
      result.gradedBy = actor.id;
      const [module] = await tx.query<Array<{ estimated_minutes: number; quiz: QuizSettings }>>(
        `SELECT estimated_minutes, quiz FROM module WHERE id = $1`,
        [attempt.module_id],
      );
      const graded = totals(attempt.questions, results, module.quiz.passPercent);
      await tx.query(
        `UPDATE quiz_attempt SET results = $2, score = $3, percent = $4, passed = $5,
                graded_at = CASE WHEN $4::numeric IS NULL THEN NULL ELSE clock_timestamp() END
          WHERE id = $1`,
        [attemptId, JSON.stringify(results), graded.score, graded.percent, graded.passed],
      );
      if (graded.passed) {
        await this.progress.completeByPass(tx, attempt.user_id, {
          id: attempt.module_id,
          estimatedMinutes: module.estimated_minutes,
          courseId: attempt.course_id,
        });
      }
      return {
        remaining: results.filter((r) => r.points === null).length,
        percent: graded.percent,
        passed: graded.passed,
      };
    });
  }
}
