import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { RubricSelection, SubmissionReviewViewDto } from '@lingyan/contracts';
import { passes, rubricScore } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { AppError, toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { LoadError } from '../../share/load-error/load-error';
import { MarkdownView } from '../../share/markdown/markdown';
import { AssignmentsService } from './assignments.service';
import { RubricGrader } from './rubric-grader';
import {
  formatPoints,
  formatWhen,
  isImageFile,
  knownSelection,
  reviewLines,
  statusColor,
  statusKey,
} from './grading-format';

type LoadState =
  | { status: 'loading' }
  | { status: 'ok'; value: SubmissionReviewViewDto }
  | { status: 'error'; error: AppError };

/**
 * One piece of practical work for its grader (`teach/grading/submissions/:id`): the task, the
 * trainee's text and files (images as thumbnails; each opens in a new tab), and the rubric as a grid
 * to score with, the total and percent live against the pass mark, a comment, and two outcomes:
 * 评分 (graded) or 退回修改 (returned for revision; a comment says what to revise). Earlier
 * reviews of a resubmitted piece are listed, and the levels they chose are marked in the grid.
 */
@Component({
  selector: 'app-submission-review-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    LoadError,
    MarkdownView,
    RubricGrader,
  ],
  templateUrl: './submission-review.page.html',
  styleUrl: './submission-review.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmissionReviewPage {
  private readonly service = inject(AssignmentsService);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);

  /** The `:id` route parameter (the submission). */
  readonly id = input.required<string>();

  protected readonly statusKey = statusKey;
  protected readonly statusColor = statusColor;
  protected readonly formatPoints = formatPoints;
  protected readonly isImage = isImageFile;

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected readonly selection = signal<RubricSelection>({});
  protected readonly comment = signal('');
  /** Set by the first try to grade or return: from then on what is missing shows. */
  protected readonly tried = signal<'graded' | 'returned' | null>(null);
  protected readonly saving = signal<'graded' | 'returned' | null>(null);
  protected readonly taskOpen = signal(false);

  protected readonly pending = computed(() => this.view()?.status === 'submitted');
  /** The levels of the newest review: the grid shows them once graded or returned, or marks them on a resubmission. */
  protected readonly lastSelection = computed(() => {
    const view = this.view();
    const last = view?.reviews[0]?.selection;
    return view && last ? knownSelection(view.settings.rubric, last) : null;
  });
  protected readonly score = computed(() => {
    const view = this.view();
    if (!view) return null;
    const score = rubricScore(view.settings.rubric, this.selection());
    return { ...score, passed: passes(score.percent, view.settings.passPercent) };
  });
  protected readonly missingLevels = computed(() => (this.score()?.missing.length ?? 0) > 0);
  protected readonly commentMissing = computed(() => this.tried() === 'returned' && this.comment().trim() === '');
  protected readonly history = computed(() => {
    const view = this.view();
    return view ? view.reviews.map((review) => ({ review, lines: reviewLines(view.settings.rubric, review) })) : [];
  });

  constructor() {
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => {
          this.state.set({ status: 'loading' });
          return this.service.submission(id).pipe(
            map((view): LoadState => ({ status: 'ok', value: view })),
            catchError((err: unknown) => of<LoadState>({ status: 'error', error: toAppError(err) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => (state.status === 'ok' ? this.show(state.value) : this.state.set(state)));
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected when(iso: string | null): string {
    return iso ? formatWhen(iso, this.i18n.lang()) : '';
  }

  /** Back to the queue this came from (with its filters), or to the queue. */
  protected back(): void {
    const state = this.location.getState() as { fromQueue?: boolean } | null;
    if (state?.fromQueue) this.location.back();
    else void this.router.navigate(['/teach/grading']);
  }

  protected review(outcome: 'graded' | 'returned'): void {
    const view = this.view();
    if (!view || this.saving()) return;
    this.tried.set(outcome);
    const comment = this.comment().trim();
    if (this.missingLevels() || (outcome === 'returned' && comment === '')) return;
    this.saving.set(outcome);
    this.service.review(view.id, { outcome, selection: this.selection(), comment }).subscribe({
      next: (reviewed) => {
        this.saving.set(null);
        const review = reviewed.reviews[0];
        this.notifier.showSuccess(
          outcome === 'returned'
            ? this.i18n.t('assignments.grading.returnedToast', { name: reviewed.traineeName })
            : this.i18n.t(review?.passed ? 'assignments.grading.gradedPassed' : 'assignments.grading.gradedFailed', {
                name: reviewed.traineeName,
                points: formatPoints(review?.points ?? 0),
                max: formatPoints(review?.maxPoints ?? view.maxPoints),
                percent: review?.percent ?? 0,
              }),
        );
        this.back();
      },
      error: (err: unknown) => {
        this.saving.set(null);
        const error = toAppError(err);
        if (error.error === 'SUBMISSION_NOT_PENDING') {
          // reviewed by someone else meanwhile: show what they decided
          this.notifier.showWarning(this.i18n.t(errorKey(error.error)));
          this.reload$.next();
          return;
        }
        this.notifier.showError(error);
      },
    });
  }

  private show(view: SubmissionReviewViewDto): void {
    this.state.set({ status: 'ok', value: view });
    this.tried.set(null);
    this.comment.set('');
    // a piece already reviewed shows the levels it got; a pending one starts blank
    const last = knownSelection(view.settings.rubric, view.reviews[0]?.selection ?? {});
    this.selection.set(view.status === 'submitted' ? {} : last);
    if (view.status !== 'submitted') this.comment.set(view.reviews[0]?.comment ?? '');
  }
}
