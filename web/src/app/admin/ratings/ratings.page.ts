import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type {
  CohortProgramOption,
  CohortSummaryDto,
  Page,
  RatingCommentDto,
  RatingSummaryDto,
} from '@lingyan/contracts';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { EMPTY, catchError, map, of, switchMap } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { RatingComments } from '../../share/ratings/rating-comments';
import { RatingOverview } from '../../share/ratings/rating-overview';
import { RatingTable, type RatingTableRow } from '../../share/ratings/rating-table';
import { RatingsApi } from '../../share/ratings/ratings-api.service';
import { CohortsService } from '../cohorts/cohorts.service';
import { SatisfactionChart, provideRatingCharts } from './satisfaction-chart';

const COMMENTS_PAGE = 10;

/**
 * `admin/ratings` (评训满意度): how trainees of the administrator's region rated courses and trainers,
 * for a program or a cohort or all — headline figures, a bar per course against the 85% norm, tables by
 * course, trainer and cohort (under the norm first, marked) and the comments, anonymous and paged,
 * optionally of one course.
 */
@Component({
  selector: 'app-ratings-page',
  imports: [
    FormsModule,
    NzEmptyModule,
    NzIconModule,
    NzSelectModule,
    NzSpinModule,
    NzTabsModule,
    TPipe,
    LoadError,
    RatingComments,
    RatingOverview,
    RatingTable,
    SatisfactionChart,
  ],
  providers: [provideRatingCharts()],
  templateUrl: './ratings.page.html',
  styleUrl: './ratings.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingsPage {
  private readonly api = inject(RatingsApi);
  private readonly cohorts = inject(CohortsService);
  private readonly i18n = inject(I18nService);

  protected readonly programId = signal<string | null>(null);
  protected readonly cohortId = signal<string | null>(null);
  private readonly version = signal(0);

  protected readonly programs = toSignal(this.cohorts.programs().pipe(catchError(() => of([]))), {
    initialValue: [] as CohortProgramOption[],
  });
  /** The cohorts the administrator sees, of the chosen program (or of all). */
  protected readonly cohortOptions = toSignal(
    toObservable(this.programId).pipe(
      switchMap((programId) =>
        this.cohorts.list({ programId: programId ?? undefined, limit: 100 }).pipe(
          map((page) => page.items),
          catchError(() => of([] as CohortSummaryDto[])),
        ),
      ),
    ),
    { initialValue: [] as CohortSummaryDto[] },
  );

  private readonly filters = computed(() => ({
    programId: this.programId(),
    cohortId: this.cohortId(),
    version: this.version(),
  }));
  protected readonly state = toSignal(
    toObservable(this.filters).pipe(
      switchMap((f) =>
        toLoadState(this.api.summary({ programId: f.programId, cohortId: f.cohortId, limit: COMMENTS_PAGE })),
      ),
    ),
    { initialValue: loading<RatingSummaryDto>() },
  );
  /** The summary last loaded, kept on screen while the next loads. */
  private readonly last = signal<RatingSummaryDto | null>(null);
  protected readonly summary = computed(() => {
    const state = this.state();
    if (state.status === 'ok') return state.value;
    return state.status === 'loading' ? this.last() : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly busy = computed(() => this.state().status === 'loading');

  protected readonly courseRows = computed<RatingTableRow[]>(
    () =>
      this.summary()?.courses.map((c) => ({
        id: c.courseId,
        title: c.courseTitle,
        subtitle: c.trainerName,
        stats: c,
      })) ?? [],
  );
  protected readonly trainerRows = computed<RatingTableRow[]>(() => {
    this.i18n.lang();
    return (
      this.summary()?.trainers.map((t) => ({
        id: t.trainerId,
        title: t.trainerName,
        subtitle: this.i18n.t('ratings.admin.courseTotal', { count: t.courseCount }),
        stats: t,
      })) ?? []
    );
  });
  protected readonly cohortRows = computed<RatingTableRow[]>(() => {
    this.i18n.lang();
    return (
      this.summary()?.cohorts.map((c) => ({
        id: c.cohortId ?? 'none',
        title: c.cohortName ?? this.i18n.t('ratings.noCohort'),
        subtitle: c.programTitle,
        stats: c,
      })) ?? []
    );
  });
  protected readonly ratedCourses = computed(() => this.summary()?.courses.filter((c) => c.count > 0) ?? []);

  /** Comments: the summary's first page, or another page / one course's, loaded on request. */
  protected readonly commentCourse = signal<string | null>(null);
  protected readonly commentPage = signal(1);
  private readonly commentQuery = computed(() => ({
    ...this.filters(),
    courseId: this.commentCourse(),
    page: this.commentPage(),
  }));
  private readonly commentState = toSignal(
    toObservable(this.commentQuery).pipe(
      switchMap((q) =>
        q.courseId === null && q.page === 1
          ? EMPTY
          : toLoadState(
              this.api.comments({
                programId: q.programId,
                cohortId: q.cohortId,
                courseId: q.courseId,
                page: q.page,
                limit: COMMENTS_PAGE,
              }),
            ),
      ),
    ),
    { initialValue: loading<Page<RatingCommentDto>>() },
  );
  protected readonly comments = computed(() => {
    if (this.commentCourse() === null && this.commentPage() === 1) return this.summary()?.comments ?? null;
    const state = this.commentState();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly commentsError = computed(() => {
    if (this.commentCourse() === null && this.commentPage() === 1) return null;
    const state = this.commentState();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly commentsBusy = computed(
    () => !(this.commentCourse() === null && this.commentPage() === 1) && this.commentState().status === 'loading',
  );

  constructor() {
    effect(() => {
      const state = this.state();
      if (state.status === 'ok') untracked(() => this.last.set(state.value));
    });
  }

  protected setProgram(id: string | null): void {
    this.programId.set(id);
    this.cohortId.set(null);
    this.resetComments();
  }

  protected setCohort(id: string | null): void {
    this.cohortId.set(id);
    this.resetComments();
  }

  protected setCommentCourse(id: string | null): void {
    this.commentCourse.set(id);
    this.commentPage.set(1);
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected reloadComments(): void {
    this.version.update((v) => v + 1);
  }

  private resetComments(): void {
    this.commentCourse.set(null);
    this.commentPage.set(1);
  }
}
