import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MODERATION_QUEUE_LIMIT, type ModerationReportDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, toLoadState, type LoadState } from '../../learn/load-state';
import { exactTime } from '../../notifications/notification-format';
import { LoadError } from '../load-error/load-error';
import { SharingApi } from './sharing-api.service';
import { authorLine, postTime } from './sharing-format';

/** The longest reason for hiding that the author is told (the API takes 500; a notification reads better short). */
export const HIDE_REASON_MAX = 200;

/** A report as the list shows it: the report, and its words worked out once. */
interface ReportItem {
  report: ModerationReportDto;
  kind: TranslationKey;
  author: string;
  reportedBy: string;
  exactWhen: string;
}

/**
 * `/share/moderation` (举报处理): the open reports a trainer (every one) or an administrator (those on
 * authors of their region) acts on. Each shows what was reported — a post or a comment — on which
 * post, the content and its author, the reason, who reported it and when; 隐藏 asks for the reason the
 * author is told and hides the post or comment, 驳回举报 (after a confirm) dismisses the report. A
 * handled report leaves the list with a message; a refused action says why on the report, which stays.
 *
 * Oldest first, as the API sends them: this is a queue, and the report that has waited longest is the
 * one to handle next, so that none is left at the bottom while newer ones keep coming in. The API also
 * sends at most the 200 oldest, so turning them round would show a "newest" that is not.
 */
@Component({
  selector: 'app-moderation-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSkeletonModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './moderation.page.html',
  styleUrl: './moderation.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModerationPage {
  private readonly api = inject(SharingApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly injector = inject(Injector);

  protected readonly isPhone = injectIsPhone();
  protected readonly max = HIDE_REASON_MAX;
  protected readonly skeletons = [1, 2, 3];

  /** Trainers see every report; an administrator (who is not a trainer) those of their region. */
  protected readonly subtitle = computed<TranslationKey>(() =>
    this.auth.roles().includes('trainer') ? 'sharing.moderation.subtitleTrainer' : 'sharing.moderation.subtitleAdmin',
  );

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<LoadState<ModerationReportDto[]>>(loading());
  /** The open reports as loaded, less those handled since. */
  protected readonly reports = signal<ModerationReportDto[] | null>(null);
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly refreshing = computed(() => this.state().status === 'loading' && this.reports() !== null);

  protected readonly items = computed<ReportItem[] | null>(() => {
    const reports = this.reports();
    if (!reports) return null;
    const t = (key: TranslationKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const lang = this.i18n.lang();
    const now = new Date();
    return reports.map((report) => {
      const time = postTime(report.createdAt, now, lang);
      return {
        report,
        kind: report.commentId ? 'sharing.moderation.kind.comment' : 'sharing.moderation.kind.post',
        author: authorLine(report.contentAuthor, t),
        reportedBy: t('sharing.moderation.reportedBy', {
          name: report.reporterName,
          time: t(time.key, time.params),
        }),
        exactWhen: exactTime(report.createdAt, lang),
      };
    });
  });

  /** The report whose hide form is open, the reason typed, and whether 确认隐藏 was tapped. */
  protected readonly hiding = signal<string | null>(null);
  protected readonly hideReason = signal('');
  private readonly hideTried = signal(false);
  protected readonly reasonMissing = computed(() => this.hideTried() && !this.hideReason().trim());
  private readonly reasonInput = viewChild<ElementRef<HTMLTextAreaElement>>('reasonInput');

  /** Reports whose action is on its way, and those whose action was refused (by report id). */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly failures = signal<Readonly<Record<string, AppError>>>({});
  /** The queue came full: more reports wait behind these (a refresh brings them once these are handled). */
  protected readonly capped = signal(false);
  protected readonly limit = MODERATION_QUEUE_LIMIT;

  constructor() {
    this.reload$
      .pipe(
        startWith(undefined),
        switchMap(() => toLoadState(this.api.reports())),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status !== 'ok') return;
        this.reports.set(state.value);
        this.capped.set(state.value.length >= MODERATION_QUEUE_LIMIT);
        this.failures.set({});
        if (!state.value.some((report) => report.id === this.hiding())) this.closeHide();
      });
  }

  protected reload(): void {
    this.reload$.next();
  }

  /** Why the action on a report was refused, in words. */
  protected failureKey(error: AppError): TranslationKey {
    return error.error === 'NOT_FOUND' ? 'sharing.moderation.gone' : errorKey(error.error);
  }

  protected openHide(report: ModerationReportDto): void {
    if (this.hiding() !== report.id) {
      this.hiding.set(report.id);
      this.hideReason.set('');
      this.hideTried.set(false);
    }
    afterNextRender(() => this.reasonInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected closeHide(): void {
    this.hiding.set(null);
    this.hideReason.set('');
    this.hideTried.set(false);
  }

  /** Hides the reported post or comment; every open report of it leaves the list. */
  protected hide(report: ModerationReportDto): void {
    if (this.busy().has(report.id)) return;
    this.hideTried.set(true);
    const reason = this.hideReason().trim();
    if (!reason) {
      this.reasonInput()?.nativeElement.focus();
      return;
    }
    const { commentId, postId } = report;
    const target = commentId ? { commentId } : { postId };
    this.start(report.id);
    this.api.hide(target, reason).subscribe({
      next: () => {
        this.done(report.id);
        this.closeHide();
        this.reports.update((list) =>
          // a hidden post settles the reports of its comments too
          (list ?? []).filter((r) => (commentId ? r.commentId !== commentId : r.postId !== postId)),
        );
        this.notifier.showSuccess(
          this.i18n.t(commentId ? 'sharing.moderation.hiddenComment' : 'sharing.moderation.hiddenPost'),
        );
      },
      error: (err: unknown) => this.done(report.id, toAppError(err)),
    });
  }

  /** Dismisses the report (the content stays as it is). */
  protected dismiss(report: ModerationReportDto): void {
    if (this.busy().has(report.id)) return;
    this.start(report.id);
    this.api.dismissReport(report.id).subscribe({
      next: () => {
        this.done(report.id);
        if (this.hiding() === report.id) this.closeHide();
        this.reports.update((list) => (list ?? []).filter((r) => r.id !== report.id));
        this.notifier.showSuccess(this.i18n.t('sharing.moderation.dismissed'));
      },
      error: (err: unknown) => this.done(report.id, toAppError(err)),
    });
  }

  private start(id: string): void {
    this.busy.update((busy) => new Set(busy).add(id));
    this.failures.update(({ [id]: _, ...rest }) => rest);
  }

  private done(id: string, error?: AppError): void {
    this.busy.update((busy) => {
      const next = new Set(busy);
      next.delete(id);
      return next;
    });
    if (error) this.failures.update((failures) => ({ ...failures, [id]: error }));
  }
}
