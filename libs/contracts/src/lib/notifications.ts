import type { Page } from './common';

export const NOTIFICATION_KINDS = [
  'reminder',
  'enrolled',
  'job_finished',
  'assessment',
  'mentoring',
  'sharing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path inside the web app to open, e.g. `/learn`. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<NotificationDto> {
  unread: number;
}

export interface UnreadCountDto {
  unread: number;
}
