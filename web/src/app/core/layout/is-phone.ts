import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Below this width pages switch to their phone layout (drawer navigation, cards instead of tables). */
export const PHONE_QUERY = '(max-width: 767.98px)';

/** True on phone-width screens, kept current as the window resizes. Call in an injection context. */
export function injectIsPhone(): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: typeof matchMedia === 'function' ? matchMedia(PHONE_QUERY).matches : false },
  );
}
