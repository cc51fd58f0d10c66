import { HttpClient, HttpParams, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CatalogCourseDto,
  CourseDto,
  FeedScope,
  FeedSort,
  ModerationReportDto,
  MyProgramDto,
  Page,
  PostCommentDto,
  PostDto,
  PostFeedDto,
  PostImageDto,
  PostRequest,
  PostSummaryDto,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

export interface FeedQuery {
  sort?: FeedSort;
  scope?: FeedScope;
  tag?: string | null;
  courseId?: string | null;
  cursor?: string | null;
}

/**
 * One of the author's own posts (`GET posts/mine`). The API sends summaries, which carry no status
 * yet: `status` is read when the server sends it, so the list can mark drafts once it does.
 */
export type MyPostDto = PostSummaryDto;

const id = (value: string) => encodeURIComponent(value);

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/**
 * 书记讲给书记听 (experience sharing) through the API. Every call is silent: the screens show load
 * errors inline and saving errors next to what was being saved.
 */
@Injectable({ providedIn: 'root' })
export class SharingApi {
  private readonly http = inject(HttpClient);
  private readonly context = silent();

  // reading
  feed(query: FeedQuery = {}): Observable<PostFeedDto> {
    return this.http.get<PostFeedDto>('/api/sharing/feed', { params: toParams(query), context: this.context });
  }
  search(q: string, cursor: string | null = null): Observable<PostFeedDto> {
    return this.http.get<PostFeedDto>('/api/sharing/search', {
      params: toParams({ q, cursor }),
      context: this.context,
    });
  }
  post(postId: string): Observable<PostDto> {
    return this.http.get<PostDto>(`/api/sharing/posts/${id(postId)}`, { context: this.context });
  }
  mine(): Observable<MyPostDto[]> {
    return this.http.get<MyPostDto[]>('/api/sharing/posts/mine', { context: this.context });
  }
  /** The reader's bookmarked posts, most recently bookmarked first. */
  bookmarks(): Observable<PostSummaryDto[]> {
    return this.http.get<PostSummaryDto[]>('/api/sharing/bookmarks', { context: this.context });
  }
  /** A course's featured posts, for the top of its page. */
  featured(courseId: string): Observable<PostSummaryDto[]> {
    return this.http.get<PostSummaryDto[]>(`/api/sharing/courses/${id(courseId)}/featured`, {
      context: this.context,
    });
  }

  // writing
  create(body: PostRequest): Observable<PostDto> {
    return this.http.post<PostDto>('/api/sharing/posts', body, { context: this.context });
  }
  save(postId: string, body: PostRequest): Observable<PostDto> {
    return this.http.put<PostDto>(`/api/sharing/posts/${id(postId)}`, body, { context: this.context });
  }
  publish(postId: string): Observable<PostDto> {
    return this.http.post<PostDto>(`/api/sharing/posts/${id(postId)}/publish`, {}, { context: this.context });
  }

  /** Deletes the author's own post with its discussion. */
  remove(postId: string): Observable<void> {
    return this.http.delete<void>(`/api/sharing/posts/${id(postId)}`, { context: this.context });
  }
  /**
   * Uploads a photo (resized and recompressed by the server), reporting the upload's progress; the
   * answer carries the Markdown to insert and a signed link to show it.
   */
  uploadImage(file: File): Observable<HttpEvent<PostImageDto>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<PostImageDto>('/api/sharing/images', form, {
      context: this.context,
      reportProgress: true,
      observe: 'events',
    });
  }

  // reactions
  markUseful(postId: string, useful: boolean): Observable<{ usefulCount: number; markedUseful: boolean }> {
    const url = `/api/sharing/posts/${id(postId)}/useful`;
    return useful
      ? this.http.put<{ usefulCount: number; markedUseful: boolean }>(url, {}, { context: this.context })
      : this.http.delete<{ usefulCount: number; markedUseful: boolean }>(url, { context: this.context });
  }
  bookmark(postId: string, on: boolean): Observable<{ bookmarked: boolean }> {
    const url = `/api/sharing/posts/${id(postId)}/bookmark`;
    return on
      ? this.http.put<{ bookmarked: boolean }>(url, {}, { context: this.context })
      : this.http.delete<{ bookmarked: boolean }>(url, { context: this.context });
  }

  // comments
  comments(postId: string): Observable<PostCommentDto[]> {
    return this.http.get<PostCommentDto[]>(`/api/sharing/posts/${id(postId)}/comments`, { context: this.context });
  }
  /** Comments, or replies to `parentId` (one level); answers the post's comments as they now stand. */
  comment(postId: string, body: string, parentId: string | null = null): Observable<PostCommentDto[]> {
    return this.http.post<PostCommentDto[]>(
      `/api/sharing/posts/${id(postId)}/comments`,
      { body, parentId },
      { context: this.context },
    );
  }

  // reports and moderation
  /** Reports a post, or one of its comments, with a reason. */
  report(postId: string, reason: string, commentId: string | null = null): Observable<void> {
    return this.http.post<void>('/api/sharing/reports', { postId, commentId, reason }, { context: this.context });
  }
  /** Open reports a trainer or administrator may act on. */
  reports(): Observable<ModerationReportDto[]> {
    return this.http.get<ModerationReportDto[]>('/api/sharing/moderation/reports', { context: this.context });
  }
  dismissReport(reportId: string): Observable<void> {
    return this.http.post<void>(
      `/api/sharing/moderation/reports/${id(reportId)}/dismiss`,
      {},
      { context: this.context },
    );
  }
  /** Hides a post, or a comment, with a reason its author is told. */
  hide(target: { postId: string } | { commentId: string }, reason: string): Observable<void> {
    const url =
      'postId' in target
        ? `/api/sharing/moderation/posts/${id(target.postId)}/hide`
        : `/api/sharing/moderation/comments/${id(target.commentId)}/hide`;
    return this.http.post<void>(url, { reason }, { context: this.context });
  }
  /** Features the post on top of its course's page (or stops). */
  feature(postId: string, on: boolean): Observable<PostDto> {
    const url = `/api/sharing/posts/${id(postId)}/feature`;
    return on
      ? this.http.put<PostDto>(url, {}, { context: this.context })
      : this.http.delete<PostDto>(url, { context: this.context });
  }
  /** Turns the post into an article module at the end of a course the trainer edits. */
  caseModule(postId: string, courseId: string): Observable<{ courseId: string; moduleId: string }> {
    return this.http.post<{ courseId: string; moduleId: string }>(
      `/api/sharing/posts/${id(postId)}/case-module`,
      { courseId },
      { context: this.context },
    );
  }

  // courses to link a post to: the published open electives, and the courses of one's programs
  catalog(q: string, limit = 10): Observable<Page<CatalogCourseDto>> {
    return this.http.get<Page<CatalogCourseDto>>('/api/learning/catalog', {
      params: toParams({ q: q.trim(), page: 1, limit }),
      context: this.context,
    });
  }
  /** A published course with its modules, to name the module a post grew from. */
  course(courseId: string): Observable<CourseDto> {
    return this.http.get<CourseDto>(`/api/learning/courses/${id(courseId)}`, { context: this.context });
  }
  myPrograms(): Observable<MyProgramDto[]> {
    return this.http.get<MyProgramDto[]>('/api/learning/programs', { context: this.context });
  }
}
