import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CatalogCourseDto,
  FeedScope,
  FeedSort,
  MyProgramDto,
  Page,
  PostCommentDto,
  PostDto,
  PostFeedDto,
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
  search(q: string): Observable<PostFeedDto> {
    return this.http.get<PostFeedDto>('/api/sharing/search', { params: toParams({ q }), context: this.context });
  }
  post(postId: string): Observable<PostDto> {
    return this.http.get<PostDto>(`/api/sharing/posts/${id(postId)}`, { context: this.context });
  }
  mine(): Observable<MyPostDto[]> {
    return this.http.get<MyPostDto[]>('/api/sharing/posts/mine', { context: this.context });
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

  // courses to link a post to: the published open electives, and the courses of one's programs
  catalog(q: string, limit = 10): Observable<Page<CatalogCourseDto>> {
    return this.http.get<Page<CatalogCourseDto>>('/api/learning/catalog', {
      params: toParams({ q: q.trim(), page: 1, limit }),
      context: this.context,
    });
  }
  myPrograms(): Observable<MyProgramDto[]> {
    return this.http.get<MyProgramDto[]>('/api/learning/programs', { context: this.context });
  }
}
