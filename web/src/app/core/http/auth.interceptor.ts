import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { AUTH_RETRIED, SILENT_ERRORS, toAppError } from './api-error';
import { ErrorNotifier } from './error-notifier';

const NO_TOKEN_PATHS = ['/api/auth/login', '/api/auth/refresh', '/api/health'];
const NO_REFRESH_PATHS = [...NO_TOKEN_PATHS, '/api/auth/logout'];

function isApiCall(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}

function needsNoToken(url: string): boolean {
  return NO_TOKEN_PATHS.some((path) => url.startsWith(path));
}

/** Calls whose 401 says nothing about the session (wrong password, dead refresh token, logout). */
function isSessionCall(url: string): boolean {
  return NO_REFRESH_PATHS.some((path) => url.startsWith(path));
}

/**
 * The one HTTP interceptor: attaches the access token, refreshes it once (single-flight) on a
 * 401 and retries, sends the user to the login page when the refresh fails, and shows every other
 * error as a translated toast unless the request is marked `silent()`.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiCall(request.url)) return next(request);
  const auth = inject(AuthService);
  const notifier = inject(ErrorNotifier);

  const withToken = (req: HttpRequest<unknown>, token: string | null) =>
    token && !needsNoToken(req.url) ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

  const report = (error: unknown) => {
    const appError = toAppError(error);
    const expiredSession = appError.statusCode === 401 && !isSessionCall(request.url);
    if (!request.context.get(SILENT_ERRORS) && !expiredSession) notifier.showError(appError);
    return throwError(() => error);
  };

  return next(withToken(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      const canRefresh =
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !isSessionCall(request.url) &&
        !request.context.get(AUTH_RETRIED) &&
        auth.hasRefreshToken();
      if (!canRefresh) {
        if (error instanceof HttpErrorResponse && error.status === 401 && !isSessionCall(request.url)) {
          auth.sessionExpired();
        }
        return report(error);
      }
      return auth.refresh().pipe(
        catchError(() => {
          auth.sessionExpired();
          return throwError(() => error);
        }),
        switchMap((token) => {
          request.context.set(AUTH_RETRIED, true);
          return next(withToken(request, token)).pipe(
            catchError((retryError: unknown) => {
              if (retryError instanceof HttpErrorResponse && retryError.status === 401) auth.sessionExpired();
              return report(retryError);
            }),
          );
        }),
      );
    }),
  );
};
