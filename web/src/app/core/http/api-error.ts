import { HttpContext, HttpContextToken, HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, type ApiError, type ApiErrorDetail, type ErrorCode } from '@lingyan/contracts';
import type { ClientErrorCode } from '../i18n/translation-key';

/** Set on a request whose errors the caller shows itself (inline), so no toast is raised. */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

/** Set on the retry after a refresh so that a second 401 does not refresh again. */
export const AUTH_RETRIED = new HttpContextToken<boolean>(() => false);

export function silent(context = new HttpContext()): HttpContext {
  return context.set(SILENT_ERRORS, true);
}

/** An error as the app sees it: the API's own shape, or a client-side code for network failures. */
export interface AppError {
  statusCode: number;
  error: ErrorCode | ClientErrorCode;
  message: string;
  details?: ApiErrorDetail[];
}

function isApiError(body: unknown): body is ApiError {
  const candidate = body as Partial<ApiError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.statusCode === 'number' &&
    typeof candidate.error === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.error)
  );
}

/** Normalises anything thrown by HttpClient into an `AppError`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof HttpErrorResponse) {
    if (isApiError(error.error)) return error.error;
    if (error.status === 0) return { statusCode: 0, error: 'NETWORK', message: error.message };
    if (error.status >= 500) return { statusCode: error.status, error: 'INTERNAL', message: error.message };
    return { statusCode: error.status, error: 'UNKNOWN', message: error.message };
  }
  return { statusCode: 0, error: 'UNKNOWN', message: String(error) };
}
