import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ROLES, type Role } from '@lingyan/contracts';
import type { AuthUser } from './auth-user';

export const AUTH_METADATA = 'lingyan:auth';

export type AuthMetadata = { public: true } | { public: false; roles: readonly Role[] };

/**
 * Guards a route: the caller must be signed in and hold one of the roles. Sets the guard's
 * metadata and the OpenAPI security at once. Every route carries this or `@Public()`.
 */
export function Auth(role: Role, ...more: Role[]): MethodDecorator & ClassDecorator {
  const roles = [role, ...more];
  return applyDecorators(
    SetMetadata(AUTH_METADATA, { public: false, roles } satisfies AuthMetadata),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the access token expired.' }),
    ApiForbiddenResponse({ description: `Needs one of the roles: ${roles.join(', ')}.` }),
  );
}

/** Any signed-in user, whatever their roles. */
export const AnyRole = () => Auth(ROLES[0], ...ROLES.slice(1));

/** A route open to everyone, on purpose. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(AUTH_METADATA, { public: true } satisfies AuthMetadata);
}

/** The signed-in user of the request. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<{ user: AuthUser }>();
  return request.user;
});
