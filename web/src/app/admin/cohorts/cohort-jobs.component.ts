import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { CohortDto, JobDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { EMPTY, Subject, catchError, filter, map, merge, of, startWith, switchMap, timer } from 'rxjs';
import { AppError, toAppError } from '../../core/http/api-error';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { isJobActive, jobKindKey, jobPercent, jobStatusColor, jobStatusKey } from './cohort-format';
import { CohortsService } from './cohorts.service';
import { JobProgressComponent } from './job-progress.component';

type JobsState =
  | { status: 'loading'; jobs: JobDto[] | null }
  | { status: 'ok'; jobs: JobDto[] }
  | { status: 'error'; error: AppError; jobs: JobDto[] | null };

/** While a job runs the history refreshes itself this often. */
const REFRESH_MS = 3000;

/** The cohort's background jobs (imports, rule enrolments, reconciles), latest first, and a reconcile. */
@Component({
  selector: 'app-cohort-jobs',
  imports: [
    DatePipe,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzProgressModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    NzTooltipModule,
    TPipe,
    LoadError,
    JobProgressComponent,
  ],
  templateUrl: './cohort-jobs.component.html',
  styleUrl: './cohort-jobs.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortJobsComponent {
  private readonly cohorts = inject(CohortsService);

  readonly cohort = input.required<CohortDto>();
  /** After a job finished that changed the counts. */
  readonly changed = output<void>();

  protected readonly kindKey = jobKindKey;
  protected readonly statusKey = jobStatusKey;
  protected readonly statusColor = jobStatusColor;
  protected readonly percent = jobPercent;
  protected readonly isActive = isJobActive;
  protected readonly isPhone = injectIsPhone();

  private readonly reload$ = new Subject<void>();
  private lastJobs: JobDto[] | null = null;
  protected readonly state = toSignal(
    toObservable(computed(() => this.cohort().id)).pipe(
      switchMap((id) =>
        merge(
          this.reload$.pipe(startWith(undefined)),
          // refresh by itself only while something is moving
          timer(REFRESH_MS, REFRESH_MS).pipe(filter(() => !!this.lastJobs?.some((j) => isJobActive(j.status)))),
        ).pipe(
          switchMap(() => {
            const previous = this.lastJobs;
            return this.cohorts.jobs(id).pipe(
              map((jobs): JobsState => {
                this.lastJobs = jobs;
                return { status: 'ok', jobs };
              }),
              catchError((error: unknown) =>
                previous ? EMPTY : of<JobsState>({ status: 'error', error: toAppError(error), jobs: previous }),
              ),
              startWith<JobsState>({ status: 'loading', jobs: previous }),
            );
          }),
        ),
      ),
    ),
    { initialValue: { status: 'loading', jobs: null } },
  );
  protected readonly jobs = computed(() => this.state().jobs ?? []);
  protected readonly loaded = computed(() => this.state().jobs !== null);
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected readonly reconcileJob = signal<JobDto | null>(null);
  protected readonly starting = signal(false);

  protected refresh(): void {
    this.reload$.next();
  }

  protected reconcile(): void {
    this.starting.set(true);
    this.cohorts.reconcile(this.cohort().id).subscribe({
      next: (job) => {
        this.starting.set(false);
        this.reconcileJob.set(job);
        this.reload$.next();
      },
      error: () => this.starting.set(false),
    });
  }

  protected reconcileChanged(job: JobDto): void {
    const before = this.reconcileJob()?.status;
    this.reconcileJob.set(job);
    if (before !== job.status) {
      this.reload$.next();
      if (job.status === 'succeeded') this.changed.emit();
    }
  }

  protected duration(job: JobDto): string | null {
    if (!job.startedAt || !job.finishedAt) return null;
    const seconds = Math.max(0, Math.round((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000));
    return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  }
}
