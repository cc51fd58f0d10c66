import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CatalogCourseDto,
  CourseCategory,
  CourseDto,
  CreditLedgerDto,
  ModuleDto,
  MyElectiveDto,
  MyProgramDto,
  Page,
  ProgressEventRequest,
  ProgressEventResponse,
} from '@lingyan/contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { silent } from '../core/http/api-error';

export interface CatalogQuery {
  q?: string;
  category?: CourseCategory | null;
  page?: number;
  limit?: number;
}

/** A failed progress report: `retry` says whether sending it again (same event id) can help. */
export class ProgressSendError extends Error {
  constructor(
    readonly status: number,
    readonly retry: boolean,
  ) {
    super(`progress report failed (${status})`);
  }
}

/** 0 (offline), 401 (token expired; sent again after a refresh or the next sign-in), 408, 429 and 5xx are worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

/** The trainee's side of the learning API. Errors are shown by the pages themselves (inline states). */
@Injectable({ providedIn: 'root' })
export class LearnApi {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  programs(): Observable<MyProgramDto[]> {
    return this.http.get<MyProgramDto[]>('/api/learning/programs', { context: silent() });
  }

  course(id: string): Observable<CourseDto> {
    return this.http.get<CourseDto>(`/api/learning/courses/${encodeURIComponent(id)}`, { context: silent() });
  }

  module(id: string): Observable<ModuleDto> {
    return this.http.get<ModuleDto>(`/api/learning/modules/${encodeURIComponent(id)}`, { context: silent() });
  }

  /** Published open electives (`joined` tells which the trainee has already joined). */
  catalog(query: CatalogQuery): Observable<Page<CatalogCourseDto>> {
    let params = new HttpParams();
    if (query.q) params = params.set('q', query.q);
    if (query.category) params = params.set('category', query.category);
    if (query.page) params = params.set('page', query.page);
    if (query.limit) params = params.set('limit', query.limit);
    return this.http.get<Page<CatalogCourseDto>>('/api/learning/catalog', { params, context: silent() });
  }

  /** Joins an open elective (idempotent). */
  join(courseId: string): Observable<CourseDto> {
    return this.http.post<CourseDto>(`/api/learning/courses/${encodeURIComponent(courseId)}/join`, null, {
      context: silent(),
    });
  }

  leave(courseId: string): Observable<void> {
    return this.http.delete<void>(`/api/learning/courses/${encodeURIComponent(courseId)}/join`, { context: silent() });
  }

  /** The courses the trainee joined from the catalog, with progress. */
  electives(): Observable<MyElectiveDto[]> {
    return this.http.get<MyElectiveDto[]>('/api/learning/electives', { context: silent() });
  }

  credits(): Observable<CreditLedgerDto> {
    return this.http.get<CreditLedgerDto>('/api/learning/credits', { context: silent() });
  }

  /**
   * Sends one progress report. `keepalive` is for a page that is going away (hidden, pagehide):
   * a plain `fetch` that the browser finishes even after the page is gone. Otherwise HttpClient,
   * whose interceptor refreshes an expired token.
   */
  async sendProgress(event: ProgressEventRequest, keepalive: boolean): Promise<ProgressEventResponse> {
    const token = this.auth.accessToken();
    if (!token) throw new ProgressSendError(401, true);
    if (keepalive && typeof fetch === 'function') {
      let response: Response;
      try {
        response = await fetch('/api/progress', {
          method: 'POST',
          keepalive: true,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(event),
        });
      } catch {
        throw new ProgressSendError(0, true);
      }
      if (!response.ok) throw new ProgressSendError(response.status, isRetryableStatus(response.status));
      return (await response.json()) as ProgressEventResponse;
    }
    try {
      return await firstValueFrom(this.http.post<ProgressEventResponse>('/api/progress', event, { context: silent() }));
    } catch (error) {
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      throw new ProgressSendError(status, isRetryableStatus(status));
    }
  }
}
