import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MyCourseRatingDto, RatingRefusal } from '@lingyan/contracts';
import { ratingProblems } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { editsCourse } from '../curriculum/course-editors';
import { DomainError, validationFailed } from '../common/domain-error';
import { loadCourseViews } from '../learning/curriculum-view';
import type { RateCourseDto } from './ratings.dto';

interface RatingRow {
  usefulness: number;
  clarity: number;
  comment: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * A trainee's rating of a course (评训): usefulness for village work and clarity, 1–5 each, and an
 * optional comment. Only a course the trainee completed can be rated (its status as the learning
 * pages show it, from `loadCourseViews`), and never by its own trainers. Rating again replaces the
 * rating (one per course and trainee). The rating keeps the course's owner and the trainee's current
 * cohort of a program containing the course, for the reports; who rated is never reported.
 */
@Injectable()
export class RatingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async mine(user: AuthUser, courseId: string): Promise<MyCourseRatingDto> {
    const refusal = await this.refusal(user, courseId);
    const [row] = await this.dataSource.query<RatingRow[]>(
      `SELECT usefulness, clarity, comment, created_at, updated_at FROM course_rating
        WHERE course_id = $1 AND user_id = $2`,
      [courseId, user.id],
    );
    return {
      courseId,
      mayRate: refusal === null,
      refusal,
      rating: row
        ? {
            usefulness: row.usefulness,
            clarity: row.clarity,
            comment: row.comment,
            createdAt: row.created_at.toISOString(),
            updatedAt: row.updated_at.toISOString(),
          }
        : null,
    };
  }

  async rate(user: AuthUser, courseId: string, dto: RateCourseDto): Promise<MyCourseRatingDto> {
    const problems = ratingProblems(dto);
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    const refusal = await this.refusal(user, courseId);
    if (refusal === 'not_complete') {
      throw new DomainError('RATING_NOT_ALLOWED', 'Complete the course before rating it.');
    }
    if (refusal === 'own_course') {
      throw new DomainError('RATING_NOT_ALLOWED', 'A trainer does not rate a course of their own.');
    }
    await this.dataSource.query(
      `INSERT INTO course_rating (course_id, user_id, trainer_id, cohort_id, usefulness, clarity, comment)
       SELECT c.id, $2, c.owner_id,
              (SELECT e.cohort_id FROM enrolment e
                 JOIN cohort co ON co.id = e.cohort_id
                 JOIN program_course pc ON pc.program_id = co.program_id AND pc.course_id = c.id
                WHERE e.user_id = $2 AND e.withdrawn_at IS NULL
                ORDER BY e.enrolled_at DESC, e.cohort_id LIMIT 1),
              $3, $4, $5
         FROM course c WHERE c.id = $1
       ON CONFLICT ON CONSTRAINT uq_course_rating DO UPDATE
         SET usefulness = EXCLUDED.usefulness, clarity = EXCLUDED.clarity, comment = EXCLUDED.comment,
             trainer_id = EXCLUDED.trainer_id, cohort_id = EXCLUDED.cohort_id, updated_at = now()`,
      [courseId, user.id, dto.usefulness, dto.clarity, (dto.comment ?? '').trim()],
    );
    return this.mine(user, courseId);
  }

  /** Why the user may not rate the course now, or null; a course that is not published is a 404. */
  private async refusal(user: AuthUser, courseId: string): Promise<RatingRefusal | null> {
    const view = (await loadCourseViews(this.dataSource, user.id, [courseId])).get(courseId);
    if (!view) throw new DomainError('COURSE_NOT_FOUND', 'No published course has this id.');
    const [own] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM course c WHERE c.id = $1 AND ${editsCourse('c', '$2')}`,
      [courseId, user.id],
    );
    if (own) return 'own_course';
    return view.status === 'complete' ? null : 'not_complete';
  }
}
