import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { CourseDto, ModuleDto, ModuleProgressDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, catchError, combineLatest, defer, from, of, startWith, switchMap, tap } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { LearnApi } from './learn-api.service';
import { STATUS_COLORS, formatCredits, formatDuration, kindIcon, kindKey, statusKey } from './learn-format';
import { LoadState, toLoadState } from './load-state';
import { MarkdownView } from '../share/markdown/markdown';
import { PdfReader } from './pdf-reader';
import { ProgressReporter } from './progress-reporter.service';
import { ReadingSession } from './reading-session';
import { VideoPlayer } from './video-player';
import { requiredPercent, watchedPercent } from './video-watch';

/**
 * The module player. Articles are rendered from Markdown (sanitized) and followed by a
 * `ReadingSession`, which reports honest reading time every 15 s and on leaving; videos play in
 * `app-video-player` (timeline watched, no skipping ahead) and PDFs in `app-pdf-reader` (pages, time).
 * The status bar shows the server's answer (time counted or share watched, end reached, complete).
 */
@Component({
  selector: 'app-module-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    MarkdownView,
    PdfReader,
    VideoPlayer,
  ],
  templateUrl: './module.page.html',
  styleUrl: './module.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModulePage {
  private readonly api = inject(LearnApi);
  private readonly reporter = inject(ProgressReporter);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly injector = inject(Injector);
  private readonly router = inject(Router);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly statusKey = statusKey;
  protected readonly kindKey = kindKey;
  protected readonly kindIcon = kindIcon;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly formatCredits = formatCredits;

  private readonly article = viewChild<ElementRef<HTMLElement>>('article');
  private readonly bar = viewChild<ElementRef<HTMLElement>>('bar');
  private readonly reload$ = new Subject<void>();
  private session: ReadingSession | null = null;

  protected readonly state = signal<LoadState<ModuleDto>>({ status: 'loading' });
  protected readonly module = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly progress = signal<ModuleProgressDto | null>(null);
  protected readonly course = signal<CourseDto | null>(null);
  private readonly endSeen = signal(false);
  /** Credit hours the server granted for this module during this visit. */
  protected readonly earned = signal(0);

  protected readonly reachedEnd = computed(() => !!this.progress()?.reachedEnd || this.endSeen());
  protected readonly complete = computed(() => this.progress()?.status === 'complete');
  protected readonly timeText = computed(() => {
    const progress = this.progress();
    return progress
      ? this.i18n.t('learn.player.time', {
          spent: formatDuration(progress.activeSeconds),
          required: formatDuration(progress.requiredSeconds),
        })
      : '';
  });
  protected readonly timePercent = computed(() => {
    const progress = this.progress();
    if (!progress) return 0;
    if (progress.status === 'complete' || progress.requiredSeconds <= 0) return 100;
    return Math.min(100, Math.round((progress.activeSeconds / progress.requiredSeconds) * 100));
  });
  protected readonly videoWatched = computed(() => {
    const progress = this.progress();
    if (!progress) return 0;
    return watchedPercent(
      progress.watchedSeconds,
      progress.requiredWatchedSeconds,
      this.module()?.durationSeconds ?? null,
    );
  });
  protected readonly videoRequired = computed(() =>
    requiredPercent(this.progress()?.requiredWatchedSeconds ?? 0, this.module()?.durationSeconds ?? null),
  );
  /** How far the trainee is towards completing the module (the bar above the navigation). */
  protected readonly barPercent = computed(() => {
    if (this.complete()) return 100;
    if (this.module()?.kind !== 'video') return this.timePercent();
    return Math.min(100, Math.round((this.videoWatched() / this.videoRequired()) * 100));
  });
  protected readonly creditsText = computed(() => {
    const module = this.module();
    const credits = this.earned() > 0 ? this.earned() : (module?.credits ?? 0);
    return this.i18n.t('learn.player.creditsEarned', { credits: formatCredits(credits) });
  });
  /** In a sequential course the next module opens once this one is complete. */
  protected readonly nextLocked = computed(() => {
    const module = this.module();
    const next = module?.nextModuleId && this.course()?.modules.find((m) => m.id === module.nextModuleId);
    return !!next && next.locked && !this.complete();
  });
  protected readonly number = computed(() => {
    const module = this.module();
    const index = this.course()?.modules.findIndex((m) => m.id === module?.id) ?? -1;
    return index >= 0 ? index + 1 : null;
  });

  constructor() {
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))])
      .pipe(
        tap(() => this.endSession()),
        // the last reports of the page just left first, so that the position and progress are current
        switchMap(([id]) =>
          toLoadState(defer(() => from(this.reporter.flush())).pipe(switchMap(() => this.api.module(id)))),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));

    this.reporter.answers$.pipe(takeUntilDestroyed()).subscribe(({ event, response }) => {
      if (event.moduleId !== this.module()?.id) return;
      this.progress.set(response.progress);
      if (response.creditsEarned > 0) this.earned.update((sum) => sum + response.creditsEarned);
    });

    // leaving the page (route change): the last window is reported through HttpClient
    inject(DestroyRef).onDestroy(() => this.endSession());
  }

  protected retry(): void {
    this.reload$.next();
  }

  /** The player loaded the module again (a fresh signed link): its progress is the newest. */
  protected refreshed(module: ModuleDto): void {
    if (module.id === this.module()?.id) this.progress.set(module.progress);
  }

  private show(state: LoadState<ModuleDto>): void {
    if (state.status === 'ok' && state.value.kind === 'quiz') {
      // a quiz has its own page (links from before quizzes, "continue", previous / next lead here)
      void this.router.navigate(['/learn/quizzes', state.value.id], { replaceUrl: true });
      return;
    }
    if (state.status === 'ok' && state.value.kind === 'assignment') {
      // so has practical work
      void this.router.navigate(['/learn/assignments', state.value.id], { replaceUrl: true });
      return;
    }
    this.state.set(state);
    if (state.status !== 'ok') return;
    const module = state.value;
    this.progress.set(module.progress);
    this.endSeen.set(false);
    this.earned.set(0);
    if (this.course()?.id !== module.courseId) {
      this.course.set(null);
      this.api
        .course(module.courseId)
        .pipe(catchError(() => of(null)))
        .subscribe((course) => this.course.set(course));
    }
    if (module.kind === 'article') {
      afterNextRender(() => this.beginSession(module), { injector: this.injector });
    }
  }

  private beginSession(module: ModuleDto): void {
    const article = this.article()?.nativeElement;
    const userId = this.auth.user()?.id;
    if (!article || !userId || this.module()?.id !== module.id) return;
    this.session = new ReadingSession({
      moduleId: module.id,
      article,
      bottomInset: () => this.bar()?.nativeElement.offsetHeight ?? 0,
      report: (event, keepalive) => void this.reporter.report(event, userId, keepalive),
      onReachedEnd: () => this.endSeen.set(true),
    });
    const position = module.progress.status === 'complete' ? null : module.progress.lastPosition;
    if (this.session.start(position)) this.message.info(this.i18n.t('learn.player.resumed'));
  }

  private endSession(): void {
    this.session?.stop();
    this.session = null;
  }
}
