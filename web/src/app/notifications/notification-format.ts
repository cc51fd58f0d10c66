import type { NotificationKind } from '@lingyan/contracts';
import type { Lang, TranslationKey } from '../core/i18n/translation-key';

export interface TimeAgo {
  key: TranslationKey;
  params: Record<string, string | number>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/**
 * When a notification arrived, in words: "刚刚", "5 分钟前", … up to a week; older ones show their date,
 * because "43 天前" makes the reader count. A time slightly in the future (the server's clock ahead
 * of the phone's) reads as "just now".
 */
export function timeAgo(iso: string, now: Date, lang: Lang): TimeAgo {
  const at = new Date(iso);
  const elapsed = now.getTime() - at.getTime();
  if (elapsed < MINUTE) return { key: 'notifications.ago.justNow', params: {} };
  if (elapsed < HOUR) return { key: 'notifications.ago.minutes', params: { n: Math.floor(elapsed / MINUTE) } };
  if (elapsed < DAY) return { key: 'notifications.ago.hours', params: { n: Math.floor(elapsed / HOUR) } };
  if (elapsed < 7 * DAY) return { key: 'notifications.ago.days', params: { n: Math.floor(elapsed / DAY) } };
  const sameYear = at.getFullYear() === now.getFullYear();
  const date = new Intl.DateTimeFormat(LOCALES[lang], {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
  }).format(at);
  return { key: 'notifications.ago.on', params: { date } };
}

/** The full time, for the tooltip beside "5 分钟前". */
export function exactTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/**
 * The link of a notification when it is a path inside this app, else null. Links are written by the
 * server, but a notification is still text someone else composed: `//host` or `https://…` must never
 * take a cadre off the platform.
 */
export function safeLink(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return null;
  return /^[\x21-\x7e]+$/.test(link) ? link : null;
}

export const kindKey = (kind: NotificationKind): TranslationKey => `notifications.kind.${kind}`;

const KIND_ICONS: Record<NotificationKind, string> = {
  reminder: 'clock-circle',
  enrolled: 'cluster',
  job_finished: 'check-circle',
  assessment: 'audit',
  mentoring: 'team',
  sharing: 'read',
};
export const kindIcon = (kind: NotificationKind): string => KIND_ICONS[kind] ?? 'notification';

/** The badge never grows wider than "99+". */
export const BADGE_OVERFLOW = 99;
