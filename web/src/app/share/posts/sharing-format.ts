import {
  COURSE_CATEGORIES,
  POST_TAG_MAX_LENGTH,
  POST_TAGS_MAX,
  type FeedScope,
  type FeedSort,
  type PostAuthorDto,
  type PostSummaryDto,
} from '@lingyan/contracts';
import type { Lang, TranslationKey } from '../../core/i18n/translation-key';
import { zh } from '../../core/i18n/zh';
import { categoryKey } from '../../learn/learn-format';
import type { Translate } from '../mentoring/mentoring-format';
import { chinaDayOf, chinaToday, daysBetween, positionKeyOf, shortDay } from '../mentoring/mentoring-work-format';

// ---- the feed's tabs ----------------------------------------------------------------------------

/** The feed's tabs: 最新, 本月最有用, 本县, 本市 — each a sort and a scope of `GET sharing/feed`. */
export const FEED_TABS = ['latest', 'useful', 'county', 'city'] as const;
export type FeedTab = (typeof FEED_TABS)[number];

export const FEED_TAB_QUERY: Record<FeedTab, { sort: FeedSort; scope: FeedScope }> = {
  latest: { sort: 'latest', scope: 'all' },
  useful: { sort: 'useful', scope: 'all' },
  county: { sort: 'latest', scope: 'county' },
  city: { sort: 'latest', scope: 'city' },
};

export const feedTabKey = (tab: FeedTab): TranslationKey => `sharing.tab.${tab}`;

/** The tab of a `?tab=` query parameter (最新 when it is missing or unknown). */
export function feedTabOf(value: string | null | undefined): FeedTab {
  return FEED_TABS.includes(value as FeedTab) ? (value as FeedTab) : 'latest';
}

// ---- who wrote it -------------------------------------------------------------------------------

/**
 * The author as cadres know each other: "姜海峰 · 下姜村书记" (name · village and position), with what
 * is known: "姜海峰 · 下姜村", "姜海峰 · 书记", or the name alone.
 */
export function authorLine(author: Pick<PostAuthorDto, 'name' | 'position' | 'regionName'>, t: Translate): string {
  const positionKey = positionKeyOf(author.position);
  const position = positionKey ? t(positionKey) : '';
  const region = author.regionName?.trim() ?? '';
  const role = region && position ? t('sharing.author.both', { region, position }) : region || position;
  return role ? `${author.name} · ${role}` : author.name;
}

// ---- pages of a feed ----------------------------------------------------------------------------

/**
 * The posts shown after "加载更多": the next page appended, leaving out posts already shown (a post can
 * come again when the feed moved between pages, e.g. in 本月最有用).
 */
export function mergePosts<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((post) => post.id));
  const merged = [...shown];
  for (const post of page) {
    if (seen.has(post.id)) continue;
    seen.add(post.id);
    merged.push(post);
  }
  return merged;
}

// ---- tags ---------------------------------------------------------------------------------------

/**
 * The tags every post may use: the course categories in Chinese (党建引领, 产业发展, …). Tags are part of
 * what cadres write, so they stay Chinese whatever the language of the screens.
 */
export const CATEGORY_TAGS: readonly string[] = COURSE_CATEGORIES.map((category) => zh[categoryKey(category)]);

/** The tags of the posts shown that are not category tags, the most used first (at most `max`). */
export function tagsSeen(posts: readonly Pick<PostSummaryDto, 'tags'>[], max = 12): string[] {
  const counts = new Map<string, number>();
  for (const post of posts) {
    for (const tag of post.tags) {
      if (!CATEGORY_TAGS.includes(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
    .slice(0, max)
    .map(([tag]) => tag);
}

/** A tag as typed, tidied: no `#`, no surrounding or repeated spaces. */
export function cleanTag(text: string): string {
  return text
    .trim()
    .replace(/^[#＃]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Separators a cadre may type between tags: commas, 、, semicolons. */
const TAG_SEPARATORS = /[,，、;；]/;

export type TagProblem = 'tooLong' | 'tooMany';

/**
 * Adds what was typed (one tag, or several separated by commas or 、) to the tags: blanks and
 * repeats are left out; a tag over 12 characters, or past the sixth, is refused and named.
 */
export function addTags(tags: readonly string[], typed: string): { tags: string[]; problem: TagProblem | null } {
  const next = [...tags];
  let problem: TagProblem | null = null;
  for (const part of typed.split(TAG_SEPARATORS)) {
    const tag = cleanTag(part);
    if (!tag || next.includes(tag)) continue;
    if ([...tag].length > POST_TAG_MAX_LENGTH) {
      problem ??= 'tooLong';
      continue;
    }
    if (next.length >= POST_TAGS_MAX) {
      problem ??= 'tooMany';
      continue;
    }
    next.push(tag);
  }
  return { tags: next, problem };
}

/** True when typing has reached a separator (the tag before it is done). */
export function endsTag(text: string): boolean {
  return TAG_SEPARATORS.test(text.slice(-1));
}

// ---- when -------------------------------------------------------------------------------------

export interface TimeText {
  key: TranslationKey;
  params: Record<string, string | number>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When a post or comment was written, in words: 刚刚, 5 分钟前, 3 小时前 (today), 昨天, 4 天前 (this
 * week), then the day (11月20日; 2025年11月20日 in another year). Days are China's. A time slightly in
 * the future (the server's clock ahead of the phone's) reads as 刚刚.
 */
export function postTime(iso: string, now: Date, lang: Lang): TimeText {
  const elapsed = now.getTime() - Date.parse(iso);
  if (elapsed < MINUTE) return { key: 'sharing.time.justNow', params: {} };
  if (elapsed < HOUR) return { key: 'sharing.time.minutes', params: { n: Math.floor(elapsed / MINUTE) } };
  const today = chinaToday(now);
  const day = chinaDayOf(iso);
  const days = daysBetween(day, today);
  if (days <= 0) return { key: 'sharing.time.hours', params: { n: Math.floor(elapsed / HOUR) } };
  if (days === 1) return { key: 'sharing.time.yesterday', params: {} };
  if (days < 7) return { key: 'sharing.time.days', params: { n: days } };
  return { key: 'sharing.time.on', params: { date: shortDay(day, lang, today) } };
}

/** `10:32`: the time of day on this phone (when a draft was last saved). */
export function clockTime(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

// ---- reactions ----------------------------------------------------------------------------------

/** A post as it shows right after a tap on 有用 (before the server answers). */
export function withUseful<T extends { markedUseful: boolean; usefulCount: number }>(post: T, useful: boolean): T {
  if (post.markedUseful === useful) return post;
  return { ...post, markedUseful: useful, usefulCount: Math.max(0, post.usefulCount + (useful ? 1 : -1)) };
}

/** Comments and their replies, counted as the post's comment count counts them. */
export function commentCount(comments: readonly { replies: readonly unknown[] }[]): number {
  return comments.reduce((sum, comment) => sum + 1 + comment.replies.length, 0);
}
