import type { ApiErrorDetail, ErrorCode } from '@lingyan/contracts';

/** An error a service throws on purpose; the code decides the HTTP status (see `errorStatus`). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A problem with one field, as services find them: one message, or several. */
export type FieldProblem = { field: string; problem: string } | ApiErrorDetail;

/**
 * A 400 naming every problem by its field: the message lists them all, `details` carries them for a
 * form to place next to its fields. Nothing was changed.
 */
export function validationFailed(problems: readonly FieldProblem[]): DomainError {
  const details = problems.map((p) => ('problem' in p ? { field: p.field, problems: [p.problem] } : p));
  return new DomainError(
    'VALIDATION_FAILED',
    details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '),
    details,
  );
}

/** The one place where error codes become HTTP statuses. */
export function errorStatus(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'ACCOUNT_INACTIVE':
    case 'INVALID_REFRESH_TOKEN':
      return 401;
    case 'FORBIDDEN':
    case 'OUT_OF_SCOPE':
      return 403;
    case 'NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'REGION_NOT_FOUND':
    case 'COURSE_NOT_FOUND':
    case 'MODULE_NOT_FOUND':
    case 'PROGRAM_NOT_FOUND':
    case 'MEDIA_NOT_FOUND':
    case 'COHORT_NOT_FOUND':
    case 'ENROLMENT_NOT_FOUND':
    case 'JOB_NOT_FOUND':
    case 'NOTIFICATION_NOT_FOUND':
    case 'QUESTION_NOT_FOUND':
    case 'QUIZ_NOT_FOUND':
    case 'ATTEMPT_NOT_FOUND':
    case 'CERTIFICATE_NOT_FOUND':
    case 'ASSIGNMENT_NOT_FOUND':
    case 'SUBMISSION_NOT_FOUND':
    case 'MENTOR_NOT_FOUND':
    case 'MENTORSHIP_NOT_FOUND':
      return 404;
    case 'MEDIA_LINK_INVALID':
      return 403;
    case 'UPLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'MODULE_LOCKED':
      return 403;
    case 'EVENT_ID_CONFLICT':
    case 'COURSE_NOT_EDITABLE':
    case 'COURSE_EMPTY':
    case 'MODULE_INCOMPLETE':
    case 'PROGRAM_NOT_EDITABLE':
    case 'PROGRAM_NOT_READY':
    case 'ENROLMENT_CLOSED':
    case 'JOB_STATE_CONFLICT':
    case 'QUIZ_UNAVAILABLE':
    case 'ATTEMPTS_EXHAUSTED':
    case 'ATTEMPT_CLOSED':
    case 'TIME_UP':
    case 'ANSWER_NOT_PENDING':
    case 'CERTIFICATE_NOT_ELIGIBLE':
    case 'CERTIFICATE_REVOKED':
    case 'RATING_NOT_ALLOWED':
    case 'SUBMISSION_LOCKED':
    case 'SUBMISSION_NOT_PENDING':
    case 'MENTOR_FULL':
    case 'ALREADY_PAIRED':
    case 'MENTORSHIP_STATE_CONFLICT':
    case 'POST_HAS_NO_COURSE':
      return 409;
    case 'IMPLAUSIBLE_PROGRESS':
    case 'IMPORT_FILE_INVALID':
      return 422;
    case 'USERNAME_TAKEN':
    case 'CANNOT_CHANGE_OWN_ACCOUNT':
      return 409;
    case 'TOO_MANY_ATTEMPTS':
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'DATABASE_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`no status for error code ${String(unhandled)}`);
    }
  }
}
