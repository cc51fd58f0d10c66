import type { AbstractControl } from '@angular/forms';
import type { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/translation-key';
import type { TierRange } from './credit-table';

export interface MessageKeys {
  required?: TranslationKey;
  maxlength?: TranslationKey;
  /** min, max, integer */
  range?: TranslationKey;
  /** halfStep, hundredths */
  step?: TranslationKey;
}

/** The first problem of a control of the program form, as a translated message. */
export function programMessage(i18n: I18nService, control: AbstractControl, keys: MessageKeys = {}): string {
  const errors = control.errors;
  if (!errors) return '';
  if (errors['server']) return i18n.t('validation.server', { problems: String(errors['server']) });
  if (errors['required']) return i18n.t(keys.required ?? 'validation.required');
  if (errors['maxlength'] && keys.maxlength) return i18n.t(keys.maxlength);
  if ((errors['min'] || errors['max'] || errors['integer']) && keys.range) return i18n.t(keys.range);
  if ((errors['halfStep'] || errors['hundredths']) && keys.step) return i18n.t(keys.step);
  if (errors['date']) return i18n.t('programs.form.dateInvalid');
  if (errors['endsBeforeStart']) return i18n.t('programs.form.endsBeforeStart');
  return i18n.t('errors.VALIDATION_FAILED');
}

/** "15 分钟以下", "15–30 分钟", "30 分钟及以上" (or "任意时长" for a table of one tier). */
export function rangeLabel(i18n: I18nService, range: TierRange): string {
  if (range.toMinutes === null) {
    return range.fromMinutes === 0
      ? i18n.t('programs.credit.rangeAny')
      : i18n.t('programs.credit.rangeFrom', { from: range.fromMinutes });
  }
  if (range.fromMinutes === 0) return i18n.t('programs.credit.rangeBelow', { to: range.toMinutes });
  return i18n.t('programs.credit.rangeBetween', { from: range.fromMinutes, to: range.toMinutes });
}
