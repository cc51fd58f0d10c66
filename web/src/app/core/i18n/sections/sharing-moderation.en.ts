import type { zhSharingModeration } from './sharing-moderation.zh';

/** Strings of experience sharing's moderation in English: the same keys as `sharing-moderation.zh.ts`. */
export const enSharingModeration: { readonly [K in keyof typeof zhSharingModeration]: string } = {
  'sharing.moderation.nav': 'Reports',
  'sharing.moderation.title': 'Reports',
  'sharing.moderation.subtitleTrainer': 'Open reports on shared experience across the province, oldest first.',
  'sharing.moderation.subtitleAdmin': 'Reports on posts and comments by authors of your region, oldest first.',
  'sharing.moderation.count': '{count} open',
  'sharing.moderation.capped':
    'Many reports are open: the oldest {limit} are listed; refresh after handling them to see the rest.',
  'sharing.moderation.refresh': 'Refresh',
  'sharing.moderation.loadFailed': 'Could not load the reports',
  'sharing.moderation.empty': 'No reports to handle',
  'sharing.moderation.emptyText': 'Everything shared is in order. New reports will show up here.',
  'sharing.moderation.toFeed': 'Go to experience sharing',

  // one report
  'sharing.moderation.kind.post': 'Post reported',
  'sharing.moderation.kind.comment': 'Comment reported',
  'sharing.moderation.onPost': 'On',
  'sharing.moderation.author': 'Author',
  'sharing.moderation.reason': 'Reason',
  'sharing.moderation.reportedBy': 'Reported by {name} · {time}',
  'sharing.moderation.hide': 'Hide',
  'sharing.moderation.hidePost': 'Hide this post',
  'sharing.moderation.hideComment': 'Hide this comment',
  'sharing.moderation.dismiss': 'Dismiss',
  'sharing.moderation.dismissConfirm': 'Dismiss this report? The content stays; the report leaves the list.',
  'sharing.moderation.dismissOk': 'Dismiss',

  // hiding
  'sharing.moderation.hideReason': 'Reason told to the author',
  'sharing.moderation.hideReasonPlaceholder': 'e.g. Not about village work; contains advertising',
  'sharing.moderation.hideReasonHelp': 'The author is notified and sees this reason.',
  'sharing.moderation.hideReasonRequired': 'Please give a reason',
  'sharing.moderation.hideConfirm': 'Hide',

  // after an action
  'sharing.moderation.hiddenPost': 'Post hidden; the author was notified',
  'sharing.moderation.hiddenComment': 'Comment hidden; the author was notified',
  'sharing.moderation.dismissed': 'Report dismissed',
  'sharing.moderation.gone': 'Someone may have handled this report already. Refresh the list.',
};
