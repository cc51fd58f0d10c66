import { exactTime, kindKey, safeLink, timeAgo } from './notification-format';

describe('notification formatting', () => {
  const now = new Date('2026-11-26T12:00:00+08:00');
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('says how long ago, in whole units, up to a week', () => {
    expect(timeAgo(before(0), now, 'zh')).toEqual({ key: 'notifications.ago.justNow', params: {} });
    expect(timeAgo(before(59_999), now, 'zh').key).toBe('notifications.ago.justNow');
    expect(timeAgo(before(60_000), now, 'zh')).toEqual({ key: 'notifications.ago.minutes', params: { n: 1 } });
    expect(timeAgo(before(59 * 60_000 + 59_000), now, 'zh').params).toEqual({ n: 59 });
    expect(timeAgo(before(3_600_000), now, 'zh')).toEqual({ key: 'notifications.ago.hours', params: { n: 1 } });
    expect(timeAgo(before(23.9 * 3_600_000), now, 'zh').params).toEqual({ n: 23 });
    expect(timeAgo(before(86_400_000), now, 'zh')).toEqual({ key: 'notifications.ago.days', params: { n: 1 } });
    expect(timeAgo(before(6.9 * 86_400_000), now, 'zh').params).toEqual({ n: 6 });
  });

  it('treats a time a little in the future (clock skew) as just now', () => {
    expect(timeAgo(new Date(now.getTime() + 30_000).toISOString(), now, 'en').key).toBe('notifications.ago.justNow');
  });

  it('shows the date after a week, with the year only when it is another year', () => {
    const lastMonth = timeAgo('2026-10-01T12:00:00Z', now, 'en');
    expect(lastMonth.key).toBe('notifications.ago.on');
    expect(lastMonth.params['date']).toMatch(/Oct/);
    expect(lastMonth.params['date']).not.toMatch(/2026/);
    expect(timeAgo('2025-10-01T12:00:00Z', now, 'en').params['date']).toMatch(/2025/);
    expect(timeAgo('2025-10-01T12:00:00Z', now, 'zh').params['date']).toMatch(/2025年10月/);
  });

  it('writes the exact time for the tooltip', () => {
    expect(exactTime('2025-10-01T12:00:00Z', 'zh')).toMatch(/2025/);
  });

  it('only follows links that stay inside the app', () => {
    expect(safeLink('/learn')).toBe('/learn');
    expect(safeLink('/learn/courses/1?tab=2#top')).toBe('/learn/courses/1?tab=2#top');
    expect(safeLink(null)).toBeNull();
    expect(safeLink('')).toBeNull();
    expect(safeLink('//evil.example/x')).toBeNull();
    expect(safeLink('/\\evil.example')).toBeNull();
    expect(safeLink('https://evil.example')).toBeNull();
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('/learn\nx')).toBeNull();
  });

  it('names every kind', () => {
    expect(kindKey('job_finished')).toBe('notifications.kind.job_finished');
  });
});
