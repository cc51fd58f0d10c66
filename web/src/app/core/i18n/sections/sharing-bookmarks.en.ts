import type { zhSharingBookmarks } from './sharing-bookmarks.zh';

/** Strings of experience sharing's bookmarks in English: the same keys as `sharing-bookmarks.zh.ts`. */
export const enSharingBookmarks: { readonly [K in keyof typeof zhSharingBookmarks]: string } = {
  'sharing.bookmarks.link': 'Bookmarks',
  'sharing.bookmarks.title': 'Bookmarks',
  'sharing.bookmarks.subtitle': 'Posts you bookmarked, the most recent first.',
  'sharing.bookmarks.loadFailed': 'Could not load your bookmarks',
  'sharing.bookmarks.empty': 'No bookmarks yet',
  'sharing.bookmarks.emptyText':
    'When a post is worth keeping, tap “Bookmark” below it and it will be waiting for you here.',
  'sharing.bookmarks.browse': 'Browse posts',
  'sharing.bookmarks.limit': 'Showing only the {count} most recent bookmarks.',
};
