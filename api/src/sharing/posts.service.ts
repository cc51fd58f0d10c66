import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  FeedScope,
  FeedSort,
  PostDto,
  PostFeedDto,
  PostRequest,
  PostSummaryDto,
  Position,
} from '@lingyan/contracts';
import { REGION_CODE_LENGTHS, regionAtLevel, toTsqueryText, toTsvectorText } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError, validationFailed } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { NotificationsService } from '../notifications/notifications.service';
import { postExcerpt, postHtml } from './post-html';
import { PostImagesService } from './post-images.service';
import { withinRateLimit } from './rate-limit';

interface PostRow {
  id: string;
  author_id: string;
  author_name: string;
  author_position: Position | null;
  author_region: string | null;
  status: 'draft' | 'published';
  title: string;
  body: string;
  body_html: string;
  excerpt: string;
  tags: string[];
  course_id: string | null;
  course_title: string | null;
  module_id: string | null;
  module_title: string | null;
  published_at: Date | null;
  updated_at: Date;
  useful_count: number;
  comment_count: number;
  featured_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  marked_useful: boolean;
  bookmarked: boolean;
}

/** `$1` is the reader's id (for their reaction and bookmark). */
const POST_SELECT = `
  SELECT p.id, p.author_id, a.name AS author_name, a.position AS author_position, ar.name AS author_region,
         p.status, p.title, p.body, p.body_html, p.excerpt, p.tags, p.course_id, c.title AS course_title,
         p.module_id, mo.title AS module_title, p.published_at, p.updated_at, p.useful_count, p.comment_count, p.featured_at, p.hidden_at, p.hidden_reason,
         EXISTS (SELECT 1 FROM post_reaction r WHERE r.post_id = p.id AND r.user_id = $1) AS marked_useful,
         EXISTS (SELECT 1 FROM post_bookmark b WHERE b.post_id = p.id AND b.user_id = $1) AS bookmarked
    FROM post p
    JOIN app_user a ON a.id = p.author_id
    LEFT JOIN region ar ON ar.code = a.region_code
    LEFT JOIN course c ON c.id = p.course_id
    LEFT JOIN module mo ON mo.id = p.module_id`;

const PAGE_SIZE = 20;
/** How many of the newest matches of a search are ranked (see `search`). */
const SEARCH_CANDIDATES = 2000;
const SEARCH_PAGE_SIZE = 50;

/** A search cursor: how many results the previous pages showed, opaque to clients. */
function encodeSearchCursor(offset: number): string {
  return Buffer.from(`search|${offset}`).toString('base64url');
}

function decodeSearchCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const [kind, value] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const offset = Number(value);
  if (kind !== 'search' || !Number.isInteger(offset) || offset <= 0 || offset >= SEARCH_CANDIDATES) {
    throw validationFailed([{ field: 'cursor', problem: 'not a cursor this search gave' }]);
  }
  return offset;
}

function toSummary(row: PostRow): PostSummaryDto {
  return {
    id: row.id,
    title: row.title,
    excerpt: row.excerpt,
    tags: row.tags,
    author: { id: row.author_id, name: row.author_name, position: row.author_position, regionName: row.author_region },
    courseId: row.course_id,
    courseTitle: row.course_title,
    publishedAt: (row.published_at ?? row.updated_at).toISOString(),
    usefulCount: row.useful_count,
    commentCount: row.comment_count,
    featured: row.featured_at !== null,
    status: row.status,
    hidden: row.hidden_at !== null,
  };
}

