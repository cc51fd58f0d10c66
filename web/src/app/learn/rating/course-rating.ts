import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RATING_COMMENT_MAX_LENGTH, type MyCourseRatingDto } from '@lingyan/contracts';
import { commentLength, ratingProblems } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRateModule } from 'ng-zorro-antd/rate';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subscription } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { RatingsApi } from '../../share/ratings/ratings-api.service';
import { scoreKey } from '../../share/ratings/rating-format';
import { formatDate } from '../learn-format';

type Item = 'usefulness' | 'clarity';

/**
 * 课程评价 on the course page, once the trainee completed the course: two five-star items (对村里工作的
 * 帮助, 讲解清楚) and an optional comment, with a note that trainers never see who rated. A rating
 * already given is shown with a button to change it. Renders nothing while the course is not
 * complete.
 */
@Component({
  selector: 'app-course-rating',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzRateModule,
    NzSkeletonModule,
    TPipe,
  ],
  templateUrl: './course-rating.html',
  styleUrl: './course-rating.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseRating {
  private readonly api = inject(RatingsApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);

  readonly courseId = input.required<string>();
  /** The course is complete for the trainee (only then may they rate it). */
  readonly complete = input.required<boolean>();

  protected readonly items: readonly Item[] = ['usefulness', 'clarity'];
  protected readonly itemKeys = { usefulness: 'ratings.item.usefulness', clarity: 'ratings.item.clarity' } as const;
  protected readonly maxComment = RATING_COMMENT_MAX_LENGTH;
  protected readonly scoreKey = scoreKey;
  protected readonly errorKey = errorKey;

  protected readonly loading = signal(false);
  protected readonly loadError = signal<AppError | null>(null);
  protected readonly current = signal<MyCourseRatingDto | null>(null);
  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<AppError | null>(null);
  /** Tried to submit without both scores. */
  protected readonly tried = signal(false);

  protected readonly scores = signal<Record<Item, number>>({ usefulness: 0, clarity: 0 });
  protected readonly comment = signal('');

  protected readonly rating = computed(() => this.current()?.rating ?? null);
  protected readonly showForm = computed(() => {
    const current = this.current();
    return !!current && current.mayRate && (current.rating === null || this.editing());
  });
  protected readonly commentCount = computed(() => commentLength(this.comment()));
  protected readonly commentTooLong = computed(() => this.commentCount() > this.maxComment);
  protected readonly missing = computed(() => this.items.filter((item) => this.scores()[item] === 0));
  protected readonly valid = computed(() => ratingProblems({ ...this.scores(), comment: this.comment() }).length === 0);
  protected readonly ratedOn = computed(() => {
    const rating = this.rating();
    return rating ? formatDate(rating.updatedAt, this.i18n.lang()) : '';
  });

  private loadSub: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.courseId();
      const complete = this.complete();
      untracked(() => (complete ? this.load(id) : this.reset()));
    });
  }

  protected load(id = this.courseId()): void {
    this.loadSub?.unsubscribe();
    this.loading.set(true);
    this.loadError.set(null);
    this.loadSub = this.api.mine(id).subscribe({
      next: (mine) => {
        this.loading.set(false);
        this.show(mine);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(toAppError(error));
      },
    });
  }

  protected setScore(item: Item, value: number): void {
    this.scores.update((scores) => ({ ...scores, [item]: value }));
  }

  protected edit(): void {
    const rating = this.rating();
    if (rating) {
      this.scores.set({ usefulness: rating.usefulness, clarity: rating.clarity });
      this.comment.set(rating.comment);
    }
    this.tried.set(false);
    this.saveError.set(null);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
    this.saveError.set(null);
  }

  protected submit(): void {
    if (this.saving()) return;
    this.tried.set(true);
    if (!this.valid()) return;
    const first = this.rating() === null;
    const comment = this.comment().trim();
    this.saving.set(true);
    this.saveError.set(null);
    this.api.rate(this.courseId(), { ...this.scores(), ...(comment ? { comment } : {}) }).subscribe({
      next: (mine) => {
        this.saving.set(false);
        this.show(mine);
        this.notifier.showSuccess(this.i18n.t(first ? 'ratings.card.saved' : 'ratings.card.updated'));
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(toAppError(error));
      },
    });
  }

  private show(mine: MyCourseRatingDto): void {
    this.current.set(mine);
    this.editing.set(false);
    this.tried.set(false);
    this.scores.set({ usefulness: mine.rating?.usefulness ?? 0, clarity: mine.rating?.clarity ?? 0 });
    this.comment.set(mine.rating?.comment ?? '');
  }

  private reset(): void {
    this.loadSub?.unsubscribe();
    this.current.set(null);
    this.loading.set(false);
    this.loadError.set(null);
  }
}
