import { chineseDate } from '@lingyan/domain';
import type { Lang } from '../core/i18n/translation-key';

/** The day (in China, `YYYY-MM-DD`) of an instant. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day as people read it: `2026年3月1日` in Chinese, `2026-03-01` otherwise. */
export function displayDay(day: string, lang: Lang): string {
  return lang === 'zh' ? chineseDate(day) : day;
}

/** An instant's day in China, as people read it. */
export function displayInstant(iso: string, lang: Lang): string {
  return displayDay(chinaDay(iso), lang);
}
