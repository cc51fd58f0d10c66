import type { CourseCategory, ModuleKind, ProgressStatus } from '@lingyan/contracts';
import { DEFAULT_CREDIT_TABLE } from '@lingyan/domain';
import type { Lang, TranslationKey } from '../core/i18n/translation-key';

export const categoryKey = (category: CourseCategory): TranslationKey => `learn.category.${category}`;
export const statusKey = (status: ProgressStatus): TranslationKey => `learn.status.${status}`;
export const kindKey = (kind: ModuleKind): TranslationKey => `learn.kind.${kind}`;

const KIND_ICONS: Record<ModuleKind, string> = {
  article: 'file-text',
  video: 'play-circle',
  document: 'file-pdf',
  quiz: 'form',
  assignment: 'edit',
};
export const kindIcon = (kind: ModuleKind): string => KIND_ICONS[kind] ?? 'file';

/** The look of a course without a cover image: a tint and an icon per category. */
export interface CategoryLook {
  background: string;
  color: string;
  icon: string;
}

const CATEGORY_LOOKS: Record<CourseCategory, CategoryLook> = {
  party_building: { background: '#fff1f0', color: '#cf1322', icon: 'flag' },
  industry: { background: '#fff7e6', color: '#d46b08', icon: 'shop' },
  governance: { background: '#e6f4ff', color: '#0958d9', icon: 'team' },
  rural_construction: { background: '#f6ffed', color: '#389e0d', icon: 'home' },
  common_prosperity: { background: '#f9f0ff', color: '#531dab', icon: 'rise' },
  digital_reform: { background: '#e6fffb', color: '#08979c', icon: 'cloud-server' },
};

export const categoryLook = (category: CourseCategory): CategoryLook =>
  CATEGORY_LOOKS[category] ?? { background: '#f5f5f5', color: 'rgba(0, 0, 0, 0.45)', icon: 'book' };

/** ng-zorro tag colours of the three statuses. */
export const STATUS_COLORS: Record<ProgressStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  complete: 'success',
};

const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** `2026-12-31` (a calendar date, no time zone) or an ISO date-time, as a local date. */
function toDate(value: string): Date {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return dateOnly ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])) : new Date(value);
}

export function formatDate(value: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'short', day: 'numeric' }).format(
    toDate(value),
  );
}

export function formatDateTime(value: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(toDate(value));
}

/** Whole days from today to a calendar date (negative once it has passed). */
export function daysUntil(date: string, today = new Date()): number {
  const end = toDate(date);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((end.getTime() - start.getTime()) / 86_400_000);
}

/** Seconds as `m:ss` (or `h:mm:ss`). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Credit hours without float noise: 0.25, 0.5, 1, 8. */
export function formatCredits(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export interface RuleText {
  key: TranslationKey;
  params: Record<string, string | number>;
}

/**
 * A ledger rule in words. `module-minutes:N+` means "a module of at least N minutes"; its upper bound
 * comes from the next step of the default credit table (programs with their own table are rare).
 */
export function ruleText(rule: string): RuleText {
  const minutes = /^module-minutes:(\d+)\+$/.exec(rule);
  if (minutes) {
    const min = Number(minutes[1]);
    const next = DEFAULT_CREDIT_TABLE.tiers
      .map((tier) => tier.minMinutes)
      .filter((m) => m > min)
      .sort((a, b) => a - b)[0];
    if (next === undefined) return { key: 'learn.rule.minutesAtLeast', params: { min } };
    if (min === 0) return { key: 'learn.rule.minutesBelow', params: { max: next } };
    return { key: 'learn.rule.minutesBetween', params: { min, max: next } };
  }
  if (rule === 'test-pass') return { key: 'learn.rule.testPass', params: {} };
  return { key: 'learn.rule.other', params: { rule } };
}
