import type { ErrorCode } from './errors';

/** The one shape of every error the API answers with (4xx and 5xx). */
export interface ApiError {
  statusCode: number;
  /** A stable machine-readable code, e.g. `VALIDATION_FAILED`, `USER_NOT_FOUND`. */
  error: ErrorCode;
  /** A human-readable sentence in English. */
  message: string;
  /** Per-field problems for validation errors. */
  details?: ApiErrorDetail[];
}

export interface ApiErrorDetail {
  field: string;
  problems: string[];
}

/** Paged list response. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 20;

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}
