import { applyDecorators, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { ApiErrorDetail } from '@lingyan/contracts';
import { DomainError } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: ApiErrorDetail[] = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisting validation: unknown fields are rejected, every problem is named per field. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
      return new DomainError('VALIDATION_FAILED', message || 'The request is not valid.', details);
    },
  });
}

/** `@Transform(trim)`: surrounding white space is not part of a name or title. */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * `@ValidateIf(present)` on an optional field of a PATCH body: absent is fine, but `null` is
 * validated (and refused), so it cannot clear a required column.
 */
export const present = (_: object, value: unknown): boolean => value !== undefined;

/**
 * A text field: trimmed, text, at most `max` characters, and with `required` not empty; every
 * problem names the field.
 */
export function Text(
  max: number,
  { required = false, description }: { required?: boolean; description?: string } = {},
): PropertyDecorator {
  return (target, key) => {
    const field = String(key);
    applyDecorators(
      ApiProperty({ maxLength: max, required, ...(description ? { description } : {}) }),
      Transform(trim),
      IsString({ message: `${field} must be text` }),
      ...(required ? [MinLength(1, { message: `${field} must not be empty` })] : []),
      MaxLength(max, { message: `${field} must be at most ${max} characters` }),
    )(target, key);
  };
}
