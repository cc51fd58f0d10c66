import type { MentorExpertise, MentorshipStatus, MentorTitle, SuggestionReason } from '@lingyan/contracts';
import type { TranslationKey } from '../../core/i18n/translation-key';

/** A function that translates a key with parameters, as `I18nService.t` does. */
export type Translate = (key: TranslationKey, params?: Record<string, string | number>) => string;

export const expertiseKey = (area: MentorExpertise): TranslationKey => `mentoring.expertise.${area}`;
export const titleKey = (title: MentorTitle | null): TranslationKey =>
  title ? `mentoring.title.${title}` : 'mentoring.title.none';
export const statusKey = (status: MentorshipStatus): TranslationKey => `mentoring.status.${status}`;

/** Share of a mentor's places taken, 0–100 for a bar (over 100 is shown full). */
export function loadPercent(taken: number, capacity: number): number {
  if (capacity <= 0) return taken > 0 ? 100 : 0;
  return Math.min(100, Math.round((taken * 1000) / capacity) / 10);
}

/** One reason a mentor is suggested, in words ("同一县（淳安县）"). */
export function reasonText(reason: SuggestionReason, t: Translate): string {
  switch (reason.kind) {
    case 'region':
      return t(`mentoring.reason.region.${reason.level}`, { region: reason.regionName });
    case 'expertise':
      return t(`mentoring.reason.expertise.${reason.source}`, { area: t(expertiseKey(reason.area)) });
    case 'load':
      return t('mentoring.reason.load', { free: reason.free, capacity: reason.capacity });
  }
}

/** Every reason of a suggestion as one sentence, in the order they weigh. */
export function reasonsText(reasons: readonly SuggestionReason[], t: Translate): string {
  return reasons.map((r) => reasonText(r, t)).join(t('mentoring.reason.separator'));
}
