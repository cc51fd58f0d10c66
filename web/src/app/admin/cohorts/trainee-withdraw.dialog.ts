import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { CohortTraineeDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { TPipe } from '../../core/i18n/t.pipe';
import { CohortsService } from './cohorts.service';

const REASON_MAX = 200;

/** Withdraws the chosen trainees from the cohort, with a reason (kept with the enrolment). */
@Component({
  selector: 'app-trainee-withdraw',
  imports: [FormsModule, NzAlertModule, NzFormModule, NzInputModule, NzModalModule, TPipe],
  template: `
    <nz-modal
      [nzVisible]="true"
      [nzTitle]="'cohorts.withdraw.title' | t: { count: trainees().length }"
      [nzOkText]="'cohorts.withdraw.confirm' | t"
      [nzCancelText]="'common.cancel' | t"
      [nzOkDanger]="true"
      [nzOkLoading]="saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnOk)="submit()"
      (nzOnCancel)="closed.emit()"
    >
      <div *nzModalContent nz-form nzLayout="vertical">
        <nz-alert nzType="warning" nzShowIcon [nzMessage]="'cohorts.withdraw.warning' | t" class="warn" />
        <p class="names" data-testid="withdraw-names">{{ names() }}</p>
        <nz-form-item>
          <nz-form-label nzFor="w-reason" nzRequired>{{ 'cohorts.withdraw.reason' | t }}</nz-form-label>
          <nz-form-control
            [nzValidateStatus]="showError() ? 'error' : ''"
            [nzErrorTip]="'cohorts.withdraw.reasonRequired' | t"
          >
            <textarea
              nz-input
              id="w-reason"
              rows="3"
              data-testid="withdraw-reason"
              [maxlength]="max"
              [placeholder]="'cohorts.withdraw.reasonPlaceholder' | t"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event)"
            ></textarea>
          </nz-form-control>
        </nz-form-item>
      </div>
    </nz-modal>
  `,
  styles: `
    .warn {
      margin-bottom: 12px;
    }
    .names {
      max-height: 96px;
      overflow: auto;
      color: rgba(0, 0, 0, 0.65);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeWithdrawDialog {
  private readonly cohorts = inject(CohortsService);

  readonly cohortId = input.required<string>();
  readonly trainees = input.required<CohortTraineeDto[]>();
  /** The number withdrawn. */
  readonly done = output<number>();
  readonly closed = output<void>();

  protected readonly max = REASON_MAX;
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly showError = computed(() => this.touched() && !this.reason().trim());
  protected readonly names = computed(() =>
    this.trainees()
      .map((t) => t.name)
      .join('、'),
  );

  protected submit(): void {
    this.touched.set(true);
    const reason = this.reason().trim();
    if (!reason) return;
    this.saving.set(true);
    this.cohorts.withdraw(this.cohortId(), { userIds: this.trainees().map((t) => t.userId), reason }).subscribe({
      next: (result) => {
        this.saving.set(false);
        this.done.emit(result.withdrawn);
      },
      error: () => this.saving.set(false),
    });
  }
}
