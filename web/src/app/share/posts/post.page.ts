import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { PostDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, combineLatest, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { toLoadState, type LoadState } from '../../learn/load-state';
import { exactTime } from '../../notifications/notification-format';
import { PostBody } from './post-body';
import { CaseModuleDialog } from './case-module-dialog';
import { PostComments } from './post-comments';
import { ReportDialog, type ReportTarget } from './report-dialog';
import { SharingApi } from './sharing-api.service';
import { authorLine, postTime, withUseful } from './sharing-format';

/**
 * `/share/posts/:id`: a post to read — title, author, when, tags, the course it grew from, the body —
 * with 有用 and 收藏 (both answer at once and go back if the server refuses) and the discussion. Its
 * author reads their draft here too, and finds 编辑. A post that does not exist, or was hidden, says
 * so kindly.
 */
@Component({
  selector: 'app-post-page',
  imports: [
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzPopconfirmModule,
    NzResultModule,
    NzSkeletonModule,
    TPipe,
    PostBody,
    PostComments,
    ReportDialog,
    CaseModuleDialog,
  ],
  templateUrl: './post.page.html',
  styleUrl: './post.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostPage {
  private readonly api = inject(SharingApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly isPhone = injectIsPhone();
  protected readonly errorKey = errorKey;

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<LoadState<PostDto>>({ status: 'loading' });
  /** The post as loaded, with the reader's taps applied. */
  protected readonly post = signal<PostDto | null>(null);
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected readonly mine = computed(() => {
    const post = this.post();
    return !!post && post.author.id === this.auth.user()?.id;
  });
  protected readonly isTrainee = computed(() => this.auth.roles().includes('trainee'));
  /** Trainers and administrators feature posts on course pages; trainers turn them into cases. */
  protected readonly canFeature = computed(() => this.auth.roles().some((r) => r === 'trainer' || r === 'admin'));
  protected readonly canMakeCase = computed(() => this.auth.roles().includes('trainer'));

  /** The post or comment being reported (the dialog shows while set). */
  protected readonly reporting = signal<ReportTarget | null>(null);
  /** The post being turned into a case module (the dialog shows while set). */
  protected readonly casing = signal<string | null>(null);
  /** The case module made from the post in this visit, to link to. */
  protected readonly madeCase = signal<{ courseId: string; courseTitle: string } | null>(null);
  protected readonly featuring = signal(false);
  protected readonly deleting = signal(false);
  protected readonly author = computed(() => {
    const post = this.post();
    return post ? authorLine(post.author, (k, p) => this.i18n.t(k, p)) : '';
  });
  protected readonly when = computed(() => {
    const post = this.post();
    if (!post) return '';
    const time = postTime(post.publishedAt, new Date(), this.i18n.lang());
    return this.i18n.t(time.key, time.params);
  });
  protected readonly exactWhen = computed(() => {
    const post = this.post();
    return post ? exactTime(post.publishedAt, this.i18n.lang()) : '';
  });

  private usefulBusy = false;
  private bookmarkBusy = false;

  constructor() {
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => {
          if (this.post()?.id !== id) this.post.set(null);
          return toLoadState(this.api.post(id));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ok') this.post.set(state.value);
      });
  }

  protected retry(): void {
    this.reload$.next();
  }

  /** 有用: shows at once; the server's count follows, or the tap is undone if it refuses. */
  protected toggleUseful(): void {
    const post = this.post();
    if (!post || this.usefulBusy) return;
    const before = { markedUseful: post.markedUseful, usefulCount: post.usefulCount };
    const useful = !post.markedUseful;
    this.usefulBusy = true;
    this.post.set(withUseful(post, useful));
    this.api.markUseful(post.id, useful).subscribe({
      next: (answer) => {
        this.usefulBusy = false;
        this.post.update((p) => (p ? { ...p, ...answer } : p));
      },
      error: (err: unknown) => {
        this.usefulBusy = false;
        this.post.update((p) => (p ? { ...p, ...before } : p));
        this.notifier.showError(toAppError(err));
      },
    });
  }

  protected toggleBookmark(): void {
    const post = this.post();
    if (!post || this.bookmarkBusy) return;
    const on = !post.bookmarked;
    this.bookmarkBusy = true;
    this.post.set({ ...post, bookmarked: on });
    this.api.bookmark(post.id, on).subscribe({
      next: (answer) => {
        this.bookmarkBusy = false;
        this.post.update((p) => (p ? { ...p, bookmarked: answer.bookmarked } : p));
      },
      error: (err: unknown) => {
        this.bookmarkBusy = false;
        this.post.update((p) => (p ? { ...p, bookmarked: !on } : p));
        this.notifier.showError(toAppError(err));
      },
    });
  }

  protected reportPost(): void {
    const post = this.post();
    if (post) this.reporting.set({ postId: post.id, commentId: null });
  }

  protected reported(): void {
    this.reporting.set(null);
    this.message.success(this.i18n.t('sharing.report.sent'));
  }

  /** Features the post on its course's page, or takes it off. */
  protected toggleFeatured(): void {
    const post = this.post();
    if (!post || this.featuring()) return;
    this.featuring.set(true);
    this.api.feature(post.id, !post.featured).subscribe({
      next: (answer) => {
        this.featuring.set(false);
        this.post.update((p) => (p ? { ...p, featured: answer.featured } : p));
        this.message.success(
          this.i18n.t(answer.featured ? 'sharing.feature.done' : 'sharing.feature.undone', {
            course: post.courseTitle ?? '',
          }),
        );
      },
      error: (err: unknown) => {
        this.featuring.set(false);
        this.notifier.showError(toAppError(err));
      },
    });
  }

  protected caseMade(made: { courseId: string; moduleId: string; courseTitle: string }): void {
    this.casing.set(null);
    this.madeCase.set({ courseId: made.courseId, courseTitle: made.courseTitle });
    this.message.success(this.i18n.t('sharing.case.done', { course: made.courseTitle }));
  }

  /** Deletes the author's own post (after the confirmation) and goes to their list. */
  protected remove(): void {
    const post = this.post();
    if (!post || this.deleting()) return;
    this.deleting.set(true);
    this.api.remove(post.id).subscribe({
      next: () => {
        this.deleting.set(false);
        this.message.success(this.i18n.t('sharing.post.deleted'));
        void this.router.navigate(['/share/mine']);
      },
      error: (err: unknown) => {
        this.deleting.set(false);
        this.notifier.showError(toAppError(err));
      },
    });
  }

  protected commentsCounted(count: number): void {
    this.post.update((p) => (p && p.commentCount !== count ? { ...p, commentCount: count } : p));
  }
}