/** A feed cursor: the last post's publication time and id, opaque to clients. */
function encodeCursor(row: { published_at: Date | null; id: string }): string {
  return Buffer.from(`${(row.published_at as Date).toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw validationFailed([{ field: 'cursor', problem: 'not a cursor this feed gave' }]);
  }
  return { at, id };
}

/**
 * Posts (书记讲给书记听): drafts their authors autosave, published posts everyone signed in reads. The
 * body is Markdown; the server keeps the HTML made safe from it and the search tokens of title and
 * body. Feeds page by cursor (publication time, id), so posts published while a reader pages never
 * make them see a post twice or skip one.
 */
@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly images: PostImagesService,
  ) {}

  async create(actor: AuthUser, body: PostRequest): Promise<PostDto> {
    await this.checkLinks(body);
    const id = await this.dataSource.transaction(async (tx) => {
      await withinRateLimit(tx, actor.id, 'postsStarted', this.config.sharingLimitScale);
      const [row] = await tx.query<Array<{ id: string }>>(`INSERT INTO post (author_id) VALUES ($1) RETURNING id`, [
        actor.id,
      ]);
      return row.id;
    });
    await this.write(id, body);
    return this.read(actor, id);
  }

  /** Saves the author's changes (autosave of a draft, or an edit of a published post). */
  async update(actor: AuthUser, id: string, body: PostRequest): Promise<PostDto> {
    await this.own(actor, id);
    await this.checkLinks(body);
    await this.write(id, body);
    return this.read(actor, id);
  }

  async publish(actor: AuthUser, id: string): Promise<PostDto> {
    const post = await this.own(actor, id);
    if (!post.title.trim() || !post.body.trim()) {
      throw validationFailed([
        ...(!post.title.trim() ? [{ field: 'title', problem: 'a published post has a title' }] : []),
        ...(!post.body.trim() ? [{ field: 'body', problem: 'a published post has a body' }] : []),
      ]);
    }
    await this.dataSource.transaction(async (tx) => {
      if (post.status === 'draft') await withinRateLimit(tx, actor.id, 'postsPublished', this.config.sharingLimitScale);
      await tx.query(
        `UPDATE post p SET status = 'published', published_at = COALESCE(p.published_at, clock_timestamp()),
                region_path = u.region_path, updated_at = now()
           FROM app_user u WHERE p.id = $1 AND u.id = p.author_id`,
        [id],
      );
    });
    return this.read(actor, id);
  }

  /** A published, visible post for anyone signed in; a draft or a hidden post for its author only. */
  async read(actor: AuthUser, id: string): Promise<PostDto> {
    const [row] = await this.dataSource.query<PostRow[]>(`${POST_SELECT} WHERE p.id = $2`, [actor.id, id]);
    const mine = row?.author_id === actor.id;
    if (!row || (!mine && (row.status !== 'published' || row.hidden_at !== null))) {
      throw new DomainError('NOT_FOUND', 'No such post.');
    }
    return {
      ...toSummary(row),
      body: mine ? row.body : null,
      bodyHtml: this.images.signFor(row.body_html, actor.id),
      moduleId: row.module_id,
      moduleTitle: row.module_title,
      markedUseful: row.marked_useful,
      bookmarked: row.bookmarked,
      updatedAt: row.updated_at.toISOString(),
      hiddenReason: mine && row.hidden_at ? row.hidden_reason : null,
    };
  }

  /** A course's featured posts, most recently featured first. */
  async featured(actor: AuthUser, courseId: string): Promise<PostSummaryDto[]> {
    const rows = await this.dataSource.query<PostRow[]>(
      `${POST_SELECT}
        WHERE p.course_id = $2 AND p.featured_at IS NOT NULL AND p.status = 'published' AND p.hidden_at IS NULL
        ORDER BY p.featured_at DESC, p.id LIMIT 20`,
      [actor.id, courseId],
    );
    return rows.map(toSummary);
  }

  /** The author's own posts, drafts first, newest first. */
  async mine(actor: AuthUser): Promise<PostSummaryDto[]> {
    const rows = await this.dataSource.query<PostRow[]>(
      `${POST_SELECT} WHERE p.author_id = $1 ORDER BY (p.status = 'draft') DESC, p.updated_at DESC LIMIT 200`,
      [actor.id],
    );
    return rows.map(toSummary);
  }

  /**
   * Published, visible posts, newest first (or most useful this month), optionally of a tag, a course,
   * or the reader's county or city; `cursor` continues after the last post of the previous page.
   */
  async feed(
    actor: AuthUser,
    query: { sort: FeedSort; scope: FeedScope; tag?: string; courseId?: string; cursor?: string },
  ): Promise<PostFeedDto> {
    const where = [`p.status = 'published'`, `p.hidden_at IS NULL`];
    const params: unknown[] = [actor.id];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (query.tag) where.push(`${add(query.tag)} = ANY(p.tags)`);
    if (query.courseId) where.push(`p.course_id = ${add(query.courseId)}`);
    if (query.scope !== 'all') {
      // the reader's county (or city); a reader above that level gets their own region
      const length = REGION_CODE_LENGTHS[query.scope];
      const code = actor.regionCode.length >= length ? regionAtLevel(actor.regionCode, query.scope) : actor.regionCode;
      where.push(`p.region_path <@ (SELECT path FROM region WHERE code = ${add(code)})`);
    }
    if (query.sort === 'useful') {
      // most useful this month: by reactions in the last 30 days, then newest; one page, no cursor
      const rows = await this.dataSource.query<PostRow[]>(
        `${POST_SELECT}
          WHERE ${where.join(' AND ')} AND p.published_at > now() - interval '30 days'
          ORDER BY p.useful_count DESC, p.published_at DESC, p.id DESC LIMIT ${PAGE_SIZE}`,
        params,
      );
      return { items: rows.map(toSummary), nextCursor: null };
    }
    const after = decodeCursor(query.cursor);
    if (after) where.push(`(p.published_at, p.id) < (${add(after.at)}::timestamptz, ${add(after.id)}::uuid)`);
    const rows = await this.dataSource.query<PostRow[]>(
      `${POST_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.published_at DESC, p.id DESC LIMIT ${PAGE_SIZE + 1}`,
      params,
    );
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /**
   * Search of published, visible posts for Chinese and English: every token of the query must be in the
   * title or body (see `queryTokens`); a match in the title, the whole phrase, and more reactions rank
   * higher, then newer.
   */
  async search(actor: AuthUser, q: string, cursor?: string): Promise<PostFeedDto> {
    const tsquery = toTsqueryText(q);
    const offset = decodeSearchCursor(cursor);
    if (!tsquery) return { items: [], nextCursor: null };
    const phrase = containsPattern(q.trim());
    // Scores are computed on the post rows alone; the author, course and the reader's marks are joined
    // for the page (50) only. A very common word (村, 发展) matches most posts: only the newest
    // SEARCH_CANDIDATES matches are ranked, so its cost stays bounded. The candidates are found as
    // bare ids (sorting whole rows by date spilled to disk), then ranked.
    const rows = await this.dataSource.query<PostRow[]>(
      `WITH recent AS (
         SELECT p.id
           FROM post p
          WHERE p.status = 'published' AND p.hidden_at IS NULL AND p.search @@ CAST($2 AS tsquery)
          ORDER BY p.published_at DESC
          LIMIT ${SEARCH_CANDIDATES}),
       hits AS (
         SELECT m.id, m.published_at,
                ts_rank(m.search, CAST($2 AS tsquery), 1) * 10
                  + CASE WHEN m.title ILIKE $3 THEN 4 WHEN m.body ILIKE $3 THEN 2 ELSE 0 END
                  + ln(1 + m.useful_count) AS score
           FROM recent r JOIN post m ON m.id = r.id
          ORDER BY score DESC, m.published_at DESC, m.id DESC
          LIMIT ${SEARCH_PAGE_SIZE + 1} OFFSET $4)
       ${POST_SELECT} JOIN hits h ON h.id = p.id
        ORDER BY h.score DESC, h.published_at DESC, h.id DESC`,
      [actor.id, tsquery, phrase, offset],
    );
    const page = rows.slice(0, SEARCH_PAGE_SIZE);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > SEARCH_PAGE_SIZE ? encodeSearchCursor(offset + SEARCH_PAGE_SIZE) : null,
    };
  }

  /** Marks a post useful (有用), once per person however often it is tapped; answers the count. */
  async markUseful(
    actor: AuthUser,
    id: string,
    useful: boolean,
  ): Promise<{ usefulCount: number; markedUseful: boolean }> {
    const post = await this.read(actor, id);
    if (post.status !== 'published' || post.hiddenReason !== null) throw new DomainError('NOT_FOUND', 'No such post.');
    return this.dataSource.transaction(async (tx) => {
      // one row per person: a repeated tap inserts or deletes nothing (counted through a CTE, as an
      // INSERT or DELETE through TypeORM answers differently)
      const [{ changed }] = await tx.query<Array<{ changed: number }>>(
        useful
          ? `WITH c AS (INSERT INTO post_reaction (post_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
             SELECT count(*)::int AS changed FROM c`
          : `WITH c AS (DELETE FROM post_reaction WHERE post_id = $1 AND user_id = $2 RETURNING 1)
             SELECT count(*)::int AS changed FROM c`,
        [id, actor.id],
      );
      if (changed > 0) {
        await tx.query(`UPDATE post SET useful_count = useful_count + $2 WHERE id = $1`, [id, useful ? 1 : -1]);
        // the author hears of a new 有用 (once per person: a repeated tap changes nothing)
        if (useful && post.author.id !== actor.id) {
          await this.notifications.send(tx, [post.author.id], {
            kind: 'sharing',
            title: `${actor.name}觉得“${post.title}”有用`,
            body: '',
            link: `/share/posts/${id}`,
          });
        }
      }
      const [{ useful_count }] = await tx.query<Array<{ useful_count: number }>>(
        `SELECT useful_count FROM post WHERE id = $1`,
        [id],
      );
      return { usefulCount: useful_count, markedUseful: useful };
    });
  }

  async bookmark(actor: AuthUser, id: string, on: boolean): Promise<{ bookmarked: boolean }> {
    await this.read(actor, id);
    await this.dataSource.query(
      on
        ? `INSERT INTO post_bookmark (post_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
        : `DELETE FROM post_bookmark WHERE post_id = $1 AND user_id = $2`,
      [id, actor.id],
    );
    return { bookmarked: on };
  }

  /**
   * The reader's bookmarked posts that are still published and visible, most recently bookmarked
   * first (the 100 latest).
   */
  async bookmarks(actor: AuthUser): Promise<PostSummaryDto[]> {
    const rows = await this.dataSource.query<PostRow[]>(
      `${POST_SELECT}
         JOIN post_bookmark bm ON bm.post_id = p.id AND bm.user_id = $1
        WHERE p.status = 'published' AND p.hidden_at IS NULL
        ORDER BY bm.created_at DESC, p.id LIMIT 100`,
      [actor.id],
    );
    return rows.map(toSummary);
  }

  /**
   * Deletes the author's own post with its comments, reactions, bookmarks and reports. A case module
   * made from it stays in its course (it credits the author in its text) and loses only the link.
   */
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.own(actor, id);
    await this.dataSource.query(`DELETE FROM post WHERE id = $1 AND author_id = $2`, [id, actor.id]);
  }

  private async own(actor: AuthUser, id: string): Promise<{ title: string; body: string; status: string }> {
    const [row] = await this.dataSource.query<
      Array<{ author_id: string; title: string; body: string; status: string }>
    >(`SELECT author_id, title, body, status FROM post WHERE id = $1`, [id]);
    if (!row || row.author_id !== actor.id) throw new DomainError('NOT_FOUND', 'No such post of yours.');
    return row;
  }

  private async checkLinks(body: PostRequest): Promise<void> {
    if (body.courseId) {
      const [course] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM course WHERE id = $1 AND status = 'published'`,
        [body.courseId],
      );
      if (!course) throw new DomainError('COURSE_NOT_FOUND', 'No published course has this id.');
    }
    if (body.moduleId) {
      const [module] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM module WHERE id = $1 AND ($2::uuid IS NULL OR course_id = $2)`,
        [body.moduleId, body.courseId ?? null],
      );
      if (!module) throw new DomainError('MODULE_NOT_FOUND', 'No module of this course has this id.');
    }
  }

  private async write(id: string, body: PostRequest): Promise<void> {
    const html = postHtml(body.body);
    const tags = [...new Set(body.tags.map((t) => t.trim()).filter(Boolean))];
    await this.dataSource.query(
      `UPDATE post SET title = $2, body = $3, body_html = $4, excerpt = $5, tags = $6, course_id = $7,
              module_id = $8,
              search = setweight(CAST($9 AS tsvector), 'A') || setweight(CAST($10 AS tsvector), 'B'),
              updated_at = now()
        WHERE id = $1`,
      [
        id,
        body.title,
        body.body,
        html,
        postExcerpt(html),
        tags,
        body.courseId ?? null,
        body.moduleId ?? null,
        toTsvectorText(`${body.title} ${tags.join(' ')}`),
        toTsvectorText(postExcerpt(html, 100_000)),
      ],
    );
  }
}
