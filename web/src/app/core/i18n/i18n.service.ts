import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import { zh } from './zh';
import { Dictionary, LANGS, Lang, TranslationKey } from './translation-key';

export const LANG_STORAGE_KEY = 'lingyan.lang';

/** Chinese ships in the main bundle; other languages load when first chosen. */
const LOADERS: Record<Lang, () => Promise<Dictionary>> = {
  zh: () => Promise.resolve(zh),
  en: () => import('./en').then((m) => m.en),
};
const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

export type TranslationParams = Record<string, string | number>;

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    return LANGS.includes(stored as Lang) ? (stored as Lang) : 'zh';
  } catch {
    return 'zh';
  }
}

/** The app's translation layer: a `lang` signal, the dictionaries and ng-zorro's own locale. */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly nzI18n = inject(NzI18nService);
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);

  private readonly current = signal<Lang>('zh');
  private readonly loaded = signal<Partial<Record<Lang, Dictionary>>>({ zh });
  readonly lang = this.current.asReadonly();
  readonly dictionary = computed(() => this.loaded()[this.current()] ?? zh);
  /** Settles once the stored language's dictionary is loaded (an app initializer waits for it). */
  readonly ready: Promise<void>;

  constructor() {
    this.apply('zh');
    const stored = readStoredLang();
    this.ready = stored === 'zh' ? Promise.resolve() : this.setLang(stored).catch(() => undefined);
  }

  /** Switches language, loading its dictionary first when needed (Chinese stays on failure). */
  async setLang(lang: Lang): Promise<void> {
    if (!this.loaded()[lang]) {
      const dictionary = await LOADERS[lang]();
      this.loaded.update((all) => ({ ...all, [lang]: dictionary }));
    }
    this.current.set(lang);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this page only
    }
    this.apply(lang);
  }

  toggle(): Promise<void> {
    return this.setLang(this.current() === 'zh' ? 'en' : 'zh');
  }

  /** The message for a key in the current language, with `{placeholders}` filled in. */
  t(key: TranslationKey, params?: TranslationParams): string {
    const text = this.dictionary()[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  private apply(lang: Lang): void {
    this.nzI18n.setLocale(lang === 'en' ? en_US : zh_CN);
    this.document.documentElement.lang = HTML_LANG[lang];
    this.title.setTitle((this.loaded()[lang] ?? zh)['app.title']);
  }
}
