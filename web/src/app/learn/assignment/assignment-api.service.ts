import {
  HttpBackend,
  HttpClient,
  HttpEvent,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { EnvironmentInjector, Injectable, InjectionToken, createEnvironmentInjector, inject } from '@angular/core';
import type { AssignmentDto, SaveSubmissionRequest, SubmissionFileDto } from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';
import { authInterceptor } from '../../core/http/auth.interceptor';

/**
 * An HttpClient on XMLHttpRequest for the trainee's uploads: the app's client runs on fetch, which
 * reports no upload progress. It has the app's auth interceptor (token, refresh on 401).
 */
const ASSIGNMENT_UPLOAD_HTTP = new InjectionToken<HttpClient>('ASSIGNMENT_UPLOAD_HTTP', {
  providedIn: 'root',
  factory: () =>
    createEnvironmentInjector(
      [
        provideHttpClient(withInterceptors([authInterceptor])),
        // provideHttpClient would pick up the root's fetch backend (withFetch) again
        { provide: HttpBackend, useExisting: HttpXhrBackend },
      ],
      inject(EnvironmentInjector),
      'assignment-uploads',
    ).get(HttpClient),
});

const path = (moduleId: string) => `/api/learning/assignments/${encodeURIComponent(moduleId)}`;

/** The trainee's side of practical work. Errors are shown by the assignment page itself. */
@Injectable({ providedIn: 'root' })
export class AssignmentApi {
  private readonly http = inject(HttpClient);
  private readonly uploadHttp = inject(ASSIGNMENT_UPLOAD_HTTP);

  /** The task, the rubric, the due date and the trainee's work with its reviews. */
  view(moduleId: string): Observable<AssignmentDto> {
    return this.http.get<AssignmentDto>(path(moduleId), { context: silent() });
  }

  /** Saves the draft (or the returned work being revised); 409 once submitted or graded. */
  save(moduleId: string, request: SaveSubmissionRequest): Observable<AssignmentDto> {
    return this.http.put<AssignmentDto>(`${path(moduleId)}/submission`, request, { context: silent() });
  }

  /** Saves and submits; sending the same work again changes nothing. */
  submit(moduleId: string, request: SaveSubmissionRequest): Observable<AssignmentDto> {
    return this.http.post<AssignmentDto>(`${path(moduleId)}/submit`, request, { context: silent() });
  }

  /**
   * Uploads one PDF or image (multipart field `file`). Emits HttpClient's events (progress, then the
   * response with the file); unsubscribing aborts the upload.
   */
  upload(moduleId: string, file: File): Observable<HttpEvent<SubmissionFileDto>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.uploadHttp.post<SubmissionFileDto>(`${path(moduleId)}/files`, body, {
      context: silent(),
      reportProgress: true,
      observe: 'events',
    });
  }
}
