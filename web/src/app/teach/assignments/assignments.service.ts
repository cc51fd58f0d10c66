import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CohortSummaryDto,
  Page,
  ReviewSubmissionRequest,
  SubmissionQueueItemDto,
  SubmissionReviewViewDto,
  SubmissionStatus,
} from '@lingyan/contracts';
import { MAX_PAGE_LIMIT } from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

/** The statuses a grader's queue can show (drafts never leave the trainee). */
export type QueueStatus = Exclude<SubmissionStatus, 'draft'>;
export const QUEUE_STATUSES: readonly QueueStatus[] = ['submitted', 'returned', 'graded'];

export interface SubmissionQuery {
  courseId?: string | null;
  cohortId?: string | null;
  status: QueueStatus;
  page: number;
  limit: number;
}

const id = (value: string) => encodeURIComponent(value);

/**
 * Practical work for graders (trainers of the course, administrators): the queue, one submission
 * with its rubric, and the review. Every call is `silent`: the screens show errors themselves.
 */
@Injectable({ providedIn: 'root' })
export class AssignmentsService {
  private readonly http = inject(HttpClient);

  /** Submissions of the grader's courses with the status, oldest first. */
  queue(query: SubmissionQuery): Observable<Page<SubmissionQueueItemDto>> {
    let params = new HttpParams().set('status', query.status).set('page', query.page).set('limit', query.limit);
    if (query.courseId) params = params.set('courseId', query.courseId);
    if (query.cohortId) params = params.set('cohortId', query.cohortId);
    return this.http.get<Page<SubmissionQueueItemDto>>('/api/evaluation/submissions', { params, context: silent() });
  }

  submission(submissionId: string): Observable<SubmissionReviewViewDto> {
    return this.http.get<SubmissionReviewViewDto>(`/api/evaluation/submissions/${id(submissionId)}`, {
      context: silent(),
    });
  }

  /** Grades the work with the rubric, or returns it for revision (a comment is required then). */
  review(submissionId: string, request: ReviewSubmissionRequest): Observable<SubmissionReviewViewDto> {
    return this.http.post<SubmissionReviewViewDto>(`/api/evaluation/submissions/${id(submissionId)}/review`, request, {
      context: silent(),
    });
  }

  /** Cohorts an administrator sees (the cohort filter; trainers have no list of cohorts). */
  cohorts(): Observable<Page<CohortSummaryDto>> {
    return this.http.get<Page<CohortSummaryDto>>('/api/cohorts', {
      params: new HttpParams().set('limit', MAX_PAGE_LIMIT),
      context: silent(),
    });
  }
}
