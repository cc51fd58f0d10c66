import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { EnrolRuleResultDto, ImportResultDto, JobDto, ReconcileResultDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { EMPTY, catchError, distinctUntilChanged, exhaustMap, switchMap, timer } from 'rxjs';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { isJobActive, isJobFinished, jobKindKey, jobPercent, jobStatusColor, jobStatusKey } from './cohort-format';
import { CohortsService } from './cohorts.service';

interface ResultLine {
  key: TranslationKey;
  value: number;
  testId: string;
}

const isImportResult = (r: JobDto['result']): r is ImportResultDto => !!r && 'accountsCreated' in r;
const isRuleResult = (r: JobDto['result']): r is EnrolRuleResultDto => !!r && 'matched' in r;
const isReconcileResult = (r: JobDto['result']): r is ReconcileResultDto => !!r && 'mismatched' in r;

/**
 * A background job (import, rule enrolment, reconcile) as it runs: status, a progress bar ("checked 1,200
 * of 5,000 rows"), then the result or the error with a "resume" button. While the job moves on by itself
 * it polls `GET /api/jobs/:id` about once a second and emits every change, so that the page can react
 * (show an import's preview, refresh counts). An import's preview (`ready`) is the import page's own.
 */
@Component({
  selector: 'app-job-progress',
  imports: [DatePipe, NzAlertModule, NzButtonModule, NzIconModule, NzProgressModule, NzTagModule, TPipe],
  template: `
    @let j = live();
    <div class="job" [attr.data-testid]="testId()" [attr.data-status]="j.status" aria-live="polite">
      <div class="head">
        <span class="kind">{{ kindKey(j.kind) | t }}</span>
        <nz-tag [nzColor]="statusColor(j.status)" data-testid="job-status">{{ statusKey(j.status) | t }}</nz-tag>
        @if (j.fileName) {
          <span class="file" [title]="j.fileName">{{ j.fileName }}</span>
        }
      </div>

      @if (active() || j.status === 'ready') {
        @if (percent() === null && active()) {
          <!-- the file is streamed: until its end is reached the number of rows is unknown -->
          <div class="indeterminate" role="progressbar" data-testid="job-bar"><span></span></div>
        } @else {
          <nz-progress [nzPercent]="percent() ?? 0" [nzStatus]="active() ? 'active' : 'normal'" data-testid="job-bar" />
        }
        <p class="line" data-testid="job-line">{{ progressKey() | t: { done: j.processed, total: j.total ?? 0 } }}</p>
      }

      @if (j.status === 'succeeded') {
        <ul class="result" data-testid="job-result">
          @for (line of resultLines(); track line.key) {
            <li [attr.data-testid]="line.testId">
              <span class="label">{{ line.key | t }}</span
              ><strong>{{ line.value }}</strong>
            </li>
          }
        </ul>
      }

      @if (j.status === 'failed') {
        <nz-alert
          nzType="error"
          nzShowIcon
          [nzMessage]="'cohorts.job.failedTitle' | t"
          [nzDescription]="j.error || ('cohorts.job.failedUnknown' | t)"
          data-testid="job-error"
        />
        <div class="actions">
          <button
            nz-button
            nzType="primary"
            type="button"
            [nzLoading]="resuming()"
            (click)="resume()"
            data-testid="job-resume"
          >
            <nz-icon nzType="redo" />{{ 'cohorts.job.resume' | t }}
          </button>
          <span class="hint">{{ 'cohorts.job.resumeHint' | t }}</span>
        </div>
      }

      @if (j.status === 'cancelled') {
        <p class="line">{{ 'cohorts.job.cancelledText' | t }}</p>
      }

      <p class="times">
        {{ 'cohorts.job.createdBy' | t: { name: j.createdBy.name, time: (j.createdAt | date: 'MM-dd HH:mm') ?? '' } }}
        @if (j.finishedAt) {
          · {{ 'cohorts.job.finishedAt' | t: { time: (j.finishedAt | date: 'MM-dd HH:mm:ss') ?? '' } }}
        }
      </p>
    </div>
  `,
  styles: `
    .job {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .kind {
      font-weight: 600;
    }
    .indeterminate {
      position: relative;
      height: 8px;
      overflow: hidden;
      border-radius: 100px;
      background: rgba(0, 0, 0, 0.06);
    }
    .indeterminate span {
      position: absolute;
      top: 0;
      bottom: 0;
      width: 30%;
      border-radius: 100px;
      background: var(--ant-primary-color, #1d39c4);
      animation: slide 1.2s ease-in-out infinite;
    }
    @keyframes slide {
      from {
        left: -30%;
      }
      to {
        left: 100%;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .indeterminate span {
        left: 35%;
        animation: none;
      }
    }
    .file {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: rgba(0, 0, 0, 0.55);
    }
    .line,
    .times {
      margin: 0;
      color: rgba(0, 0, 0, 0.65);
    }
    .times {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
    .result {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .result li {
      display: flex;
      flex-direction: column;
      padding: 8px 12px;
      border-radius: 6px;
      background: #f6f8fc;
    }
    .result strong {
      font-size: 20px;
      font-variant-numeric: tabular-nums;
    }
    .label {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.55);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .hint {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobProgressComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly destroyRef = inject(DestroyRef);

  readonly job = input.required<JobDto>();
  readonly testId = input('job-progress');
  /** Polling interval while the job runs. */
  readonly pollMs = input(1000);
  /** Every new state of the job seen by polling or by resuming. */
  readonly jobChange = output<JobDto>();

  protected readonly kindKey = jobKindKey;
  protected readonly statusKey = jobStatusKey;
  protected readonly statusColor = jobStatusColor;

  /** The job as last seen: the input, replaced by what polling finds. */
  protected readonly live = linkedSignal(() => this.job());
  protected readonly active = computed(() => isJobActive(this.live().status));
  protected readonly percent = computed(() => jobPercent(this.live()));
  protected readonly resuming = signal(false);

  protected readonly progressKey = computed((): TranslationKey => {
    const job = this.live();
    if (job.status === 'queued') return 'cohorts.job.queuedLine';
    if (job.status === 'ready') return 'cohorts.job.readyLine';
    if (job.total === null) {
      return job.status === 'validating' && job.processed > 0 ? 'cohorts.job.checkedSoFar' : 'cohorts.job.startingLine';
    }
    if (job.status === 'validating') return 'cohorts.job.checkedLine';
    return job.kind === 'import'
      ? 'cohorts.job.importedLine'
      : job.kind === 'enrol_rule'
        ? 'cohorts.job.enrolledLine'
        : 'cohorts.job.reconciledLine';
  });

  protected readonly resultLines = computed((): ResultLine[] => {
    const result = this.live().result;
    if (isImportResult(result)) {
      return [
        { key: 'cohorts.result.accountsCreated', value: result.accountsCreated, testId: 'result-created' },
        { key: 'cohorts.result.enrolled', value: result.enrolled, testId: 'result-enrolled' },
        { key: 'cohorts.result.alreadyEnrolled', value: result.alreadyEnrolled, testId: 'result-already' },
        { key: 'cohorts.result.skippedRows', value: result.skippedRows, testId: 'result-skipped' },
      ];
    }
    if (isRuleResult(result)) {
      return [
        { key: 'cohorts.result.matched', value: result.matched, testId: 'result-matched' },
        { key: 'cohorts.result.enrolled', value: result.enrolled, testId: 'result-enrolled' },
        { key: 'cohorts.result.alreadyEnrolled', value: result.alreadyEnrolled, testId: 'result-already' },
      ];
    }
    if (isReconcileResult(result)) {
      return [
        { key: 'cohorts.result.checked', value: result.checked, testId: 'result-checked' },
        { key: 'cohorts.result.mismatched', value: result.mismatched, testId: 'result-mismatched' },
        { key: 'cohorts.result.refreshed', value: result.enrolmentsRefreshed, testId: 'result-refreshed' },
      ];
    }
    return [];
  });

  constructor() {
    // Poll only while the job moves on by itself; a new id or a restart (resume) begins a new loop.
    const pollTarget = computed(() => (this.active() ? this.live().id : null));
    toObservable(pollTarget)
      .pipe(
        distinctUntilChanged(),
        switchMap((id) =>
          id === null
            ? EMPTY
            : timer(this.pollMs(), this.pollMs()).pipe(
                // a slow answer is not overtaken by the next tick; a failed one is simply tried again
                exhaustMap(() => this.cohorts.job(id).pipe(catchError(() => EMPTY))),
              ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((job) => this.update(job));
  }

  protected resume(): void {
    this.resuming.set(true);
    this.cohorts.resumeJob(this.live().id).subscribe({
      next: (job) => {
        this.resuming.set(false);
        this.update(job);
      },
      error: () => this.resuming.set(false),
    });
  }

  private update(job: JobDto): void {
    const before = this.live();
    this.live.set(job);
    if (
      before.status !== job.status ||
      before.processed !== job.processed ||
      before.total !== job.total ||
      isJobFinished(job.status)
    ) {
      this.jobChange.emit(job);
    }
  }
}
