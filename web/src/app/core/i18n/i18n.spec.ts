import { TestBed } from '@angular/core/testing';
import { NzI18nService } from 'ng-zorro-antd/i18n';
import { ERROR_CODES, POSITIONS, REGION_LEVELS, ROLES } from '@lingyan/contracts';
import { en } from './en';
import { I18nService, LANG_STORAGE_KEY } from './i18n.service';
import { TPipe } from './t.pipe';
import { errorKey, levelKey, positionKey, roleKey } from './translation-key';
import { zh } from './zh';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translation dictionaries', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('have no empty messages and the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(zh[key]) });
    }
  });

  it('name every role, position, region level and API error code', () => {
    const keys = new Set(Object.keys(zh));
    for (const role of ROLES) expect(keys).toContain(roleKey(role));
    for (const position of POSITIONS) expect(keys).toContain(positionKey(position));
    for (const level of REGION_LEVELS) expect(keys).toContain(levelKey(level));
    for (const code of ERROR_CODES) expect(keys).toContain(errorKey(code));
  });
});

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  const create = () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({});
    return TestBed.inject(I18nService);
  };

  it('starts in Simplified Chinese and sets <html lang> and the title', () => {
    const i18n = create();
    expect(i18n.lang()).toBe('zh');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('领雁 · 村干部培训平台');
    expect(i18n.t('login.submit')).toBe('登录');
  });

  it('switches to English, also for ng-zorro, and remembers the choice', async () => {
    const i18n = create();
    await i18n.setLang('en');
    expect(i18n.lang()).toBe('en');
    expect(i18n.t('login.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(TestBed.inject(NzI18nService).getLocaleId()).toBe('en');

    // a new page load (a fresh service) starts in the remembered language
    const reloaded = create();
    await reloaded.ready;
    expect(reloaded.lang()).toBe('en');
    expect(reloaded.t('nav.signOut')).toBe('Sign out');
    expect(TestBed.inject(NzI18nService).getLocaleId()).toBe('en');
  });

  it('ignores a remembered value that is not a language', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(create().lang()).toBe('zh');
  });

  it('fills in placeholders', async () => {
    const i18n = create();
    expect(i18n.t('users.total', { total: 42 })).toBe('共 42 个账号');
    await i18n.toggle();
    expect(i18n.t('users.total', { total: 42 })).toBe('42 accounts');
  });

  it('the t pipe follows the current language', async () => {
    const i18n = create();
    const pipe = TestBed.runInInjectionContext(() => new TPipe());
    expect(pipe.transform('nav.profile')).toBe('个人资料');
    await i18n.setLang('en');
    expect(pipe.transform('nav.profile')).toBe('Profile');
  });
});
