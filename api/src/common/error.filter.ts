import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { ApiError, ErrorCode } from '@lingyan/contracts';
import { DomainError, errorStatus } from './domain-error';

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  if (!e) return false;
  const code = e.driverError?.code ?? e.code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  const message = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection.*(closed|ended)/i.test(
    message,
  );
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'TOO_MANY_ATTEMPTS';
  if (status === 503) return 'DATABASE_UNAVAILABLE';
  if (status >= 400 && status < 500) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

/** Every error leaves the API as one JSON shape: `{ statusCode, error, message, details? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.error !== 'DATABASE_UNAVAILABLE') {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (body.statusCode === 429 && exception instanceof DomainError && exception.details?.[0]?.field === 'retryAfter') {
      void reply.header('Retry-After', exception.details[0].problems[0]);
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiError {
    if (exception instanceof DomainError) {
      const body: ApiError = {
        statusCode: errorStatus(exception.code),
        error: exception.code,
        message: exception.message,
      };
      if (exception.details && exception.code === 'VALIDATION_FAILED') body.details = exception.details;
      return body;
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, error: 'TOO_MANY_ATTEMPTS', message: 'Too many requests; try again shortly.' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const raw =
        typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return { statusCode: status, error: codeForStatus(status), message: status === 404 ? 'Not found.' : message };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        error: 'DATABASE_UNAVAILABLE',
        message: 'The database is unavailable; try again shortly.',
      };
    }
    // Fastify's own errors (bad JSON, wrong content type, body too large) carry a 4xx statusCode.
    const status = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = (exception as Error).message || 'Bad request.';
      return { statusCode: status, error: codeForStatus(status), message };
    }
    return { statusCode: 500, error: 'INTERNAL', message: 'Something went wrong on our side.' };
  }
}
