import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CourseRatingDetailDto,
  MyCourseRatingDto,
  Page,
  RateCourseRequest,
  RatingCommentDto,
  RatingSummaryDto,
  TrainerRatingsDto,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

/** What an administrator's summary looks at; `courseId` narrows the comments only. */
export interface RatingSummaryQuery {
  programId?: string | null;
  cohortId?: string | null;
  courseId?: string | null;
  page?: number;
  limit?: number;
}

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

const ratingPath = (courseId: string) => `/api/learning/courses/${encodeURIComponent(courseId)}/rating`;

/** Course ratings (评训). Every call is silent: the pages and the card show their own error states. */
@Injectable({ providedIn: 'root' })
export class RatingsApi {
  private readonly http = inject(HttpClient);

  /** The trainee's rating of a course (or null) and whether they may rate it now. */
  mine(courseId: string): Observable<MyCourseRatingDto> {
    return this.http.get<MyCourseRatingDto>(ratingPath(courseId), { context: silent() });
  }

  /** Rates the course; rating again replaces the rating. */
  rate(courseId: string, request: RateCourseRequest): Observable<MyCourseRatingDto> {
    return this.http.put<MyCourseRatingDto>(ratingPath(courseId), request, { context: silent() });
  }

  /** The trainer's courses against the norm. */
  trainerCourses(): Observable<TrainerRatingsDto> {
    return this.http.get<TrainerRatingsDto>('/api/ratings/courses', { context: silent() });
  }

  /** One of the trainer's courses: by cohort, and a page of its comments. */
  trainerCourse(courseId: string, page = 1, limit = 10): Observable<CourseRatingDetailDto> {
    return this.http.get<CourseRatingDetailDto>(`/api/ratings/courses/${encodeURIComponent(courseId)}`, {
      params: toParams({ page, limit }),
      context: silent(),
    });
  }

  /** The administrator's region: by course, trainer and cohort, with the first page of comments. */
  summary(query: RatingSummaryQuery): Observable<RatingSummaryDto> {
    const { courseId: _courseId, ...rest } = query;
    return this.http.get<RatingSummaryDto>('/api/ratings/summary', { params: toParams(rest), context: silent() });
  }

  /** A page of the administrator's comments, optionally of one course. */
  comments(query: RatingSummaryQuery): Observable<Page<RatingCommentDto>> {
    return this.http.get<Page<RatingCommentDto>>('/api/ratings/comments', {
      params: toParams(query),
      context: silent(),
    });
  }
}
