import { Observable, catchError, map, of, startWith } from 'rxjs';
import { AppError, toAppError } from '../core/http/api-error';

/** What a page shows while it loads one thing: a skeleton, the thing, or an error with a retry. */
export type LoadState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: AppError };

export function toLoadState<T>(source: Observable<T>): Observable<LoadState<T>> {
  return source.pipe(
    map((value): LoadState<T> => ({ status: 'ok', value })),
    catchError((error: unknown) => of<LoadState<T>>({ status: 'error', error: toAppError(error) })),
    startWith<LoadState<T>>({ status: 'loading' }),
  );
}

/** The initial state of a page that loads at once. */
export function loading<T>(): LoadState<T> {
  return { status: 'loading' };
}
