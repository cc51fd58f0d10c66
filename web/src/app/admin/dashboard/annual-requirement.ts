import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AnnualRequirementDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { finalize } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { CohortsService } from '../cohorts/cohorts.service';

const MIN_HOURS = 1;
const MAX_HOURS = 500;

/**
 * The annual requirement (学时 per year, set per province) and today's even pace. Only a province
 * administrator may change it (the API refuses everyone else), so only they get the button.
 */
@Component({
  selector: 'app-annual-requirement',
  imports: [FormsModule, NzButtonModule, NzFormModule, NzIconModule, NzInputNumberModule, NzModalModule, TPipe],
  template: `
    @if (annual() || canEdit()) {
      <div class="annual" data-testid="annual-requirement">
        <span class="text">
          <nz-icon nzType="clock-circle" class="icon" />
          @if (annual(); as a) {
            <span class="year">{{ 'dashboard.annual.year' | t: { year: a.year } }}</span>
            <span data-testid="annual-text">{{
              'dashboard.annual.text' | t: { hours: a.creditHours, pace: a.paceToday }
            }}</span>
          } @else {
            <span class="muted">{{ 'dashboard.annual.notSet' | t }}</span>
          }
        </span>
        @if (canEdit()) {
          <button nz-button nzType="link" nzSize="small" type="button" data-testid="annual-edit" (click)="openModal()">
            <nz-icon nzType="edit" />{{ (annual() ? 'dashboard.annual.edit' : 'dashboard.annual.set') | t }}
          </button>
        }
      </div>
    }

    <nz-modal
      [nzVisible]="open()"
      [nzTitle]="'dashboard.annual.modalTitle' | t: { year: year() }"
      [nzOkText]="'common.save' | t"
      [nzCancelText]="'common.cancel' | t"
      [nzOkLoading]="saving()"
      [nzOkDisabled]="!valid()"
      (nzOnOk)="save()"
      (nzOnCancel)="open.set(false)"
    >
      <ng-container *nzModalContent>
        <form nz-form nzLayout="vertical" (ngSubmit)="save()">
          <nz-form-item>
            <nz-form-label nzFor="annual-hours">{{ 'dashboard.annual.label' | t }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="valid() ? '' : 'error'"
              [nzErrorTip]="'dashboard.annual.invalid' | t"
              [nzExtra]="'dashboard.annual.hint' | t"
            >
              <nz-input-number
                nzId="annual-hours"
                name="hours"
                data-testid="annual-hours"
                [nzMin]="min"
                [nzMax]="max"
                [nzStep]="1"
                [ngModel]="hours()"
                (ngModelChange)="hours.set($event)"
              />
              <span class="unit">{{ 'dashboard.annual.unit' | t }}</span>
            </nz-form-control>
          </nz-form-item>
        </form>
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .annual {
      display: flex;
      align-items: center;
      gap: 4px;
      padding: 8px 12px;
      border-radius: 8px;
      background: #f6ffed;
      border: 1px solid #d9f7be;
      color: rgba(0, 0, 0, 0.75);
    }
    .text {
      flex: 1;
      min-width: 0;
    }
    .icon {
      margin-right: 6px;
      color: #389e0d;
    }
    .year {
      margin-right: 6px;
      font-weight: 600;
    }
    .muted {
      color: rgba(0, 0, 0, 0.5);
    }
    .unit {
      margin-left: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnnualRequirement {
  private readonly cohorts = inject(CohortsService);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(I18nService);

  readonly annual = input.required<AnnualRequirementDto | null>();
  readonly canEdit = input(false);
  readonly changed = output<AnnualRequirementDto>();

  protected readonly min = MIN_HOURS;
  protected readonly max = MAX_HOURS;
  protected readonly open = signal(false);
  protected readonly saving = signal(false);
  protected readonly hours = signal<number | null>(null);
  protected readonly year = computed(() => this.annual()?.year ?? new Date().getFullYear());
  protected readonly valid = computed(() => {
    const hours = this.hours();
    return typeof hours === 'number' && Number.isFinite(hours) && hours >= MIN_HOURS && hours <= MAX_HOURS;
  });

  protected openModal(): void {
    this.hours.set(this.annual()?.creditHours ?? 50);
    this.open.set(true);
  }

  protected save(): void {
    const hours = this.hours();
    if (!this.valid() || hours === null || this.saving()) return;
    this.saving.set(true);
    this.cohorts
      .setAnnualRequirement(hours)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (annual) => {
          this.open.set(false);
          this.message.success(this.i18n.t('dashboard.annual.saved'));
          this.changed.emit(annual);
        },
        // the interceptor has toasted the reason; the dialog stays open to try again
        error: () => undefined,
      });
  }
}
