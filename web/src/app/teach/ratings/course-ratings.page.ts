import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { CourseRatingDetailDto, TrainerRatingsDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { EMPTY, Subject, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { loading, toLoadState, type LoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { RatingComments } from '../../share/ratings/rating-comments';
import { RatingOverview } from '../../share/ratings/rating-overview';
import { RatingTable, type RatingTableRow } from '../../share/ratings/rating-table';
import { RatingVerdict } from '../../share/ratings/rating-verdict';
import { RatingsApi } from '../../share/ratings/ratings-api.service';
import { SatisfactionBar } from '../../share/ratings/satisfaction-bar';

const COMMENTS_PAGE = 10;

/**
 * `teach/ratings`: how trainees rated the trainer's courses (owned or co-owned) against the 85% norm,
 * those under it first. Picking a course shows its satisfaction by cohort and its comments (anonymous,
 * newest first, paged).
 */
@Component({
  selector: 'app-course-ratings-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSpinModule,
    TPipe,
    LoadError,
    RatingComments,
    RatingOverview,
    RatingTable,
    RatingVerdict,
    SatisfactionBar,
  ],
  templateUrl: './course-ratings.page.html',
  styleUrl: './course-ratings.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseRatingsPage {
  private readonly api = inject(RatingsApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly detailCard = viewChild<ElementRef<HTMLElement>>('detailCard');
  /** A course was picked: scroll to its detail when it arrives. */
  private scrollPending = false;

  /** An administrator reaches their region's summary from here too. */
  protected readonly isAdmin = computed(() => this.auth.user()?.roles.includes('admin') ?? false);

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() => toLoadState(this.api.trainerCourses())),
    ),
    { initialValue: loading<TrainerRatingsDto>() },
  );
  protected readonly report = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly rows = computed<RatingTableRow[]>(
    () =>
      this.report()?.courses.map((c) => ({
        id: c.courseId,
        title: c.courseTitle,
        // A co-owned course names its owner; the trainer's own do not repeat their name.
        subtitle: c.trainerName === this.auth.user()?.name ? null : c.trainerName,
        stats: c,
      })) ?? [],
  );

  /** The course whose cohorts and comments are shown: picked, or the first with ratings. */
  private readonly picked = signal<string | null>(null);
  protected readonly selected = computed(() => {
    const courses = this.report()?.courses ?? [];
    const picked = this.picked();
    if (picked && courses.some((c) => c.courseId === picked)) return picked;
    return courses.find((c) => c.count > 0)?.courseId ?? null;
  });
  protected readonly commentsPage = signal(1);
  private readonly detailVersion = signal(0);
  private readonly detailQuery = computed(() => ({
    id: this.selected(),
    page: this.commentsPage(),
    version: this.detailVersion(),
  }));
  protected readonly detailState = toSignal(
    toObservable(this.detailQuery).pipe(
      switchMap(({ id, page }) => (id ? toLoadState(this.api.trainerCourse(id, page, COMMENTS_PAGE)) : EMPTY)),
    ),
    { initialValue: loading<CourseRatingDetailDto>() },
  );
  /** The detail last loaded, kept while the next page loads. */
  private readonly lastDetail = signal<CourseRatingDetailDto | null>(null);
  protected readonly detail = computed(() => {
    const state: LoadState<CourseRatingDetailDto> = this.detailState();
    if (state.status === 'ok') return state.value;
    const last = this.lastDetail();
    return state.status === 'loading' && last?.course.courseId === this.selected() ? last : null;
  });
  protected readonly detailError = computed(() => {
    const state = this.detailState();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly detailBusy = computed(() => this.detailState().status === 'loading');
  protected readonly cohortRows = computed<RatingTableRow[]>(
    () =>
      this.detail()?.cohorts.map((c) => ({
        id: c.cohortId ?? 'none',
        title: c.cohortName ?? this.i18n.t('ratings.noCohort'),
        subtitle: c.programTitle,
        stats: c,
      })) ?? [],
  );

  constructor() {
    effect(() => {
      const state = this.detailState();
      if (state.status !== 'ok') return;
      untracked(() => this.lastDetail.set(state.value));
      if (!this.scrollPending) return;
      this.scrollPending = false;
      // After this change detection has drawn the detail (an effect runs while the view is checked).
      setTimeout(() => this.detailCard()?.nativeElement.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    });
  }

  /** Shows a course's cohorts and comments, and brings them into view once loaded (on a phone far below the list). */
  protected pick(courseId: string): void {
    this.picked.set(courseId);
    this.commentsPage.set(1);
    this.scrollPending = true;
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected retryDetail(): void {
    this.detailVersion.update((v) => v + 1);
  }
}
