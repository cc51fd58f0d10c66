import { FormControl } from '@angular/forms';
import { PHONE_PATTERN, USERNAME_PATTERN } from '@lingyan/domain';
import { passwordValidator } from './user-form.page';

describe('user form rules', () => {
  it('applies the shared password rule of @lingyan/domain', () => {
    const check = (value: string) => passwordValidator(new FormControl(value, { nonNullable: true }));
    expect(check('')).toBeNull();
    expect(check('Lingyan@2026')).toBeNull();
    expect(check('short1A')).toEqual({ password: 'too_short' });
    expect(check('lingyan2026')).toEqual({ password: 'too_simple' });
    expect(check('Aa1@'.repeat(33))).toEqual({ password: 'too_long' });
  });

  it('accepts the usernames and phones the API accepts', () => {
    expect(USERNAME_PATTERN.test('chunan-admin')).toBe(true);
    expect(USERNAME_PATTERN.test('Li.Wei_2')).toBe(true);
    expect(USERNAME_PATTERN.test('ab')).toBe(false);
    expect(USERNAME_PATTERN.test('-admin')).toBe(false);
    expect(USERNAME_PATTERN.test('张三')).toBe(false);
    expect(PHONE_PATTERN.test('13800000001')).toBe(true);
    expect(PHONE_PATTERN.test('2380000000')).toBe(false);
  });
});
