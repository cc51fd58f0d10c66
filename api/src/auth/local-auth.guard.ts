import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../common/domain-error';
import { LoginDto } from './auth.dto';

/** Validates the sign-in body like any other (400 with details), then runs the local strategy. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body ?? {};
    const dto = plainToInstance(LoginDto, body);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (typeof body !== 'object' || errors.length > 0) {
      const details = errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) }));
      throw new DomainError(
        'VALIDATION_FAILED',
        details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ') || 'The request is not valid.',
        details,
      );
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error;
    if (!user) throw new DomainError('INVALID_CREDENTIALS', 'The username or password is wrong.');
    return user;
  }
}
