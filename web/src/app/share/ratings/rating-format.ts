import type { RatingStatsDto } from '@lingyan/contracts';
import type { TranslationKey } from '../../core/i18n/translation-key';

/** How a set of ratings stands against the 85% norm. */
export type RatingVerdict = 'below' | 'meets' | 'none';

export function ratingVerdict(stats: RatingStatsDto): RatingVerdict {
  return stats.meetsNorm === null ? 'none' : stats.meetsNorm ? 'meets' : 'below';
}

export const VERDICT_KEYS: Record<RatingVerdict, TranslationKey> = {
  below: 'ratings.status.below',
  meets: 'ratings.status.meets',
  none: 'ratings.status.none',
};

/** ng-zorro tag colours: red under the norm, green at or above it, grey without ratings. */
export const VERDICT_COLORS: Record<RatingVerdict, string> = {
  below: 'error',
  meets: 'success',
  none: 'default',
};

/** Bar colours of the same verdicts (the charts and the inline bars). */
export const VERDICT_BAR_COLORS: Record<RatingVerdict, string> = {
  below: '#ff4d4f',
  meets: '#52c41a',
  none: '#d9d9d9',
};

/** A rate or an average as shown: one decimal at most (75, 66.7), a dash without ratings. */
export function formatFigure(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 10) / 10);
}

/** An average of the 1–5 items with one decimal (4.0, 3.7), a dash without ratings. */
export function formatAverage(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

/** The label of a score on the five-point scale (1 很不满意 … 5 非常满意). */
export function scoreKey(score: number): TranslationKey {
  const clamped = Math.min(5, Math.max(1, Math.round(score)));
  return `ratings.score.${clamped}` as TranslationKey;
}
