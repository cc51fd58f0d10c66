import { jobPercent, relativeTime } from './cohort-format';

describe('relativeTime', () => {
  const now = Date.parse('2026-05-20T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('picks the largest unit that fits', () => {
    expect(relativeTime(ago(20_000), now)).toEqual({ key: 'cohorts.time.justNow', params: {} });
    expect(relativeTime(ago(5 * 60_000), now)).toEqual({ key: 'cohorts.time.minutesAgo', params: { n: 5 } });
    expect(relativeTime(ago(3 * 3_600_000), now)).toEqual({ key: 'cohorts.time.hoursAgo', params: { n: 3 } });
    expect(relativeTime(ago(2 * 86_400_000), now)).toEqual({ key: 'cohorts.time.daysAgo', params: { n: 2 } });
    expect(relativeTime(ago(65 * 86_400_000), now)).toEqual({ key: 'cohorts.time.monthsAgo', params: { n: 2 } });
    expect(relativeTime(ago(800 * 86_400_000), now)).toEqual({ key: 'cohorts.time.yearsAgo', params: { n: 2 } });
  });

  it('treats a clock slightly ahead as just now', () => {
    expect(relativeTime(ago(-30_000), now).key).toBe('cohorts.time.justNow');
  });
});

describe('jobPercent', () => {
  it('is unknown until the total is known, and full once succeeded', () => {
    expect(jobPercent({ processed: 120, total: null, status: 'validating' })).toBeNull();
    expect(jobPercent({ processed: 1, total: 3, status: 'running' })).toBe(33);
    expect(jobPercent({ processed: 0, total: 0, status: 'succeeded' })).toBe(100);
  });
});
