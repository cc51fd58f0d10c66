import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { ServerProblems } from '../mentoring/server-problems';
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
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzModalModule, TPipe],
  template: `
    <nz-modal
      [nzVisible]="target() !== null"
      [nzTitle]="(target()?.commentId ? 'sharing.report.commentTitle' : 'sharing.report.postTitle') | t"
      [nzFooter]="footer"
      [nzMaskClosable]="!saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnCancel)="close()"
    >
      <div *nzModalContent nz-form nzLayout="vertical" data-testid="report-dialog">
        <p class="intro">{{ 'sharing.report.intro' | t }}</p>
        <div class="quick">
          @for (key of quick; track key) {
            <button nz-button nzSize="small" type="button" (click)="pick(key)">{{ key | t }}</button>
          }
        </div>
        <nz-form-item>
          <nz-form-label nzFor="report-reason" nzRequired>{{ 'sharing.report.reason' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem() ? 'error' : ''" [nzErrorTip]="problem() ?? ''">
            <textarea
              nz-input
              id="report-reason"
              rows="3"
              data-testid="report-reason-input"
              [maxlength]="max"
              [placeholder]="'sharing.report.placeholder' | t"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event); server.clear('reason')"
            ></textarea>
          </nz-form-control>
        </nz-form-item>
        @if (server.error(); as err) {
          @if (err.error !== 'VALIDATION_FAILED') {
            <nz-alert nzType="error" nzShowIcon data-testid="report-error" [nzMessage]="errorKey(err.error) | t" />
          }
        }
      </div>
      <ng-template #footer>
        <button nz-button type="button" [disabled]="saving()" (click)="close()">{{ 'common.cancel' | t }}</button>
        <button
          nz-button
          nzType="primary"
          nzDanger
          type="button"
          data-testid="report-send"
          [nzLoading]="saving()"
          (click)="send()"
        >
          {{ 'sharing.report.send' | t }}
        </button>
      </ng-template>
    </nz-modal>
  `,
  styles: `
    .intro {
      margin: 0 0 8px;
      color: rgba(0, 0, 0, 0.65);
    }
    .quick {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-bottom: 12px;
    }
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
  protected readonly quick = QUICK_REASONS;
  protected readonly errorKey = errorKey;
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<'reason'>((key, params) => this.i18n.t(key, params));
  protected readonly problem = computed(() => {
    if (this.touched() && !this.reason().trim()) return this.i18n.t('sharing.report.required');
    return this.server.of('reason');
  });

  constructor() {
    effect(() => {
      this.target();
      this.reason.set('');
      this.touched.set(false);
      this.server.reset();
    });
  }

  protected pick(key: (typeof QUICK_REASONS)[number]): void {
    this.reason.set(this.i18n.t(key));
    this.server.clear('reason');
  }

  protected close(): void {
    if (!this.saving()) this.dismissed.emit();
  }

  protected send(): void {
    const target = this.target();
    if (!target || this.saving()) return;
    this.touched.set(true);
    const reason = this.reason().trim();
    if (!reason) return;
    this.saving.set(true);
    this.server.reset();
    this.api.report(target.postId, reason, target.commentId).subscribe({
      next: () => {
        this.saving.set(false);
        this.reported.emit();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.server.refused(err);
      },
    });
  }
}
