/** Strings of experience sharing's bookmarks (Simplified Chinese, the source); `sharing-bookmarks.en.ts` has the same keys. */
export const zhSharingBookmarks = {
  'sharing.bookmarks.link': '我的收藏',
  'sharing.bookmarks.title': '我的收藏',
  'sharing.bookmarks.subtitle': '您收藏的经验，最近收藏的在前。',
  'sharing.bookmarks.loadFailed': '我的收藏加载失败',
  'sharing.bookmarks.empty': '还没有收藏的经验',
  'sharing.bookmarks.emptyText': '读到管用的经验，点文章下方的“收藏”，它就会出现在这里，方便以后再看。',
  'sharing.bookmarks.browse': '去看看经验分享',
  'sharing.bookmarks.limit': '只显示最近收藏的 {count} 篇。',
};
