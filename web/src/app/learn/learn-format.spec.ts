import { daysUntil, formatCredits, formatDuration, ruleText } from './learn-format';

describe('learn formatting', () => {
  it('formats seconds as m:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(45)).toBe('0:45');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('formats credit hours without float noise', () => {
    expect(formatCredits(0.1 + 0.2)).toBe('0.3');
    expect(formatCredits(8)).toBe('8');
    expect(formatCredits(0.25)).toBe('0.25');
  });

  it('puts ledger rules in words with the bounds of the default credit table', () => {
    expect(ruleText('module-minutes:30+')).toEqual({ key: 'learn.rule.minutesAtLeast', params: { min: 30 } });
    expect(ruleText('module-minutes:15+')).toEqual({ key: 'learn.rule.minutesBetween', params: { min: 15, max: 30 } });
    expect(ruleText('module-minutes:0+')).toEqual({ key: 'learn.rule.minutesBelow', params: { max: 15 } });
    expect(ruleText('test-pass').key).toBe('learn.rule.testPass');
    expect(ruleText('something-new')).toEqual({ key: 'learn.rule.other', params: { rule: 'something-new' } });
  });

  it('counts days to a deadline by calendar date', () => {
    const today = new Date(2026, 11, 30, 23, 30);
    expect(daysUntil('2026-12-31', today)).toBe(1);
    expect(daysUntil('2026-12-30', today)).toBe(0);
    expect(daysUntil('2026-12-01', today)).toBe(-29);
  });
});
