import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { MentorshipSummaryDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { toAppError, type AppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { MentoringApi } from './mentoring-api.service';
import { LIMITS, fieldProblems } from './mentoring-work-format';

/** The pairing to end, and whose it is (for the dialog's words). */
export interface EndTarget {
  id: string;
  traineeName: string;
}

/**
 * The small dialog in which a mentor declines a proposed pairing or ends an active one early, with a
 * reason (required, at most 500 characters). It calls the API itself and answers the ended pairing.
 */
@Component({
  selector: 'app-mentoring-end-dialog',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzModalModule, TPipe],
  template: `
    <nz-modal
      [nzVisible]="target() !== null"
      [nzTitle]="(kind() === 'decline' ? 'mentoring-work.end.declineTitle' : 'mentoring-work.end.endTitle') | t"
      [nzFooter]="footer"
      [nzMaskClosable]="!saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnCancel)="close()"
    >
      <div *nzModalContent nz-form nzLayout="vertical" data-testid="end-dialog">
        <p class="intro">
          {{
            (kind() === 'decline' ? 'mentoring-work.end.declineIntro' : 'mentoring-work.end.endIntro')
              | t: { name: target()?.traineeName ?? '' }
          }}
        </p>
        <nz-form-item>
          <nz-form-label nzFor="end-reason" nzRequired>{{ 'mentoring-work.end.reason' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem() ? 'error' : ''" [nzErrorTip]="problem() ?? ''">
            <textarea
              nz-input
              id="end-reason"
              rows="3"
              data-testid="end-reason"
              [maxlength]="max"
              [placeholder]="'mentoring-work.end.reasonPlaceholder' | t"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event); serverProblem.set(null)"
            ></textarea>
          </nz-form-control>
        </nz-form-item>
        @if (error(); as err) {
          @if (err.error !== 'VALIDATION_FAILED') {
            <nz-alert nzType="error" nzShowIcon data-testid="end-error" [nzMessage]="errorKey(err.error) | t" />
          }
        }
      </div>
      <ng-template #footer>
        <button nz-button type="button" data-testid="end-cancel" [disabled]="saving()" (click)="close()">
          {{ 'common.cancel' | t }}
        </button>
        <button
          nz-button
          nzType="primary"
          nzDanger
          type="button"
          data-testid="end-confirm"
          [nzLoading]="saving()"
          (click)="confirm()"
        >
          {{ (kind() === 'decline' ? 'mentoring-work.end.confirmDecline' : 'mentoring-work.end.confirmEnd') | t }}
        </button>
      </ng-template>
    </nz-modal>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
      color: rgba(0, 0, 0, 0.65);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentoringEndDialog {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);

  /** The pairing to end; the dialog shows while there is one. */
  readonly target = input<EndTarget | null>(null);
  readonly kind = input<'decline' | 'end'>('end');
  readonly pairingEnded = output<MentorshipSummaryDto>();
  readonly dismissed = output<void>();

  protected readonly max = LIMITS.reason;
  protected readonly errorKey = errorKey;
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<AppError | null>(null);
  protected readonly serverProblem = signal<string | null>(null);
  protected readonly problem = computed(() => {
    if (this.touched() && !this.reason().trim()) return this.i18n.t('mentoring-work.end.reasonRequired');
    return this.serverProblem();
  });

  constructor() {
    // a new pairing starts a new reason
    effect(() => {
      this.target();
      this.reason.set('');
      this.touched.set(false);
      this.error.set(null);
      this.serverProblem.set(null);
    });
  }

  protected close(): void {
    if (!this.saving()) this.dismissed.emit();
  }

  protected confirm(): void {
    const target = this.target();
    if (!target || this.saving()) return;
    this.touched.set(true);
    const reason = this.reason().trim();
    if (!reason) return;
    this.saving.set(true);
    this.error.set(null);
    this.api.end(target.id, reason).subscribe({
      next: (summary) => {
        this.saving.set(false);
        this.pairingEnded.emit(summary);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const error = toAppError(err);
        this.error.set(error);
        this.serverProblem.set(
          fieldProblems(error.details, (key, params) => this.i18n.t(key, params))['reason'] ?? null,
        );
      },
    });
  }
}
