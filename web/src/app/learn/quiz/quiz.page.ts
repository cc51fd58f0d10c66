import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { AttemptDto, AttemptSummaryDto, QuizOverviewDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Observable, Subject, combineLatest, defer, firstValueFrom, of, startWith, switchMap, tap } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { TranslationKey, errorKey } from '../../core/i18n/translation-key';
import { LoadError } from '../../share/load-error/load-error';
import { STATUS_COLORS, formatDateTime, statusKey } from '../learn-format';
import { LoadState, loading, toLoadState } from '../load-state';
import { browserStorage, loadLocal, pruneLocal } from './answer-store';
import { QuizApi } from './quiz-api.service';
import { formatPoints } from './quiz-format';
import { QuizResult } from './quiz-result';
import { FinishReason, QuizSession, RequestTiming } from './quiz-session';
import { QuizTaking } from './quiz-taking';

type Mode = 'overview' | 'attemptLoading' | 'attemptError' | 'taking' | 'result';

/**
 * A quiz module (`learn/quizzes/:id`): the rules and the trainee's attempts, then taking an attempt
 * (`?attempt=<id>`, so that a reload resumes it) and its result. The attempt's answers are kept by a
 * `QuizSession` (autosave, offline storage, countdown, submission).
 */
@Component({
  selector: 'app-quiz-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    LoadError,
    QuizResult,
    QuizTaking,
  ],
  templateUrl: './quiz.page.html',
  styleUrl: './quiz.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuizPage {
  private readonly api = inject(QuizApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);
  private readonly storage = browserStorage();

  /** The `:id` route parameter (the quiz module). */
  readonly id = input.required<string>();
  /** The `?attempt=` query parameter: the attempt being taken or looked at. */
  readonly attempt = input<string | undefined>();

  protected readonly errorKey = errorKey;
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly formatPoints = formatPoints;

  private readonly reloadOverview$ = new Subject<void>();
  private readonly reloadAttempt$ = new Subject<void>();
  /** An attempt just answered by "start", shown without fetching it again. */
  private seed: AttemptDto | null = null;
  /** When the request that answered each attempt was sent and answered, to measure the server's clock. */
  private readonly timings = new Map<string, RequestTiming>();

  protected readonly overviewState = signal<LoadState<QuizOverviewDto>>(loading());
  /** The last overview loaded (kept while it is loaded again after a submission). */
  protected readonly overview = signal<QuizOverviewDto | null>(null);
  protected readonly overviewError = computed(() => {
    const state = this.overviewState();
    return state.status === 'error' && !this.overview() ? state.error : null;
  });
  protected readonly attemptState = signal<LoadState<AttemptDto> | null>(null);
  protected readonly session = signal<QuizSession | null>(null);
  protected readonly starting = signal(false);

  protected readonly mode = computed<Mode>(() => {
    const state = this.attemptState();
    if (state === null) return 'overview';
    if (state.status === 'loading') return 'attemptLoading';
    if (state.status === 'error') return 'attemptError';
    return state.value.state === 'open' && this.session() ? 'taking' : 'result';
  });
  protected readonly attemptError = computed(() => {
    const state = this.attemptState();
    return state?.status === 'error' ? state.error : null;
  });
  protected readonly result = computed(() => {
    const state = this.attemptState();
    return state?.status === 'ok' && state.value.state !== 'open' ? state.value : null;
  });
  protected readonly startKey = computed<TranslationKey>(() => {
    const overview = this.overview();
    if (overview?.openAttemptId) return 'quiz.resume';
    return overview && overview.attempts.length > 0 ? 'quiz.retake' : 'quiz.start';
  });
  protected readonly exhausted = computed(() => {
    const overview = this.overview();
    return !!overview && !overview.openAttemptId && overview.attemptsLeft === 0;
  });
  /** Answers of the open attempt still waiting in this browser (from a tab closed offline). */
  protected readonly localCount = computed(() => {
    const open = this.overview()?.openAttemptId;
    return open ? Object.keys(loadLocal(this.storage, open).pending).length : 0;
  });

  constructor() {
    pruneLocal(this.storage);

    combineLatest([toObservable(this.id), this.reloadOverview$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => {
          if (this.overview()?.moduleId !== id) this.overview.set(null);
          return toLoadState(this.api.overview(id));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.overviewState.set(state);
        if (state.status === 'ok') this.overview.set(state.value);
      });

    combineLatest([toObservable(this.attempt), this.reloadAttempt$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([attemptId]): Observable<LoadState<AttemptDto> | null> => {
          if (!attemptId) return of(null);
          const seed = this.seed;
          this.seed = null;
          if (seed?.id === attemptId) return of({ status: 'ok', value: seed });
          return toLoadState(
            defer(() => {
              const sentAt = Date.now();
              return this.api
                .attempt(attemptId)
                .pipe(tap((a) => this.timings.set(a.id, { sentAt, receivedAt: Date.now() })));
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.showAttempt(state));

    inject(DestroyRef).onDestroy(() => this.session()?.dispose());
  }

  protected retryOverview(): void {
    this.reloadOverview$.next();
  }

  protected retryAttempt(): void {
    this.reloadAttempt$.next();
  }

  /** Starts an attempt (or resumes the open one) and opens it. */
  protected start(): void {
    if (this.starting()) return;
    this.starting.set(true);
    const sentAt = Date.now();
    this.api.start(this.id()).subscribe({
      next: (attempt) => {
        this.starting.set(false);
        this.timings.set(attempt.id, { sentAt, receivedAt: Date.now() });
        if (this.attempt() === attempt.id) {
          this.showAttempt({ status: 'ok', value: attempt });
          return;
        }
        this.seed = attempt;
        void this.router.navigate([], { relativeTo: this.route, queryParams: { attempt: attempt.id } });
      },
      error: (error: unknown) => {
        this.starting.set(false);
        this.notifier.showError(toAppError(error));
        this.reloadOverview$.next();
      },
    });
  }

  protected attemptTag(attempt: AttemptSummaryDto): { key: TranslationKey; color: string } {
    if (attempt.state === 'open') return { key: 'quiz.inProgress', color: 'processing' };
    if (attempt.passed === null) return { key: 'quiz.pending', color: 'blue' };
    return attempt.passed ? { key: 'quiz.passed', color: 'success' } : { key: 'quiz.failed', color: 'error' };
  }

  protected dateTime(iso: string): string {
    return formatDateTime(iso, this.i18n.lang());
  }

  private showAttempt(state: LoadState<AttemptDto> | null): void {
    const open = state?.status === 'ok' && state.value.state === 'open' ? state.value : null;
    const current = this.session();
    if (current && current.attemptId !== open?.id) {
      current.dispose();
      this.session.set(null);
    }
    if (open && this.session()?.attemptId !== open.id) {
      const session = new QuizSession(
        open,
        {
          save: (id, answers) => firstValueFrom(this.api.save(id, answers)),
          submit: (id, answers) => firstValueFrom(this.api.submit(id, answers)),
          storage: this.storage,
          finished: (attempt, reason) => this.finished(attempt, reason),
          events: typeof window === 'undefined' ? null : window,
          document: typeof document === 'undefined' ? null : document,
        },
        this.timings.get(open.id),
      );
      this.session.set(session);
      session.start();
    }
    this.attemptState.set(state);
  }

  private finished(attempt: AttemptDto, reason: FinishReason): void {
    this.session()?.dispose();
    this.session.set(null);
    this.attemptState.set({ status: 'ok', value: attempt });
    if (reason === 'timeUp') this.notifier.showWarning(this.i18n.t('quiz.timeUpToast'));
    else this.notifier.showSuccess(this.i18n.t('quiz.submittedToast'));
    if (typeof window !== 'undefined') window.scrollTo({ top: 0 });
    this.reloadOverview$.next();
  }
}
