import type { Role } from '@lingyan/contracts';
import { ROLE_PRIORITY, primaryRole } from '@lingyan/domain';
import type { TranslationKey } from '../i18n/translation-key';

export interface RoleHome {
  role: Role;
  path: string;
  title: TranslationKey;
  icon: string;
}

/** The home page of each role, in the order homes are offered (admin > trainer > mentor > trainee). */
export const ROLE_HOMES: Record<Role, RoleHome> = {
  admin: { role: 'admin', path: '/admin', title: 'nav.admin', icon: 'dashboard' },
  trainer: { role: 'trainer', path: '/teach', title: 'nav.teach', icon: 'solution' },
  mentor: { role: 'mentor', path: '/mentor', title: 'nav.mentor', icon: 'team' },
  trainee: { role: 'trainee', path: '/learn', title: 'nav.learn', icon: 'read' },
};

export function homesOf(roles: readonly Role[]): RoleHome[] {
  return ROLE_PRIORITY.filter((role) => roles.includes(role)).map((role) => ROLE_HOMES[role]);
}

/** Where a user lands: the home of their primary role, or the profile if they have no role. */
export function homePathOf(roles: readonly Role[]): string {
  const role = primaryRole(roles);
  return role ? ROLE_HOMES[role].path : '/profile';
}
