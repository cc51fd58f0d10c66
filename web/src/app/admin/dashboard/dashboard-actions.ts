import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { JobDto, ReconcileResultDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { finalize } from 'rxjs';
import { Downloads } from '../../core/http/downloads';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { COHORT_ICONS } from '../cohorts/cohort-icons';
import { CohortsService, type ExportFormat } from '../cohorts/cohorts.service';
import { JobProgressComponent } from '../cohorts/job-progress.component';

const isReconcileResult = (r: JobDto['result']): r is ReconcileResultDto => !!r && 'mismatched' in r;

/**
 * Export of the region table shown (CSV / XLSX, named by the server), and the rarely needed actions
 * behind "more": refresh, and the reconcile job that recounts the maintained counts from the progress
 * rows and proves they match.
 */
@Component({
  selector: 'app-dashboard-actions',
  imports: [NzAlertModule, NzButtonModule, NzDropDownModule, NzIconModule, NzModalModule, TPipe, JobProgressComponent],
  // the job view's "resume" icon belongs to the cohort screens' set
  providers: [provideNzIconsPatch(COHORT_ICONS)],
  template: `
    <div class="actions">
      @if (canExport()) {
        <button
          nz-button
          type="button"
          nz-dropdown
          nzTrigger="click"
          [nzDropdownMenu]="exportMenu"
          [nzLoading]="exporting()"
          data-testid="export-regions"
        >
          <nz-icon nzType="download" />{{ 'dashboard.export.label' | t }}<nz-icon nzType="down" />
        </button>
        <nz-dropdown-menu #exportMenu="nzDropdownMenu">
          <ul nz-menu>
            <li
              nz-menu-item
              tabindex="0"
              data-testid="export-csv"
              (click)="export('csv')"
              (keydown.enter)="export('csv')"
            >
              <nz-icon class="menu-icon" nzType="file-text" />{{ 'dashboard.export.csv' | t }}
            </li>
            <li
              nz-menu-item
              tabindex="0"
              data-testid="export-xlsx"
              (click)="export('xlsx')"
              (keydown.enter)="export('xlsx')"
            >
              <nz-icon class="menu-icon" nzType="file-excel" />{{ 'dashboard.export.xlsx' | t }}
            </li>
          </ul>
        </nz-dropdown-menu>
      }

      <button
        nz-button
        type="button"
        nz-dropdown
        nzTrigger="click"
        nzPlacement="bottomRight"
        [nzDropdownMenu]="moreMenu"
        [attr.aria-label]="'dashboard.more' | t"
        [attr.title]="'dashboard.more' | t"
        data-testid="dashboard-more"
      >
        <nz-icon nzType="ellipsis" />
      </button>
      <nz-dropdown-menu #moreMenu="nzDropdownMenu">
        <ul nz-menu>
          <li
            nz-menu-item
            tabindex="0"
            data-testid="dashboard-refresh"
            (click)="refresh.emit()"
            (keydown.enter)="refresh.emit()"
          >
            <nz-icon class="menu-icon" nzType="reload" />{{ 'dashboard.refresh' | t }}
          </li>
          <li
            nz-menu-item
            tabindex="0"
            data-testid="reconcile"
            (click)="confirmOpen.set(true)"
            (keydown.enter)="confirmOpen.set(true)"
          >
            <nz-icon class="menu-icon" nzType="sync" />{{ 'dashboard.reconcile.action' | t }}
          </li>
        </ul>
      </nz-dropdown-menu>
    </div>

    <nz-modal
      [nzVisible]="confirmOpen()"
      [nzTitle]="'dashboard.reconcile.confirmTitle' | t"
      [nzOkText]="'dashboard.reconcile.start' | t"
      [nzCancelText]="'common.cancel' | t"
      [nzOkLoading]="starting()"
      (nzOnOk)="startReconcile()"
      (nzOnCancel)="confirmOpen.set(false)"
    >
      <p *nzModalContent>{{ 'dashboard.reconcile.confirmText' | t }}</p>
    </nz-modal>

    <nz-modal
      [nzVisible]="job() !== null"
      [nzTitle]="'dashboard.reconcile.title' | t"
      [nzFooter]="null"
      (nzOnCancel)="job.set(null)"
    >
      <ng-container *nzModalContent>
        @if (job(); as j) {
          <app-job-progress [job]="j" testId="reconcile-job" (jobChange)="onJobChange($event)" />
          @if (outcome(); as o) {
            <nz-alert
              class="outcome"
              [nzType]="o.type"
              nzShowIcon
              [nzMessage]="o.text"
              data-testid="reconcile-outcome"
            />
          }
        }
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .actions {
      display: flex;
      gap: 8px;
    }
    .menu-icon {
      margin-right: 8px;
    }
    .outcome {
      margin-top: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardActions {
  private readonly cohorts = inject(CohortsService);
  private readonly downloads = inject(Downloads);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(I18nService);

  readonly cohortId = input.required<string>();
  /** The region whose child regions the export lists. */
  readonly region = input.required<string>();
  /** False at a village: it has no region table (its trainee list exports itself). */
  readonly canExport = input(true);
  readonly refresh = output<void>();
  /** The reconcile job finished and may have rebuilt the counts. */
  readonly reconciled = output<void>();

  protected readonly exporting = signal(false);
  protected readonly confirmOpen = signal(false);
  protected readonly starting = signal(false);
  protected readonly job = signal<JobDto | null>(null);
  protected readonly outcome = signal<{ type: 'success' | 'info'; text: string } | null>(null);

  protected export(format: ExportFormat): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const url = this.cohorts.exportUrl(this.cohortId(), 'regions', format, { region: this.region() });
    this.downloads
      .save(url, `regions.${format}`)
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: (file) => this.message.success(this.i18n.t('dashboard.export.done', { file })),
        // the interceptor has toasted the reason
        error: () => undefined,
      });
  }

  protected startReconcile(): void {
    if (this.starting()) return;
    this.starting.set(true);
    this.outcome.set(null);
    this.cohorts
      .reconcile(this.cohortId())
      .pipe(finalize(() => this.starting.set(false)))
      .subscribe({
        next: (job) => {
          this.confirmOpen.set(false);
          this.job.set(job);
          this.onJobChange(job);
        },
        error: () => undefined,
      });
  }

  /** The job view shows progress, failures and "resume"; this adds what the result means. */
  protected onJobChange(job: JobDto): void {
    if (job.status !== 'succeeded') {
      this.outcome.set(null);
      return;
    }
    const mismatched = isReconcileResult(job.result) ? job.result.mismatched : 0;
    this.outcome.set(
      mismatched > 0
        ? { type: 'info', text: this.i18n.t('dashboard.reconcile.fixed', { count: mismatched }) }
        : { type: 'success', text: this.i18n.t('dashboard.reconcile.ok') },
    );
    this.reconciled.emit();
  }
}
