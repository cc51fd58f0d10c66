import { passwordProblem } from './passwords';

describe('passwordProblem', () => {
  it('accepts a password with three character classes', () => {
    expect(passwordProblem('Lingyan@2026')).toBeNull();
    expect(passwordProblem('lingyan@2026')).toBeNull();
    expect(passwordProblem('Lingyan2026')).toBeNull();
  });
  it('rejects short, long and simple passwords', () => {
    expect(passwordProblem('Ab1@')).toBe('too_short');
    expect(passwordProblem('Aa1@'.repeat(33))).toBe('too_long');
    expect(passwordProblem('lingyan2026')).toBe('too_simple');
    expect(passwordProblem('abcdefgh')).toBe('too_simple');
  });
  it('counts a Chinese character as a symbol', () => {
    expect(passwordProblem('领雁lingyan2026')).toBeNull();
  });
});
