import type { MentorExpertise, MentorTitle, SuggestionReason } from '@lingyan/contracts';
import type { TranslationKey } from '../../core/i18n/translation-key';

/** A function that translates a key with parameters, as `I18nService.t` does. */
export type Translate = (key: TranslationKey, params?: Record<string, string | number>) => string;

export const expertiseKey = (area: MentorExpertise): TranslationKey => `mentoring.expertise.${area}`;
export const titleKey = (title: MentorTitle | null): TranslationKey =>
  title ? `mentoring.title.${title}` : 'mentoring.title.none';

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
