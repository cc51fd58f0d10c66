import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { CohortSummaryDto, CohortTraineeDto, TransferRequest } from '@lingyan/contracts';
import { regionLevelOf } from '@lingyan/domain';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RegionPicker } from '../../share/regions/region-picker';
import { CohortsService } from './cohorts.service';

type Target = 'village' | 'cohort';
type OtherCohorts = { status: 'loading' } | { status: 'ok'; cohorts: CohortSummaryDto[] } | { status: 'error' };

/**
 * Moves one trainee to another village (their account's home; their progress stays) or to another
 * cohort of the same program. Villages are picked in the admin's own subtree.
 */
@Component({
  selector: 'app-trainee-transfer',
  imports: [FormsModule, NzFormModule, NzModalModule, NzSegmentedModule, NzSelectModule, TPipe, RegionPicker],
  template: `
    <nz-modal
      [nzVisible]="true"
      [nzTitle]="'cohorts.transfer.title' | t: { name: trainee().name }"
      [nzOkText]="'cohorts.transfer.confirm' | t"
      [nzCancelText]="'common.cancel' | t"
      [nzOkLoading]="saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnOk)="submit()"
      (nzOnCancel)="closed.emit()"
    >
      <div *nzModalContent nz-form nzLayout="vertical">
        <p class="from">{{ 'cohorts.transfer.from' | t: { village: trainee().regionLabel } }}</p>
        <nz-segmented
          class="targets"
          nzBlock
          data-testid="transfer-target"
          [nzOptions]="targetOptions()"
          [ngModel]="target()"
          (ngModelChange)="target.set($event)"
        />

        @if (target() === 'village') {
          <nz-form-item>
            <nz-form-label nzRequired>{{ 'cohorts.transfer.village' | t }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="villageProblem() ? 'error' : ''"
              [nzErrorTip]="villageProblem() ? (villageProblem()! | t) : ''"
              [nzExtra]="'cohorts.transfer.villageHint' | t"
            >
              <app-region-picker
                testId="transfer-village"
                [ngModel]="village()"
                (ngModelChange)="village.set($event)"
              />
            </nz-form-control>
          </nz-form-item>
        } @else {
          <nz-form-item>
            <nz-form-label nzRequired>{{ 'cohorts.transfer.cohort' | t }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="touched() && !otherCohort() ? 'error' : ''"
              [nzErrorTip]="'cohorts.transfer.cohortRequired' | t"
              [nzExtra]="'cohorts.transfer.cohortHint' | t"
            >
              <nz-select
                data-testid="transfer-cohort"
                [nzLoading]="others().status === 'loading'"
                [nzPlaceHolder]="'cohorts.transfer.cohortPlaceholder' | t"
                [nzNotFoundContent]="
                  (others().status === 'error' ? 'cohorts.transfer.cohortsFailed' : 'cohorts.transfer.noCohorts') | t
                "
                [ngModel]="otherCohort()"
                (ngModelChange)="otherCohort.set($event)"
              >
                @for (c of otherCohorts(); track c.id) {
                  <nz-option [nzValue]="c.id" [nzLabel]="c.name + ' · ' + c.region.name" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
        }
      </div>
    </nz-modal>
  `,
  styles: `
    .from {
      color: rgba(0, 0, 0, 0.65);
    }
    .targets {
      margin-bottom: 16px;
    }
    /* long labels wrap on phones instead of being cut off */
    .targets ::ng-deep .ant-segmented-item-label {
      white-space: normal;
      line-height: 1.3;
      padding-block: 5px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeTransferDialog {
  private readonly cohorts = inject(CohortsService);
  private readonly i18n = inject(I18nService);

  readonly cohortId = input.required<string>();
  readonly trainee = input.required<CohortTraineeDto>();
  readonly done = output<void>();
  readonly closed = output<void>();

  protected readonly target = signal<Target>('village');
  protected readonly targetOptions = computed(() => [
    { label: this.i18n.t('cohorts.transfer.toVillage'), value: 'village' },
    { label: this.i18n.t('cohorts.transfer.toCohort'), value: 'cohort' },
  ]);
  protected readonly village = signal<string | null>(null);
  protected readonly otherCohort = signal<string | null>(null);
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);

  protected readonly villageProblem = computed(() => {
    const code = this.village();
    if (!code) return this.touched() ? ('cohorts.transfer.villageRequired' as const) : null;
    if (regionLevelOf(code) !== 'village') return 'cohorts.transfer.villageOnly' as const;
    if (code === this.trainee().regionCode) return 'cohorts.transfer.sameVillage' as const;
    return null;
  });

  /** The other cohorts of this cohort's program (the API limits them to the admin's region). */
  protected readonly others = toSignal(
    toObservable(this.cohortId).pipe(
      switchMap((id) =>
        this.cohorts.get(id).pipe(
          switchMap((cohort) => this.cohorts.list({ programId: cohort.program.id, limit: 100 })),
          map((page): OtherCohorts => ({ status: 'ok', cohorts: page.items })),
          catchError(() => of<OtherCohorts>({ status: 'error' })),
          startWith<OtherCohorts>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } },
  );
  protected readonly otherCohorts = computed(() => {
    const state = this.others();
    return state.status === 'ok' ? state.cohorts.filter((c) => c.id !== this.cohortId()) : [];
  });

  protected submit(): void {
    this.touched.set(true);
    let request: TransferRequest;
    if (this.target() === 'village') {
      const code = this.village();
      if (!code || this.villageProblem()) return;
      request = { villageCode: code };
    } else {
      const cohortId = this.otherCohort();
      if (!cohortId) return;
      request = { cohortId };
    }
    this.saving.set(true);
    this.cohorts.transfer(this.cohortId(), this.trainee().userId, request).subscribe({
      next: () => {
        this.saving.set(false);
        this.done.emit();
      },
      error: () => this.saving.set(false),
    });
  }
}
