import { convertToParamMap } from '@angular/router';
import type { CohortSummaryDto, RegionCountsDto } from '@lingyan/contracts';
import { byRate, daysBetween, formatCount, formatRate, share, todayIso } from './dashboard-format';
import { dashboardQueryOf, mostRecentFirst } from './dashboard-state';

const row = (name: string, completionRate: number, enrolled: number): RegionCountsDto => ({
  region: { code: name, name, level: 'city' },
  hasChildren: true,
  enrolled,
  completed: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  completionRate,
});

describe('dashboard formatting', () => {
  it('counts days between ISO dates across month ends and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-30')).toBe(-1);
    expect(daysBetween('2026-05-01', '2026-05-01')).toBe(0);
  });

  it('writes today in the local time zone', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('formats rates and counts for people', () => {
    expect(formatRate(46.6)).toBe('46.6');
    expect(formatRate(50)).toBe('50');
    expect(formatCount(126000)).toBe('126,000');
    expect(share(1, 4)).toBe(25);
    expect(share(3, 0)).toBe(0);
  });

  it('orders regions by completion, then by size, then by name', () => {
    const sorted = byRate([row('乙', 40, 10), row('甲', 60, 5), row('丙', 40, 20), row('丁', 40, 20)]);
    // 丙 (bǐng) before 丁 (dīng): ties are ordered as Chinese readers expect, by pinyin
    expect(sorted.map((r) => r.region.name)).toEqual(['甲', '丙', '丁', '乙']);
  });
});

describe('dashboard URL state', () => {
  it('reads the cohort, region and tab, ignoring unknown tabs', () => {
    expect(dashboardQueryOf(convertToParamMap({ cohort: 'c1', region: '330127', tab: 'followup' }))).toEqual({
      cohort: 'c1',
      region: '330127',
      tab: 'followup',
    });
    expect(dashboardQueryOf(convertToParamMap({ tab: 'nope' }))).toEqual({
      cohort: null,
      region: null,
      tab: 'overview',
    });
  });

  it('lists the most recent cohorts first', () => {
    const cohort = (id: string, startsOn: string, createdAt: string) =>
      ({ id, startsOn, createdAt }) as CohortSummaryDto;
    const list = mostRecentFirst([
      cohort('old', '2025-03-01', '2025-01-01T00:00:00Z'),
      cohort('new', '2026-03-01', '2026-01-01T00:00:00Z'),
      cohort('newer', '2026-03-01', '2026-02-01T00:00:00Z'),
    ]);
    expect(list.map((c) => c.id)).toEqual(['newer', 'new', 'old']);
  });
});
