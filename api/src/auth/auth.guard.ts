import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportGuard } from '@nestjs/passport';
import { DomainError } from '../common/domain-error';
import { AUTH_METADATA, type AuthMetadata } from './auth.decorators';
import type { AuthUser } from './auth-user';

/**
 * The global guard. Default deny: a route without `@Auth(...)` or `@Public()` answers 403.
 * Signed-in routes verify the bearer token (Passport JWT) and then the roles.
 */
@Injectable()
export class AuthGuard extends PassportGuard('jwt') {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.getAllAndOverride<AuthMetadata | undefined>(AUTH_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!meta) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} has neither @Auth nor @Public`);
      throw new DomainError('FORBIDDEN', 'This route is closed.');
    }
    if (meta.public) return true;
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<{ user: AuthUser }>().user;
    if (!meta.roles.some((role) => user.roles.includes(role))) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles: ${meta.roles.join(', ')}.`);
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error;
    if (!user)
      throw new DomainError('UNAUTHENTICATED', 'Sign in first (the access token is missing, invalid or expired).');
    return user;
  }
}
