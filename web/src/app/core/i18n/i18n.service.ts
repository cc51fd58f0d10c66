import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import { en } from './en';
import { zh } from './zh';
import { Dictionary, LANGS, Lang, TranslationKey } from './translation-key';

export const LANG_STORAGE_KEY = 'lingyan.lang';

const DICTIONARIES: Record<Lang, Dictionary> = { zh, en };
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

  private readonly current = signal<Lang>(readStoredLang());
  readonly lang = this.current.asReadonly();
  readonly dictionary = computed(() => DICTIONARIES[this.current()]);

  constructor() {
    this.apply(this.current());
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this page only
    }
    this.apply(lang);
  }

  toggle(): void {
    this.setLang(this.current() === 'zh' ? 'en' : 'zh');
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
    this.title.setTitle(DICTIONARIES[lang]['app.title']);
  }
}
