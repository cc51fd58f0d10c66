/**
 * Stable codes carried in `ApiError.error`. The web app translates them; the API maps each to
 * one HTTP status in one place.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_INACTIVE',
  'INVALID_REFRESH_TOKEN',
  'TOO_MANY_ATTEMPTS',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'NOT_FOUND',
  'USER_NOT_FOUND',
  'REGION_NOT_FOUND',
  'USERNAME_TAKEN',
  'COURSE_NOT_FOUND',
  'MODULE_NOT_FOUND',
  'MODULE_LOCKED',
  'EVENT_ID_CONFLICT',
  'IMPLAUSIBLE_PROGRESS',
  'COURSE_NOT_EDITABLE',
  'COURSE_EMPTY',
  'CANNOT_CHANGE_OWN_ACCOUNT',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
