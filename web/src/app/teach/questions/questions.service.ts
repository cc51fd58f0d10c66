import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  MAX_PAGE_LIMIT,
  type GradeAnswerRequest,
  type Page,
  type PendingAnswerDto,
  type QuestionBankSummary,
  type QuestionDto,
  type QuestionListQuery,
  type QuestionRequest,
} from '@lingyan/contracts';
import { EMPTY, Observable, expand, map, reduce } from 'rxjs';
import { silent } from '../../core/http/api-error';

const id = (value: string) => encodeURIComponent(value);

/** What grading a short answer answers: how many answers of the attempt still wait, and its result once none do. */
export interface GradeResult {
  remaining: number;
  percent: number | null;
  passed: boolean | null;
}

export interface PendingQuery {
  courseId?: string;
  page: number;
  limit: number;
}

/** The most questions `bank()` loads (a quiz lists at most 200). */
export const BANK_LOAD_LIMIT = 2000;

function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(name, String(value));
  }
  return result;
}

/**
 * Question banks (题库) and the grading queue (trainers and admins). Every call is `silent`: the
 * screens show errors themselves.
 */
@Injectable({ providedIn: 'root' })
export class QuestionsService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/curriculum';

  list(courseId: string, query: QuestionListQuery): Observable<Page<QuestionDto>> {
    return this.http.get<Page<QuestionDto>>(`${this.base}/courses/${id(courseId)}/questions`, {
      params: params(query),
      context: silent(),
    });
  }

  /** The whole bank (page by page), for pickers and draw rules. */
  bank(courseId: string): Observable<QuestionDto[]> {
    const page = (n: number) => this.list(courseId, { page: n, limit: MAX_PAGE_LIMIT });
    return page(1).pipe(
      expand((p) =>
        p.page * p.limit < Math.min(p.total, BANK_LOAD_LIMIT) && p.items.length > 0 ? page(p.page + 1) : EMPTY,
      ),
      reduce((all, p) => [...all, ...p.items], [] as QuestionDto[]),
      map((all) => all.slice(0, BANK_LOAD_LIMIT)),
    );
  }

  summary(courseId: string): Observable<QuestionBankSummary> {
    return this.http.get<QuestionBankSummary>(`${this.base}/courses/${id(courseId)}/questions/summary`, {
      context: silent(),
    });
  }

  create(courseId: string, request: QuestionRequest): Observable<QuestionDto> {
    return this.http.post<QuestionDto>(`${this.base}/courses/${id(courseId)}/questions`, request, {
      context: silent(),
    });
  }

  update(questionId: string, request: QuestionRequest): Observable<QuestionDto> {
    return this.http.put<QuestionDto>(`${this.base}/questions/${id(questionId)}`, request, { context: silent() });
  }

  remove(questionId: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/questions/${id(questionId)}`, { context: silent() });
  }

  /** Short answers waiting for a grade, oldest first. */
  pending(query: PendingQuery): Observable<Page<PendingAnswerDto>> {
    return this.http.get<Page<PendingAnswerDto>>('/api/evaluation/pending-answers', {
      params: params(query),
      context: silent(),
    });
  }

  grade(attemptId: string, questionId: string, request: GradeAnswerRequest): Observable<GradeResult> {
    return this.http.post<GradeResult>(
      `/api/evaluation/attempts/${id(attemptId)}/answers/${id(questionId)}/grade`,
      request,
      { context: silent() },
    );
  }
}
