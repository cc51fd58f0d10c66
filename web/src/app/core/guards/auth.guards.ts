import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@lingyan/contracts';
import { AuthService } from '../auth/auth.service';

/** Only for signed-in users; everyone else goes to /login?returnUrl=…. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.restore();
  return user ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page is for signed-out users; a signed-in user goes to their home. */
export const guestGuard: CanActivateFn = async (route) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.restore();
  if (!user) return true;
  const returnUrl = route.queryParamMap.get('returnUrl');
  return router.parseUrl(safeReturnUrl(returnUrl) ?? auth.homePath());
};

/** Only for holders of `role`; anyone else is sent to their own home. */
/** The route needs one of the roles; others go to their own home. */
export function roleGuard(role: Role, ...more: Role[]): CanActivateFn {
  const roles = [role, ...more];
  return async (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const user = await auth.restore();
    if (!user) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    return user.roles.some((r) => roles.includes(r)) ? true : router.parseUrl(auth.homePath());
  };
}

/** `/` lands on the home of the user's primary role. */
export const homeRedirectGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return inject(Router).parseUrl(auth.homePath());
};

/** Only same-app paths are followed after login (no `//evil.example` or absolute URLs). */
export function safeReturnUrl(url: string | null | undefined): string | null {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/login')) return null;
  return url;
}
