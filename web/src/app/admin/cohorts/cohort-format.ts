import type {
  EnrolmentStatus,
  ImportErrorCode,
  JobDto,
  JobKind,
  JobStatus,
  ProgramKind,
  RemindFilter,
  TraineeSort,
} from '@lingyan/contracts';
import type { TranslationKey } from '../../core/i18n/translation-key';

// Compile-time checks that every status, job state and import error has a message.
type Assert<T extends true> = T;
type Covers<K extends string> = K extends TranslationKey ? true : false;
export type _StatusesCovered = Assert<Covers<`cohorts.status.${EnrolmentStatus}`>>;
export type _JobStatusesCovered = Assert<Covers<`cohorts.job.status.${JobStatus}`>>;
export type _JobKindsCovered = Assert<Covers<`cohorts.job.kind.${JobKind}`>>;
export type _ImportErrorsCovered = Assert<Covers<`cohorts.importError.${ImportErrorCode}`>>;
export type _SortsCovered = Assert<Covers<`cohorts.sort.${TraineeSort}`>>;
export type _RemindFiltersCovered = Assert<Covers<`cohorts.remind.filter.${RemindFilter}`>>;

export const statusKey = (status: EnrolmentStatus): TranslationKey => `cohorts.status.${status}`;
export const jobStatusKey = (status: JobStatus): TranslationKey => `cohorts.job.status.${status}`;
export const jobKindKey = (kind: JobKind): TranslationKey => `cohorts.job.kind.${kind}`;
export const importErrorKey = (code: ImportErrorCode): TranslationKey => `cohorts.importError.${code}`;
export const remindFilterKey = (filter: RemindFilter): TranslationKey => `cohorts.remind.filter.${filter}`;
export const sortKey = (sort: TraineeSort): TranslationKey => `cohorts.sort.${sort}`;
export const programKindKey = (kind: ProgramKind): TranslationKey => `programs.kind.${kind}`;

/** The ng-zorro tag colour of an enrolment status. */
export function statusColor(status: EnrolmentStatus): string {
  switch (status) {
    case 'not_started':
      return 'default';
    case 'in_progress':
      return 'processing';
    case 'completed':
      return 'success';
    case 'overdue':
      return 'error';
    default: {
      const unknown: never = status;
      return String(unknown);
    }
  }
}

export function jobStatusColor(status: JobStatus): string {
  switch (status) {
    case 'validating':
    case 'queued':
    case 'running':
      return 'processing';
    case 'ready':
      return 'warning';
    case 'succeeded':
      return 'success';
    case 'failed':
      return 'error';
    case 'cancelled':
      return 'default';
    default: {
      const unknown: never = status;
      return String(unknown);
    }
  }
}

/** States in which a job moves on by itself, so its page polls it. `ready` waits for the administrator. */
export function isJobActive(status: JobStatus): boolean {
  return status === 'validating' || status === 'queued' || status === 'running';
}

export function isJobFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** processed / total as a whole percentage, or null while the total is unknown. */
export function jobPercent(job: Pick<JobDto, 'processed' | 'total' | 'status'>): number | null {
  if (job.status === 'succeeded') return 100;
  if (job.total === null || job.total <= 0) return null;
  return Math.min(100, Math.floor((job.processed / job.total) * 100));
}

/** "2026-03-01 – 2026-06-30" (ISO dates as the API sends them). */
export function dateRange(startsOn: string, endsOn: string): string {
  return `${startsOn} – ${endsOn}`;
}

/** Today as `YYYY-MM-DD` in the user's time zone (the value of an `<input type="date">`). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A relative time ("3 days ago") as a translation key and its parameters. */
export interface RelativeTime {
  key: TranslationKey;
  params: Record<string, number>;
}

export function relativeTime(iso: string, now: number = Date.now()): RelativeTime {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return { key: 'cohorts.time.justNow', params: {} };
  if (minutes < 60) return { key: 'cohorts.time.minutesAgo', params: { n: minutes } };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: 'cohorts.time.hoursAgo', params: { n: hours } };
  const days = Math.floor(hours / 24);
  if (days < 31) return { key: 'cohorts.time.daysAgo', params: { n: days } };
  const months = Math.floor(days / 30);
  if (months < 12) return { key: 'cohorts.time.monthsAgo', params: { n: months } };
  return { key: 'cohorts.time.yearsAgo', params: { n: Math.floor(days / 365) } };
}
