import type { CompletionCountsDto, RegionCountsDto } from '@lingyan/contracts';

/** Today as `YYYY-MM-DD` in the user's time zone, comparable with the API's dates. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A rate of 0–100 with one decimal as the API sends it, shown without a trailing `.0`. */
export function formatRate(rate: number): string {
  return (Math.round(rate * 10) / 10).toString();
}

const COUNT_FORMAT = new Intl.NumberFormat('zh-CN');

/** A head count with thousands separators (`126,000`), the same in both languages. */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** Share of `part` in `whole` as a CSS percentage, for the stacked status bar. */
export function share(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** Child regions by completion rate, highest first; ties by enrolled (larger first), then by name. */
export function byRate(rows: readonly RegionCountsDto[]): RegionCountsDto[] {
  return [...rows].sort(
    (a, b) =>
      b.completionRate - a.completionRate ||
      b.enrolled - a.enrolled ||
      a.region.name.localeCompare(b.region.name, 'zh-Hans-CN'),
  );
}

export type StatusCounts = Pick<CompletionCountsDto, 'completed' | 'inProgress' | 'notStarted' | 'overdue'>;
