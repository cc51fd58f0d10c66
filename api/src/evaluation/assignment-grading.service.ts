import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page, SubmissionQueueItemDto, SubmissionReviewViewDto, SubmissionStatus } from '@lingyan/contracts';
import { passes, rubricMaxPoints, rubricScore, rubricSelectionProblems } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed, type FieldProblem } from '../common/domain-error';
import { editsCourse } from '../curriculum/course-editors';
import { ProgressService } from '../learning/progress.service';
import { MediaService } from '../media/media.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { ReviewSubmissionDto, SubmissionQueueQueryDto } from './evaluation.dto';
import {
  loadAssignmentModule,
  SUBMISSION_COLUMNS,
  toSubmissionDto,
  type StoredReview,
  type SubmissionRow,
} from './submission-record';

const notFound = () => new DomainError('SUBMISSION_NOT_FOUND', 'No submission of your courses has this id.');

/** Courses the actor grades: those they own or co-own; an administrator grades all. */
const GRADES_COURSE = editsCourse('c', '$1', true);

/**
 * The trainers' side of practical work: a queue across the courses they teach, filtered by course,
 * cohort and status; a review with the rubric that grades the work or returns it for revision. A
 * passing grade completes the module with its credit hours. The trainee is told either way.
 */
@Injectable()
export class AssignmentGradingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
    private readonly media: MediaService,
    private readonly notifications: NotificationsService,
  ) {}

  async queue(actor: AuthUser, query: SubmissionQueueQueryDto): Promise<Page<SubmissionQueueItemDto>> {
    const status: SubmissionStatus = query.status ?? 'submitted';
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        course_id: string;
        course_title: string;
        module_id: string;
        module_title: string;
        trainee_name: string;
        region_name: string | null;
        status: SubmissionStatus;
        version: number;
        submitted_at: Date | null;
        late: boolean;
        percent: string | null;
        total: number;
      }>
    >(
      `SELECT s.id, s.course_id, c.title AS course_title, s.module_id, m.title AS module_title,
              u.name AS trainee_name, r.name AS region_name, s.status, s.version, s.submitted_at, s.late,
              s.percent, count(*) OVER ()::int AS total
         FROM assignment_submission s
         JOIN course c ON c.id = s.course_id
         JOIN module m ON m.id = s.module_id
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN region r ON r.code = u.region_code
        WHERE ${GRADES_COURSE}
          AND s.status = $2
          AND ($3::uuid IS NULL OR s.course_id = $3)
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM enrolment e WHERE e.cohort_id = $4 AND e.user_id = s.user_id
                                                                       AND e.withdrawn_at IS NULL))
        ORDER BY s.submitted_at NULLS LAST, s.id
        LIMIT $5 OFFSET $6`,
      [
        this.owner(actor),
        status,
        query.courseId ?? null,
        query.cohortId ?? null,
        query.limit,
        (query.page - 1) * query.limit,
      ],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        courseId: r.course_id,
        courseTitle: r.course_title,
        moduleId: r.module_id,
        moduleTitle: r.module_title,
        traineeName: r.trainee_name,
        regionName: r.region_name,
        status: r.status,
        version: r.version,
        submittedAt: r.submitted_at?.toISOString() ?? null,
        late: r.late,
        percent: r.percent === null ? null : Number(r.percent),
      })),
      total: rows[0]?.total ?? 0,
      page: query.page,
      limit: query.limit,
    };
  }

  async get(actor: AuthUser, submissionId: string): Promise<SubmissionReviewViewDto> {
    const [row] = await this.dataSource.query<Array<SubmissionRow & { trainee_name: string }>>(
      `SELECT ${SUBMISSION_COLUMNS.replace(/(\w+)/g, 's.$1')}, u.name AS trainee_name
         FROM assignment_submission s JOIN course c ON c.id = s.course_id JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $2 AND ${GRADES_COURSE} AND s.status <> 'draft'`,
      [this.owner(actor), submissionId],
    );
    if (!row) throw notFound();
    const module = await loadAssignmentModule(this.dataSource, row.module_id);
    const files = await this.media.findMany(row.media_ids);
    return {
      ...toSubmissionDto(row, files, this.media, actor.id),
      courseId: row.course_id,
      courseTitle: module.course_title,
      moduleId: row.module_id,
      moduleTitle: module.title,
      body: module.body ?? '',
      traineeName: row.trainee_name,
      settings: module.assignment,
      maxPoints: rubricMaxPoints(module.assignment.rubric),
    };
  }

  /** Grades a submitted piece with the rubric, or returns it for revision with a comment. */
  async review(actor: AuthUser, submissionId: string, dto: ReviewSubmissionDto): Promise<SubmissionReviewViewDto> {
    await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<SubmissionRow[]>(
        `SELECT ${SUBMISSION_COLUMNS.replace(/(\w+)/g, 's.$1')}
           FROM assignment_submission s JOIN course c ON c.id = s.course_id
          WHERE s.id = $2 AND ${GRADES_COURSE} AND s.status <> 'draft'
          FOR UPDATE OF s`,
        [this.owner(actor), submissionId],
      );
      if (!row) throw notFound();
      if (row.status !== 'submitted') {
        throw new DomainError('SUBMISSION_NOT_PENDING', `This work is ${row.status}, not waiting for a review.`);
      }
      const module = await loadAssignmentModule(tx, row.module_id);
      const rubric = module.assignment.rubric;
      const problems: FieldProblem[] = rubricSelectionProblems(rubric, dto.selection);
      const comment = (dto.comment ?? '').trim();
      if (dto.outcome === 'returned' && comment === '') {
        problems.push({ field: 'comment', problems: ['say what to revise'] });
      }
      if (problems.length > 0) {
        throw validationFailed(problems);
      }
      const score = rubricScore(rubric, dto.selection);
      const passed = passes(score.percent, module.assignment.passPercent);
      const review: StoredReview = {
        outcome: dto.outcome,
        selection: dto.selection,
        points: score.points,
        maxPoints: score.maxPoints,
        percent: score.percent,
        passed,
        comment,
        graderId: actor.id,
        graderName: actor.name,
        reviewedAt: new Date().toISOString(),
      };
      const graded = dto.outcome === 'graded';
      await tx.query(
        `UPDATE assignment_submission
            SET status = $2, reviews = reviews || $3::jsonb, percent = $4, passed = $5, updated_at = now()
          WHERE id = $1`,
        [submissionId, dto.outcome, JSON.stringify([review]), graded ? score.percent : null, graded ? passed : null],
      );
      if (graded && passed) {
        await this.progress.completeByPass(
          tx,
          row.user_id,
          { id: module.id, estimatedMinutes: module.estimated_minutes, courseId: module.course_id },
          false,
        );
      }
      await this.notifications.send(tx, [row.user_id], {
        kind: 'assessment',
        title: graded ? `作业已评分：${module.title}` : `作业退回修改：${module.title}`,
        body: graded
          ? `得分 ${score.points}/${score.maxPoints}（${score.percent}%），${passed ? '合格' : '未达合格线'}。${comment}`
          : comment,
        link: `/learn/assignments/${module.id}`,
      });
    });
    return this.get(actor, submissionId);
  }

  private owner(actor: AuthUser): string | null {
    return actor.roles.includes('admin') ? null : actor.id;
  }
}
