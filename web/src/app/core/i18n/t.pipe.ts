import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService, TranslationParams } from './i18n.service';
import { TranslationKey } from './translation-key';

/**
 * `{{ 'login.title' | t }}`. Impure on purpose: it reads the `lang` signal on every check, so the
 * template that uses it re-renders when the language changes (also under OnPush).
 */
@Pipe({ name: 't', pure: false })
export class TPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
