import type { Position } from './roles';

/** 书记讲给书记听: secretaries share what worked in their villages. */
export const POST_TITLE_MAX_LENGTH = 80;
export const POST_BODY_MAX_LENGTH = 20_000;
export const POST_TAG_MAX_LENGTH = 12;
export const POST_TAGS_MAX = 6;
export const COMMENT_MAX_LENGTH = 1_000;

/** How much one person may post: a count within a window of minutes. */
export const SHARING_RATE_LIMITS = {
  postsStarted: { count: 20, minutes: 60 },
  postsPublished: { count: 5, minutes: 60 },
  comments: { count: 20, minutes: 10 },
} as const;

export type PostStatus = 'draft' | 'published';

/** Who wrote a post or comment, as cadres know each other: 姜海峰 · 下姜村党总支书记. */
export interface PostAuthorDto {
  id: string;
  name: string;
  position: Position | null;
  /** The author's village (or the region of their account). */
  regionName: string | null;
}

/** A post in a feed or search result. */
export interface PostSummaryDto {
  id: string;
  title: string;
  /** The first lines of the body as plain text. */
  excerpt: string;
  tags: string[];
  author: PostAuthorDto;
  courseId: string | null;
  courseTitle: string | null;
  publishedAt: string;
  usefulCount: number;
  commentCount: number;
  featured: boolean;
  /** Drafts appear only in their author's own list. */
  status: PostStatus;
  /** Hidden by a moderator: only its author still sees it (in their own list). */
  hidden: boolean;
}

/** A post to read: the body as HTML made safe by the server (render it as is). */
export interface PostDto extends PostSummaryDto {
  /** The Markdown source: only for its author (to edit), null for everyone else. */
  body: string | null;
  bodyHtml: string;
  /** The module of the linked course the post grew from, if the author named one. */
  moduleId: string | null;
  moduleTitle: string | null;
  /** The reader's own reaction and bookmark. */
  markedUseful: boolean;
  bookmarked: boolean;
  updatedAt: string;
  /** Why a moderator hid the post: shown to its author only (for everyone else it is gone). */
  hiddenReason: string | null;
}

export interface PostRequest {
  title: string;
  body: string;
  tags: string[];
  courseId?: string | null;
  moduleId?: string | null;
}

/** A page of a feed: `nextCursor` asks for the next page (null at the end). */
export interface PostFeedDto {
  items: PostSummaryDto[];
  nextCursor: string | null;
}

export const FEED_SORTS = ['latest', 'useful'] as const;
export type FeedSort = (typeof FEED_SORTS)[number];
export const FEED_SCOPES = ['all', 'county', 'city'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export interface PostCommentDto {
  id: string;
  author: PostAuthorDto;
  body: string;
  createdAt: string;
  /** Replies to a top-level comment, oldest first (one level: a reply has none). */
  replies: PostCommentDto[];
}

export interface CommentRequest {
  body: string;
  /** The comment replied to; a reply to a reply joins its top-level comment. */
  parentId?: string | null;
}

/** A report of a post, or of one of its comments, with the reason. */
export interface ReportRequest {
  postId: string;
  commentId?: string | null;
  reason: string;
}

/** A moderator's queue holds at most this many open reports, the oldest. */
export const MODERATION_QUEUE_LIMIT = 200;

/** An open report in a moderator's queue. */
export interface ModerationReportDto {
  id: string;
  postId: string;
  postTitle: string;
  commentId: string | null;
  /** The reported comment's text, or the post's excerpt. */
  content: string;
  contentAuthor: PostAuthorDto;
  reason: string;
  reporterName: string;
  createdAt: string;
}

export interface HideRequest {
  reason: string;
}

/** Turn a post into an article module (a teaching case) of a course the trainer edits. */
export interface CaseModuleRequest {
  courseId: string;
}

/** A photo uploaded for a post, resized and recompressed. */
export interface PostImageDto {
  id: string;
  /** What to put in the Markdown body: `![](/api/media/<id>)`. */
  markdown: string;
  /** A signed link to show it now. */
  url: string;
  width: number;
  height: number;
  bytes: number;
  originalBytes: number;
}
