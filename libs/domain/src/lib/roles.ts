import type { Role } from '@lingyan/contracts';

/** The order in which a user's homes are offered when they hold several roles. */
export const ROLE_PRIORITY: readonly Role[] = ['admin', 'trainer', 'mentor', 'trainee'];

/** The role whose home a user lands on after signing in. */
export function primaryRole(roles: readonly Role[]): Role | null {
  return ROLE_PRIORITY.find((role) => roles.includes(role)) ?? null;
}
