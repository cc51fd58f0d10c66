import { HttpEventType } from '@angular/common/http';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { CohortDto, JobDto } from '@lingyan/contracts';
import { passwordProblem } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Subscription, catchError, distinctUntilChanged, of, switchMap } from 'rxjs';
import { AppError, toAppError } from '../../core/http/api-error';
import { Downloads } from '../../core/http/downloads';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { isJobActive, jobStatusColor, jobStatusKey } from './cohort-format';
import { CohortsService, type ExportFormat } from './cohorts.service';
import { ImportPreviewComponent } from './import-preview.component';
import { JobProgressComponent } from './job-progress.component';

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; loaded: number; total: number }
  | { status: 'failed'; error: AppError };

const ACCEPTED = /\.(csv|xlsx)$/i;
/** How many earlier imports are listed under the form. */
const RECENT = 5;

/**
 * Imports cadres from a CSV (UTF-8 or GBK) or XLSX file: upload with a progress bar, the background
 * check ("checked N of M rows"), the preview with row errors, then the import itself and its result.
 * The page can be left at any point: on return it reattaches to an import still being checked, waiting
 * for confirmation or running.
 */
@Component({
  selector: 'app-cohort-import',
  imports: [
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzProgressModule,
    NzTagModule,
    TPipe,
    ImportPreviewComponent,
    JobProgressComponent,
  ],
  templateUrl: './cohort-import.component.html',
  styleUrl: './cohort-import.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortImportComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly downloads = inject(Downloads);

  readonly cohort = input.required<CohortDto>();
  /** After an import enrolled trainees (the counts changed). */
  readonly changed = output<void>();

  protected readonly errorKey = errorKey;
  protected readonly jobStatusKey = jobStatusKey;
  protected readonly jobStatusColor = jobStatusColor;

  // ---- the form
  protected readonly file = signal<File | null>(null);
  protected readonly fileProblem = signal<TranslationKey | null>(null);
  protected readonly password = signal('');
  protected readonly passwordServerProblem = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly passwordProblem = computed((): TranslationKey | null => {
    const value = this.password();
    if (!value) return this.submitted() ? 'validation.required' : null;
    const problem = passwordProblem(value);
    return problem ? `validation.password.${problem}` : null;
  });
  protected readonly upload = signal<UploadState>({ status: 'idle' });
  protected readonly uploadPercent = computed(() => {
    const state = this.upload();
    return state.status === 'uploading' && state.total > 0 ? Math.floor((state.loaded / state.total) * 100) : 0;
  });
  protected readonly uploadError = computed(() => {
    const state = this.upload();
    return state.status === 'failed' ? state.error : null;
  });
  protected readonly downloading = signal<ExportFormat | null>(null);
  private uploading?: Subscription;

  // ---- the job
  protected readonly job = signal<JobDto | null>(null);
  protected readonly acting = signal(false);
  protected readonly recent = signal<JobDto[]>([]);
  protected readonly recentState = signal<'loading' | 'ok' | 'error'>('loading');

  constructor() {
    toObservable(computed(() => this.cohort().id))
      .pipe(
        distinctUntilChanged(),
        switchMap((id) => {
          this.recentState.set('loading');
          return this.cohorts.jobs(id).pipe(catchError(() => of(null)));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((jobs) => this.showRecent(jobs, true));
  }

  private showRecent(jobs: JobDto[] | null, reattach: boolean): void {
    if (jobs === null) {
      this.recentState.set('error');
      return;
    }
    const imports = jobs.filter((j) => j.kind === 'import');
    this.recent.set(imports.slice(0, RECENT));
    this.recentState.set('ok');
    if (reattach && !this.job()) {
      const open = imports.find((j) => isJobActive(j.status) || j.status === 'ready');
      if (open) this.job.set(open);
    }
  }

  protected reloadRecent(): void {
    this.recentState.set('loading');
    this.cohorts
      .jobs(this.cohort().id)
      .pipe(catchError(() => of(null)))
      .subscribe((jobs) => this.showRecent(jobs, false));
  }

  protected template(format: ExportFormat): void {
    this.downloading.set(format);
    this.downloads.save(this.cohorts.templateUrl(format), `import-template.${format}`).subscribe({
      next: () => this.downloading.set(null),
      error: () => this.downloading.set(null),
    });
  }

  protected picked(event: Event): void {
    const target = event.target as HTMLInputElement;
    const file = target.files?.[0] ?? null;
    target.value = '';
    this.upload.set({ status: 'idle' });
    if (!file) return;
    if (!ACCEPTED.test(file.name)) {
      this.file.set(null);
      this.fileProblem.set('cohorts.import.fileType');
      return;
    }
    this.fileProblem.set(null);
    this.file.set(file);
  }

  protected setPassword(value: string): void {
    this.password.set(value);
    this.passwordServerProblem.set(null);
  }

  protected start(): void {
    this.submitted.set(true);
    const file = this.file();
    if (!file) this.fileProblem.set('cohorts.import.fileRequired');
    if (!file || this.passwordProblem()) return;
    this.upload.set({ status: 'uploading', loaded: 0, total: file.size });
    this.uploading = this.cohorts.startImport(this.cohort().id, file, this.password()).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.upload.set({ status: 'uploading', loaded: event.loaded, total: event.total ?? file.size });
        } else if (event.type === HttpEventType.Response && event.body) {
          this.upload.set({ status: 'idle' });
          this.job.set(event.body);
          this.reloadRecent();
        }
      },
      error: (err: unknown) => this.uploadFailed(toAppError(err)),
    });
  }

  protected cancelUpload(): void {
    this.uploading?.unsubscribe();
    this.upload.set({ status: 'idle' });
  }

  private uploadFailed(error: AppError): void {
    const passwordDetail = error.details?.find((d) => d.field === 'initialPassword');
    if (passwordDetail) {
      this.passwordServerProblem.set(passwordDetail.problems.join('; '));
      this.upload.set({ status: 'idle' });
      return;
    }
    this.upload.set({ status: 'failed', error });
  }

  protected jobChanged(job: JobDto): void {
    const before = this.job();
    this.job.set(job);
    if (before?.status !== job.status) {
      this.reloadRecent();
      if (job.status === 'succeeded') this.changed.emit();
    }
  }

  protected confirmImport(): void {
    const job = this.job();
    if (!job) return;
    this.acting.set(true);
    this.cohorts.confirmJob(job.id).subscribe({
      next: (queued) => {
        this.acting.set(false);
        this.jobChanged(queued);
      },
      error: () => {
        this.acting.set(false);
        // the job may have moved on (another tab confirmed it): show its real state
        this.cohorts.job(job.id).subscribe({ next: (fresh) => this.jobChanged(fresh), error: () => undefined });
      },
    });
  }

  protected cancelImport(): void {
    const job = this.job();
    if (!job) return;
    this.acting.set(true);
    this.cohorts.cancelJob(job.id).subscribe({
      next: () => {
        this.acting.set(false);
        this.startOver();
        this.reloadRecent();
      },
      error: () => this.acting.set(false),
    });
  }

  /** Back to the form, with a fresh file (the password is kept for the next file). */
  protected startOver(): void {
    this.job.set(null);
    this.file.set(null);
    this.fileProblem.set(null);
    this.submitted.set(false);
    this.upload.set({ status: 'idle' });
  }

  protected open(job: JobDto): void {
    this.job.set(job);
    // refresh: the listed state may be old
    this.cohorts.job(job.id).subscribe({ next: (fresh) => this.jobChanged(fresh), error: () => undefined });
  }

  protected sizeLabel(bytes: number): string {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }
}
