import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { REMIND_FILTERS, type RemindFilter, type RemindResponse } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { catchError, map, of, switchMap } from 'rxjs';
import { TPipe } from '../../core/i18n/t.pipe';
import { RegionsService } from '../../share/regions/regions.service';
import { remindFilterKey } from './cohort-format';
import { CohortsService } from './cohorts.service';

const DEFAULT_INACTIVE_DAYS = 14;
const MESSAGE_MAX = 200;

/**
 * "Remind all matching": one in-app notification to everyone in a region of the cohort who is overdue,
 * inactive for N days, or not completed. Trainees reminded in the last 24 hours are skipped by the API.
 */
@Component({
  selector: 'app-remind-all',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzModalModule,
    NzSelectModule,
    TPipe,
  ],
  template: `
    <nz-modal
      [nzVisible]="true"
      [nzTitle]="'cohorts.remind.allTitle' | t"
      [nzFooter]="footer"
      nzWrapClassName="ly-modal-phone"
      (nzOnCancel)="closed.emit()"
    >
      <div *nzModalContent nz-form nzLayout="vertical">
        <p class="scope" data-testid="remind-scope">
          {{ 'cohorts.remind.scope' | t: { region: regionName() ?? ('cohorts.remind.scopeAll' | t) } }}
        </p>
        @if (result(); as r) {
          <nz-alert
            nzType="success"
            nzShowIcon
            data-testid="remind-result"
            [nzMessage]="'cohorts.remind.result' | t: { sent: r.sent, skipped: r.skipped }"
            [nzDescription]="r.skipped > 0 ? ('cohorts.remind.skippedHint' | t) : ''"
          />
        } @else {
          <nz-form-item>
            <nz-form-label nzFor="r-filter">{{ 'cohorts.remind.who' | t }}</nz-form-label>
            <nz-form-control>
              <nz-select
                nzId="r-filter"
                class="filter"
                data-testid="remind-filter"
                [ngModel]="filter()"
                (ngModelChange)="filter.set($event)"
              >
                @for (f of filters; track f) {
                  <nz-option [nzValue]="f" [nzLabel]="filterKey(f) | t" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
          @if (filter() === 'inactive') {
            <nz-form-item>
              <nz-form-label nzFor="r-days">{{ 'cohorts.remind.days' | t }}</nz-form-label>
              <nz-form-control>
                <nz-input-number
                  nzId="r-days"
                  [nzMin]="1"
                  [nzMax]="365"
                  [nzStep]="1"
                  [ngModel]="days()"
                  (ngModelChange)="days.set($event ?? defaultDays)"
                />
              </nz-form-control>
            </nz-form-item>
          }
          <nz-form-item>
            <nz-form-label nzFor="r-message">{{ 'cohorts.remind.message' | t }}</nz-form-label>
            <nz-form-control [nzExtra]="'cohorts.remind.messageHint' | t">
              <textarea
                nz-input
                id="r-message"
                rows="2"
                [maxlength]="messageMax"
                [ngModel]="message()"
                (ngModelChange)="message.set($event)"
              ></textarea>
            </nz-form-control>
          </nz-form-item>
        }
      </div>
      <ng-template #footer>
        @if (result()) {
          <button nz-button nzType="primary" type="button" (click)="closed.emit()">{{ 'common.close' | t }}</button>
        } @else {
          <button nz-button type="button" (click)="closed.emit()">{{ 'common.cancel' | t }}</button>
          <button
            nz-button
            nzType="primary"
            type="button"
            [nzLoading]="sending()"
            (click)="send()"
            data-testid="remind-send"
          >
            {{ 'cohorts.remind.send' | t }}
          </button>
        }
      </ng-template>
    </nz-modal>
  `,
  styles: `
    .scope {
      color: rgba(0, 0, 0, 0.65);
    }
    .filter {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RemindAllDialog {
  private readonly cohorts = inject(CohortsService);
  private readonly regions = inject(RegionsService);

  readonly cohortId = input.required<string>();
  /** The region to remind in (default: the admin's whole part of the cohort). */
  readonly region = input<string | null>(null);
  readonly presetFilter = input<RemindFilter | null>(null);
  readonly presetDays = input<number | null>(null);
  readonly sent = output<RemindResponse>();
  readonly closed = output<void>();

  protected readonly filters = REMIND_FILTERS;
  protected readonly filterKey = remindFilterKey;
  protected readonly defaultDays = DEFAULT_INACTIVE_DAYS;
  protected readonly messageMax = MESSAGE_MAX;

  protected readonly filter = linkedSignal<RemindFilter>(() => this.presetFilter() ?? 'overdue');
  protected readonly days = linkedSignal<number>(() => this.presetDays() ?? DEFAULT_INACTIVE_DAYS);
  protected readonly message = signal('');
  protected readonly sending = signal(false);
  protected readonly result = signal<RemindResponse | null>(null);

  protected readonly regionName = toSignal(
    toObservable(this.region).pipe(
      switchMap((code) =>
        code
          ? this.regions.get(code).pipe(
              map((region) => region.name),
              catchError(() => of(code)),
            )
          : of(null),
      ),
    ),
    { initialValue: null },
  );

  protected send(): void {
    const filter = this.filter();
    this.sending.set(true);
    this.cohorts
      .remind(this.cohortId(), {
        region: this.region() ?? undefined,
        filter,
        inactiveDays: filter === 'inactive' ? this.days() : undefined,
        message: this.message().trim() || undefined,
      })
      .subscribe({
        next: (result) => {
          this.sending.set(false);
          this.result.set(result);
          this.sent.emit(result);
        },
        error: () => this.sending.set(false),
      });
  }
}
