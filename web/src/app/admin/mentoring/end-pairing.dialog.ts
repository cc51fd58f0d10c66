import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { MentorshipSummaryDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { toAppError, type AppError } from '../../core/http/api-error';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';

/** The API takes a reason of 1–500 characters. */
export const END_REASON_MAX = 500;

/** Ends a proposed or active pairing early, with a reason (the mentor, and an active trainee, are told). */
@Component({
  selector: 'app-end-pairing',
  imports: [FormsModule, NzAlertModule, NzFormModule, NzInputModule, NzModalModule, TPipe],
  template: `
    <nz-modal
      [nzVisible]="true"
      [nzTitle]="'mentoring-admin.end.title' | t: { mentor: pairing().mentorName, trainee: pairing().traineeName }"
      [nzOkText]="'mentoring-admin.end.confirm' | t"
      [nzCancelText]="'common.cancel' | t"
      [nzOkDanger]="true"
      [nzOkLoading]="saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnOk)="submit()"
      (nzOnCancel)="closed.emit()"
    >
      <div *nzModalContent nz-form nzLayout="vertical" data-testid="end-pairing-dialog">
        <p class="notice">{{ 'mentoring-admin.end.notice' | t }}</p>
        @if (error(); as err) {
          <nz-alert
            class="error"
            nzType="error"
            nzShowIcon
            role="alert"
            data-testid="end-error"
            [nzMessage]="errorKey(err.error) | t"
          />
        }
        <nz-form-item>
          <nz-form-label nzFor="end-reason" nzRequired>{{ 'mentoring-admin.end.reason' | t }}</nz-form-label>
          <nz-form-control
            [nzValidateStatus]="showError() ? 'error' : ''"
            [nzErrorTip]="'mentoring-admin.end.reasonRequired' | t"
          >
            <textarea
              nz-input
              id="end-reason"
              rows="3"
              data-testid="end-reason"
              [maxlength]="max"
              [placeholder]="'mentoring-admin.end.reasonPlaceholder' | t"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event)"
            ></textarea>
          </nz-form-control>
          <span class="counter">{{ reason().length }}/{{ max }}</span>
        </nz-form-item>
      </div>
    </nz-modal>
  `,
  styles: `
    .notice {
      color: rgba(0, 0, 0, 0.6);
    }
    .error {
      margin-bottom: 12px;
    }
    .counter {
      display: block;
      width: 100%;
      margin-top: 2px;
      font-size: 12px;
      text-align: right;
      color: rgba(0, 0, 0, 0.45);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndPairingDialog {
  private readonly api = inject(MentoringApi);

  readonly pairing = input.required<MentorshipSummaryDto>();
  readonly done = output<MentorshipSummaryDto>();
  readonly closed = output<void>();

  protected readonly max = END_REASON_MAX;
  protected readonly errorKey = errorKey;
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<AppError | null>(null);
  protected readonly showError = computed(() => this.touched() && !this.reason().trim());

  protected submit(): void {
    this.touched.set(true);
    const reason = this.reason().trim();
    if (!reason || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    this.api.end(this.pairing().id, reason).subscribe({
      next: (ended) => {
        this.saving.set(false);
        this.done.emit(ended);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toAppError(err));
      },
    });
  }
}
