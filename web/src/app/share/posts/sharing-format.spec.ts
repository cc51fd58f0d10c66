import type { PostSummaryDto } from '@lingyan/contracts';
import { en } from '../../core/i18n/en';
import { zh } from '../../core/i18n/zh';
import type { TranslationKey } from '../../core/i18n/translation-key';
import type { Translate } from '../mentoring/mentoring-format';
import {
  CATEGORY_TAGS,
  FEED_TAB_QUERY,
  addTags,
  authorLine,
  cleanTag,
  clockTime,
  commentCount,
  endsTag,
  feedTabOf,
  mergePosts,
  postTime,
  tagsSeen,
  withUseful,
} from './sharing-format';

const translator =
  (dictionary: Record<TranslationKey, string>): Translate =>
  (key, params) =>
    dictionary[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
const tZh = translator(zh);
const tEn = translator(en);

describe('authorLine', () => {
  it('writes name · village and position, as cadres know each other', () => {
    const author = { name: '姜海峰', position: 'secretary' as const, regionName: '下姜村' };
    expect(authorLine(author, tZh)).toBe('姜海峰 · 下姜村书记');
    expect(authorLine(author, tEn)).toBe('姜海峰 · Party secretary, 下姜村');
  });

  it('leaves out what is not known', () => {
    expect(authorLine({ name: '宋春燕', position: null, regionName: '鲁家村' }, tZh)).toBe('宋春燕 · 鲁家村');
    expect(authorLine({ name: '宋春燕', position: 'director', regionName: null }, tZh)).toBe('宋春燕 · 主任');
    expect(authorLine({ name: '陈雅琴', position: null, regionName: '  ' }, tZh)).toBe('陈雅琴');
  });

  it('ignores a position the app does not know', () => {
    const author = { name: '周建华', position: 'chief' as never, regionName: '浙江省' };
    expect(authorLine(author, tZh)).toBe('周建华 · 浙江省');
  });
});

describe('mergePosts', () => {
  const post = (id: string) => ({ id }) as PostSummaryDto;

  it('appends the next page in its order', () => {
    expect(mergePosts([post('a'), post('b')], [post('c'), post('d')]).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never shows a post twice, whether repeated across pages or within one', () => {
    const merged = mergePosts([post('a'), post('b')], [post('b'), post('c'), post('c'), post('a'), post('d')]);
    expect(merged.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the posts shown as they are (a post already shown is not replaced)', () => {
    const shown = [{ id: 'a', title: 'old' }];
    expect(mergePosts(shown, [{ id: 'a', title: 'new' }])).toEqual([{ id: 'a', title: 'old' }]);
    expect(mergePosts([], [])).toEqual([]);
  });
});

describe('postTime', () => {
  // 2026-03-10 10:00 in China
  const now = new Date('2026-03-10T02:00:00Z');
  const at = (iso: string) => postTime(iso, now, 'zh');

  it('says how long ago within a day', () => {
    expect(at('2026-03-10T01:59:30Z')).toEqual({ key: 'sharing.time.justNow', params: {} });
    expect(at('2026-03-10T02:00:30Z').key).toBe('sharing.time.justNow'); // the server's clock ahead
    expect(at('2026-03-10T01:55:00Z')).toEqual({ key: 'sharing.time.minutes', params: { n: 5 } });
    expect(at('2026-03-10T01:00:00Z')).toEqual({ key: 'sharing.time.hours', params: { n: 1 } });
    // 00:30 in China, today
    expect(at('2026-03-09T16:30:00Z')).toEqual({ key: 'sharing.time.hours', params: { n: 9 } });
  });

  it('says 昨天 for China’s yesterday, even a few hours ago, then days up to a week', () => {
    // 23:30 yesterday in China
    expect(at('2026-03-09T15:30:00Z')).toEqual({ key: 'sharing.time.yesterday', params: {} });
    expect(at('2026-03-08T15:30:00Z')).toEqual({ key: 'sharing.time.days', params: { n: 2 } });
    expect(at('2026-03-04T03:00:00Z')).toEqual({ key: 'sharing.time.days', params: { n: 6 } });
  });

  it('gives the day after a week, with the year when it is another', () => {
    expect(at('2026-03-03T03:00:00Z')).toEqual({ key: 'sharing.time.on', params: { date: '3月3日' } });
    expect(postTime('2026-03-03T03:00:00Z', now, 'en')).toEqual({ key: 'sharing.time.on', params: { date: '3 Mar' } });
    expect(at('2025-12-31T17:00:00Z')).toEqual({ key: 'sharing.time.on', params: { date: '1月1日' } });
    expect(at('2025-12-31T15:00:00Z')).toEqual({ key: 'sharing.time.on', params: { date: '2025年12月31日' } });
  });
});

describe('clockTime', () => {
  it('writes hours and minutes with two digits', () => {
    expect(clockTime(new Date(2026, 2, 10, 9, 5))).toBe('09:05');
    expect(clockTime(new Date(2026, 2, 10, 22, 32))).toBe('22:32');
  });
});

describe('tags', () => {
  it('offers the course categories in Chinese', () => {
    expect(CATEGORY_TAGS).toEqual(['党建引领', '产业发展', '基层治理', '乡村建设', '共同富裕', '数字化改革']);
  });

  it('collects the other tags of the posts shown, the most used first', () => {
    const posts = [{ tags: ['民宿', '党建引领'] }, { tags: ['白茶', '民宿'] }, { tags: ['垃圾分类'] }];
    expect(tagsSeen(posts)).toEqual(['民宿', '白茶', '垃圾分类']);
    expect(tagsSeen(posts, 1)).toEqual(['民宿']);
  });

  it('tidies what was typed', () => {
    expect(cleanTag('  #民宿   经济 ')).toBe('民宿 经济');
    expect(cleanTag('＃白茶')).toBe('白茶');
  });

  it('adds one tag or several, leaving out blanks and repeats', () => {
    expect(addTags(['民宿'], '白茶')).toEqual({ tags: ['民宿', '白茶'], problem: null });
    expect(addTags(['民宿'], '白茶，民宿、 垃圾分类,,')).toEqual({ tags: ['民宿', '白茶', '垃圾分类'], problem: null });
    expect(addTags([], '   ')).toEqual({ tags: [], problem: null });
  });

  it('refuses a tag over 12 characters (counting characters, not UTF-16 units) and past the sixth', () => {
    expect(addTags([], '一二三四五六七八九十一二三')).toEqual({ tags: [], problem: 'tooLong' });
    expect(addTags([], '一二三四五六七八九十一二').tags).toHaveLength(1);
    expect(addTags([], '𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀').problem).toBeNull();
    expect(addTags(['a', 'b', 'c', 'd', 'e'], 'f,g')).toEqual({
      tags: ['a', 'b', 'c', 'd', 'e', 'f'],
      problem: 'tooMany',
    });
  });

  it('knows when a tag is finished by a separator', () => {
    expect(endsTag('民宿，')).toBe(true);
    expect(endsTag('民宿、')).toBe(true);
    expect(endsTag('民宿')).toBe(false);
  });
});

describe('the feed', () => {
  it('maps each tab to a sort and a scope, 最新 by default', () => {
    expect(FEED_TAB_QUERY[feedTabOf('useful')]).toEqual({ sort: 'useful', scope: 'all' });
    expect(FEED_TAB_QUERY[feedTabOf('county')]).toEqual({ sort: 'latest', scope: 'county' });
    expect(feedTabOf(null)).toBe('latest');
    expect(feedTabOf('nonsense')).toBe('latest');
  });

  it('counts comments with their replies', () => {
    expect(commentCount([{ replies: [] }, { replies: [1, 2] }])).toBe(4);
    expect(commentCount([])).toBe(0);
  });
});

describe('withUseful', () => {
  it('counts the reader’s tap at once, and only once', () => {
    const post = { markedUseful: false, usefulCount: 3 };
    expect(withUseful(post, true)).toEqual({ markedUseful: true, usefulCount: 4 });
    expect(withUseful({ markedUseful: true, usefulCount: 4 }, false)).toEqual({ markedUseful: false, usefulCount: 3 });
    expect(withUseful(post, false)).toBe(post);
    expect(withUseful({ markedUseful: true, usefulCount: 0 }, false).usefulCount).toBe(0);
  });
});
