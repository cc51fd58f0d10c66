/** Strings of experience sharing's moderation (Simplified Chinese, the source); `sharing-moderation.en.ts` has the same keys. */
export const zhSharingModeration = {
  'sharing.moderation.nav': '举报处理',
  'sharing.moderation.title': '举报处理',
  'sharing.moderation.subtitleTrainer': '全省经验分享中待处理的举报，先收到的在前。',
  'sharing.moderation.subtitleAdmin': '本地区作者的经验和评论被举报后，在这里处理。先收到的在前。',
  'sharing.moderation.count': '{count} 条待处理',
  'sharing.moderation.capped': '待处理的举报较多，这里先列出最早的 {limit} 条；处理后刷新可看到其余的。',
  'sharing.moderation.refresh': '刷新',
  'sharing.moderation.loadFailed': '举报列表加载失败',
  'sharing.moderation.empty': '没有待处理的举报',
  'sharing.moderation.emptyText': '大家的分享都很规范。有新的举报时，会出现在这里。',
  'sharing.moderation.toFeed': '看经验分享',

  // one report
  'sharing.moderation.kind.post': '举报经验',
  'sharing.moderation.kind.comment': '举报评论',
  'sharing.moderation.onPost': '所在经验',
  'sharing.moderation.author': '作者',
  'sharing.moderation.reason': '举报理由',
  'sharing.moderation.reportedBy': '{name} 举报 · {time}',
  'sharing.moderation.hide': '隐藏',
  'sharing.moderation.hidePost': '隐藏这篇经验',
  'sharing.moderation.hideComment': '隐藏这条评论',
  'sharing.moderation.dismiss': '驳回举报',
  'sharing.moderation.dismissConfirm': '驳回这条举报？内容会保留，举报从列表中移除。',
  'sharing.moderation.dismissOk': '驳回',

  // hiding
  'sharing.moderation.hideReason': '告诉作者隐藏的原因',
  'sharing.moderation.hideReasonPlaceholder': '如：内容与村务工作无关，含有广告信息',
  'sharing.moderation.hideReasonHelp': '作者会收到通知，看到这个原因。',
  'sharing.moderation.hideReasonRequired': '请填写隐藏的原因',
  'sharing.moderation.hideConfirm': '确认隐藏',

  // after an action
  'sharing.moderation.hiddenPost': '经验已隐藏，已通知作者',
  'sharing.moderation.hiddenComment': '评论已隐藏，已通知作者',
  'sharing.moderation.dismissed': '举报已驳回',
  'sharing.moderation.gone': '这条举报可能已被其他人处理，刷新列表看看。',
};
