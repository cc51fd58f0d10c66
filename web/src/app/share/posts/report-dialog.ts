import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { Observable } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { ReasonDialog, type ReasonWords } from '../reason-dialog/reason-dialog';
import { SharingApi } from './sharing-api.service';

/** What is reported: a post, or one of its comments. */
export interface ReportTarget {
  postId: string;
  commentId: string | null;
}

/** The longest reason the API takes. */
export const REPORT_REASON_MAX = 500;

/** Reasons a reader picks with one tap (and may then add to). */
const QUICK_REASONS = ['sharing.report.quickAd', 'sharing.report.quickFalse', 'sharing.report.quickRude'] as const;

/**
 * The small dialog in which a reader reports a post or a comment with a reason, which the moderators
 * (trainers, and the administrators of the author's region) read in their queue. It calls the API
 * itself and says `reported` when the report is in.
 */
@Component({
  selector: 'app-report-dialog',
  imports: [ReasonDialog],
  template: `
    <app-reason-dialog
      testId="report"
      [open]="target() !== null"
      [words]="texts()"
      [max]="max"
      [quick]="quick()"
      [send]="send"
      (done)="reported.emit()"
      (dismissed)="dismissed.emit()"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportDialog {
  private readonly api = inject(SharingApi);
  private readonly i18n = inject(I18nService);

  /** What to report; the dialog shows while there is something. */
  readonly target = input<ReportTarget | null>(null);
  readonly reported = output<void>();
  readonly dismissed = output<void>();

  protected readonly max = REPORT_REASON_MAX;
  protected readonly quick = computed(() => QUICK_REASONS.map((key) => this.i18n.t(key)));
  protected readonly texts = computed<ReasonWords>(() => ({
    title: this.i18n.t(this.target()?.commentId ? 'sharing.report.commentTitle' : 'sharing.report.postTitle'),
    intro: this.i18n.t('sharing.report.intro'),
    label: this.i18n.t('sharing.report.reason'),
    placeholder: this.i18n.t('sharing.report.placeholder'),
    required: this.i18n.t('sharing.report.required'),
    confirm: this.i18n.t('sharing.report.send'),
  }));
  protected readonly send = (reason: string): Observable<void> => {
    const target = this.target();
    return this.api.report(target?.postId ?? '', reason, target?.commentId ?? null);
  };
}
