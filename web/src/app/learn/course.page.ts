import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { FireOutline, LikeOutline } from '@ant-design/icons-angular/icons';
import type { CourseDto, ModuleKind, PostSummaryDto, ProgressStatus } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule, NzIconService } from 'ng-zorro-antd/icon';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, catchError, combineLatest, of, startWith, switchMap, tap } from 'rxjs';
import { toAppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { SharingApi } from '../share/posts/sharing-api.service';
import { authorLine } from '../share/posts/sharing-format';
import { LearnApi } from './learn-api.service';
import { STATUS_COLORS, categoryKey, formatCredits, kindIcon, kindKey, statusKey } from './learn-format';
import { loading, toLoadState } from './load-state';
import { CourseRating } from './rating/course-rating';

/** At most this many featured posts on top of a course's page; the feed of the course has the rest. */
export const FEATURED_SHOWN = 3;

/**
 * A course: its cover and summary, the experience trainers featured for it (书记经验精选), and its
 * modules, locked ones greyed out with the reason. An open elective can be joined here, and left
 * once joined.
 */
@Component({
  selector: 'app-course-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzPopconfirmModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    CourseRating,
  ],
  templateUrl: './course.page.html',
  styleUrl: './course.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoursePage {
  private readonly api = inject(LearnApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);
  private readonly sharing = inject(SharingApi);
  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly categoryKey = categoryKey;
  protected readonly statusKey = statusKey;
  protected readonly kindKey = kindKey;
  protected readonly kindIcon = kindIcon;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly formatCredits = formatCredits;

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))]).pipe(
      tap(() => this.updated.set(null)),
      switchMap(([id]) => toLoadState(this.api.course(id))),
    ),
    { initialValue: loading<CourseDto>() },
  );
  /** The course as the last join or leave returned it. */
  private readonly updated = signal<CourseDto | null>(null);
  protected readonly course = computed(() => {
    const state = this.state();
    const updated = this.updated();
    if (updated && updated.id === this.id()) return updated;
    return state.status === 'ok' ? state.value : null;
  });
  /**
   * The posts featured for the course, the newest featured first. The course matters more: while
   * they load, and when they fail to (quietly: the client's calls raise no toast), nothing shows.
   */
  private readonly featuredPosts = toSignal(
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))]).pipe(
      switchMap(([id]) =>
        this.sharing.featured(id).pipe(
          catchError(() => of<PostSummaryDto[]>([])),
          startWith<PostSummaryDto[]>([]),
        ),
      ),
    ),
    { initialValue: [] },
  );
  protected readonly featured = computed(() =>
    this.featuredPosts()
      .slice(0, FEATURED_SHOWN)
      .map((post) => ({ post, author: authorLine(post.author, (key, params) => this.i18n.t(key, params)) })),
  );
  protected readonly busy = signal(false);
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly completed = computed(
    () => this.course()?.modules.filter((m) => m.status === 'complete').length ?? 0,
  );

  constructor() {
    // The featured cards' icons, added to the learning pages' own: a component-level
    // provideNzIconsPatch would take the place of the route's for this page's icons.
    inject(NzIconService).addIcon(FireOutline, LikeOutline);
  }

  /** Quizzes and practical work have pages of their own; the other kinds play in the module player. */
  protected modulePath(kind: ModuleKind): string {
    return kind === 'quiz' ? '/learn/quizzes' : kind === 'assignment' ? '/learn/assignments' : '/learn/modules';
  }

  protected statusColor(status: ProgressStatus): string {
    return STATUS_COLORS[status];
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected join(course: CourseDto): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.join(course.id).subscribe({
      next: (joined) => {
        this.busy.set(false);
        this.updated.set(joined);
        this.notifier.showSuccess(this.i18n.t('learn.course.joinedToast', { title: course.title }));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.showError(toAppError(error));
      },
    });
  }

  protected leave(course: CourseDto): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.leave(course.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.updated.set({ ...course, joined: false });
        this.notifier.showSuccess(this.i18n.t('learn.course.leftToast', { title: course.title }));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.showError(toAppError(error));
      },
    });
  }
}
