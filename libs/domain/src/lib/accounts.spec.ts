import { isValidPhone, isValidUsername } from './accounts';

describe('account rules', () => {
  it.each(['trainee', 'zj-admin', 'wang.xiaoming', 'a_1', 'X9z'])('accepts the username %j', (name) => {
    expect(isValidUsername(name)).toBe(true);
  });
  it.each(['', 'ab', '-abc', '.abc', 'has space', '王小明', 'a'.repeat(65), 'semi;colon'])(
    'rejects the username %j',
    (name) => {
      expect(isValidUsername(name)).toBe(false);
    },
  );
  it('accepts 11-digit mobile numbers starting with 1 only', () => {
    expect(isValidPhone('13800000001')).toBe(true);
    expect(isValidPhone('23800000001')).toBe(false);
    expect(isValidPhone('1380000000')).toBe(false);
    expect(isValidPhone('138000000011')).toBe(false);
    expect(isValidPhone('+8613800000001')).toBe(false);
  });
});
