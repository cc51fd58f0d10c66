import { computed, Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { Page } from '@lingyan/contracts';
import { Observable, Subject, catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { AppError, toAppError } from './api-error';

/** A paged list's load: the page keeps showing while the next one loads, and after a failure. */
export type PagedState<P> =
  | { status: 'loading'; page: P | null }
  | { status: 'ok'; page: P }
  | { status: 'error'; error: AppError; page: P | null };

export interface PagedList<P extends Page<unknown>> {
  state: Signal<PagedState<P>>;
  page: Signal<P | null>;
  items: Signal<P['items']>;
  total: Signal<number>;
  loading: Signal<boolean>;
  error: Signal<AppError | null>;
  /** Loads the current query again (after an action changed the list). */
  reload(): void;
}

/**
 * Loads a page whenever `query` changes or `reload()` is called; a newer query cancels the older
 * request. Call it in an injection context (a field initialiser).
 */
export function pagedList<Q, P extends Page<unknown>>(
  query: Signal<Q>,
  load: (query: Q) => Observable<P>,
): PagedList<P> {
  const reload$ = new Subject<void>();
  let last: P | null = null;
  const state = toSignal(
    combineLatest([toObservable(query), reload$.pipe(startWith(undefined))]).pipe(
      switchMap(([q]) => {
        const previous = last;
        return load(q).pipe(
          map((page): PagedState<P> => {
            last = page;
            return { status: 'ok', page };
          }),
          catchError((error: unknown) =>
            of<PagedState<P>>({ status: 'error', error: toAppError(error), page: previous }),
          ),
          startWith<PagedState<P>>({ status: 'loading', page: previous }),
        );
      }),
    ),
    { initialValue: { status: 'loading', page: null } },
  );
  return {
    state,
    page: computed(() => state().page),
    items: computed(() => (state().page?.items ?? []) as P['items']),
    total: computed(() => state().page?.total ?? 0),
    loading: computed(() => state().status === 'loading'),
    error: computed(() => {
      const current = state();
      return current.status === 'error' ? current.error : null;
    }),
    reload: () => reload$.next(),
  };
}
