import {
  HttpBackend,
  HttpClient,
  HttpEvent,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { EnvironmentInjector, Injectable, InjectionToken, createEnvironmentInjector, inject } from '@angular/core';
import type { MediaDto, UploadLimitsDto } from '@lingyan/contracts';
import { Observable, catchError, shareReplay, throwError } from 'rxjs';
import { silent } from '../core/http/api-error';
import { authInterceptor } from '../core/http/auth.interceptor';

/**
 * The HttpClient that uploads: on XMLHttpRequest, because the app's client runs on fetch, which
 * reports no upload progress. It has the app's auth interceptor (token, refresh on 401).
 */
export const UPLOAD_HTTP = new InjectionToken<HttpClient>('UPLOAD_HTTP', {
  providedIn: 'root',
  factory: () =>
    createEnvironmentInjector(
      [
        provideHttpClient(withInterceptors([authInterceptor])),
        // provideHttpClient would pick up the root's fetch backend (withFetch) again
        { provide: HttpBackend, useExisting: HttpXhrBackend },
      ],
      inject(EnvironmentInjector),
      'uploads',
    ).get(HttpClient),
});

/** Uploads (trainers and admins): the server's limits and the upload itself, with progress events. */
@Injectable({ providedIn: 'root' })
export class MediaService {
  private readonly http = inject(HttpClient);
  private readonly uploadHttp = inject(UPLOAD_HTTP);
  private limits$: Observable<UploadLimitsDto> | null = null;

  /** `GET /api/media/limits`, asked once per page load (again after a failure). */
  limits(): Observable<UploadLimitsDto> {
    if (this.limits$) return this.limits$;
    const limits$ = this.http.get<UploadLimitsDto>('/api/media/limits', { context: silent() }).pipe(
      catchError((error: unknown) => {
        this.limits$ = null;
        return throwError(() => error);
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    this.limits$ = limits$;
    return limits$;
  }

  /**
   * `POST /api/media` with the file as the multipart field `file`. Emits HttpClient's events
   * (upload progress, then the response with the `MediaDto`); unsubscribing aborts the upload.
   */
  upload(file: File): Observable<HttpEvent<MediaDto>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.uploadHttp.post<MediaDto>('/api/media', body, {
      context: silent(),
      reportProgress: true,
      observe: 'events',
    });
  }
}
