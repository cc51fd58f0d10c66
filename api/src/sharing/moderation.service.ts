import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { MODERATION_QUEUE_LIMIT, type ModerationReportDto, type Position, type PostDto } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { AuthoringService } from '../curriculum/authoring.service';
import { editsCourse } from '../curriculum/course-editors';
import { NotificationsService } from '../notifications/notifications.service';
import { PostsService } from './posts.service';

const POSITION_NAMES: Record<Position, string> = {
  secretary: '党组织书记',
  director: '村委会主任',
  member: '两委委员',
  reserve: '后备干部',
};

/**
 * Moderation and curation of shared posts. Anyone reports a post or a comment with a reason; trainers
 * (everywhere) and administrators (for authors in their region) see the open reports, hide the
 * content with a reason the author is told (it leaves feeds and search but is kept), or dismiss the
 * report. Trainers and administrators feature a post on its course's page, and trainers who edit a
 * course turn a post into one of its article modules, crediting the author.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly authoring: AuthoringService,
    private readonly notifications: NotificationsService,
  ) {}

  async report(actor: AuthUser, postId: string, commentId: string | null, reason: string): Promise<void> {
    await this.posts.read(actor, postId);
    if (commentId) {
      const [comment] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM post_comment WHERE id = $1 AND post_id = $2 AND hidden_at IS NULL`,
        [commentId, postId],
      );
      if (!comment) throw new DomainError('NOT_FOUND', 'No such comment on this post.');
    }
    try {
      await this.dataSource.query(
        `INSERT INTO post_report (post_id, comment_id, reporter_id, reason) VALUES ($1, $2, $3, $4)`,
        [postId, commentId, actor.id, reason],
      );
    } catch (error) {
      // reported already and still open: the first report stands
      if (!(error instanceof QueryFailedError && (error as { code?: string }).code === '23505')) throw error;
    }
  }

  /** Open reports the moderator may act on, oldest first. */
  async queue(actor: AuthUser): Promise<ModerationReportDto[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        post_id: string;
        post_title: string;
        comment_id: string | null;
        content: string;
        author_id: string;
        author_name: string;
        author_position: Position | null;
        author_region: string | null;
        reason: string;
        reporter_name: string;
        created_at: Date;
      }>
    >(
      `SELECT r.id, r.post_id, p.title AS post_title, r.comment_id,
              COALESCE(c.body, p.excerpt) AS content, a.id AS author_id, a.name AS author_name,
              a.position AS author_position, ar.name AS author_region, r.reason, rp.name AS reporter_name,
              r.created_at
         FROM post_report r
         JOIN post p ON p.id = r.post_id
         LEFT JOIN post_comment c ON c.id = r.comment_id
         JOIN app_user a ON a.id = COALESCE(c.author_id, p.author_id)
         LEFT JOIN region ar ON ar.code = a.region_code
         JOIN app_user rp ON rp.id = r.reporter_id
        WHERE r.status = 'open' AND ($1::boolean OR a.region_path <@ CAST($2 AS ltree))
        ORDER BY r.created_at, r.id
        LIMIT ${MODERATION_QUEUE_LIMIT}`,
      [actor.roles.includes('trainer'), actor.regionPath],
    );
    return rows.map((r) => ({
      id: r.id,
      postId: r.post_id,
      postTitle: r.post_title,
      commentId: r.comment_id,
      content: r.content,
      contentAuthor: { id: r.author_id, name: r.author_name, position: r.author_position, regionName: r.author_region },
      reason: r.reason,
      reporterName: r.reporter_name,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Hides a post or a comment with a reason; its open reports are resolved, its author told why. */
  async hide(actor: AuthUser, target: { postId: string } | { commentId: string }, reason: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<
        Array<{ post_id: string; title: string; author_id: string; hidden: boolean; in_scope: boolean }>
      >(
        'postId' in target
          ? `SELECT p.id AS post_id, p.title, p.author_id, p.hidden_at IS NOT NULL AS hidden,
                    ($2::boolean OR a.region_path <@ CAST($3 AS ltree)) AS in_scope
               FROM post p JOIN app_user a ON a.id = p.author_id
              WHERE p.id = $1 AND p.status = 'published' FOR UPDATE OF p`
          : `SELECT c.post_id, p.title, c.author_id, c.hidden_at IS NOT NULL AS hidden,
                    ($2::boolean OR a.region_path <@ CAST($3 AS ltree)) AS in_scope
               FROM post_comment c JOIN post p ON p.id = c.post_id JOIN app_user a ON a.id = c.author_id
              WHERE c.id = $1 FOR UPDATE OF c`,
        ['postId' in target ? target.postId : target.commentId, actor.roles.includes('trainer'), actor.regionPath],
      );
      if (!row || !row.in_scope) throw new DomainError('NOT_FOUND', 'Nothing of yours to moderate has this id.');
      if (row.hidden) return;
      if ('postId' in target) {
        await tx.query(
          `UPDATE post SET hidden_at = now(), hidden_by = $2, hidden_reason = $3, featured_at = NULL WHERE id = $1`,
          [target.postId, actor.id, reason],
        );
        // the post's reports, and those of its comments (nobody can read them now), are settled
        await tx.query(
          `UPDATE post_report SET status = 'hidden', resolved_by = $2, resolved_at = now()
            WHERE post_id = $1 AND status = 'open'`,
          [target.postId, actor.id],
        );
      } else {
        // a hidden comment takes its visible replies out of sight with it: the count drops by all of
        // them, and their reports are settled too
        const [{ gone }] = await tx.query<Array<{ gone: number }>>(
          `SELECT count(*)::int AS gone FROM post_comment
            WHERE (id = $1 OR parent_id = $1) AND hidden_at IS NULL`,
          [target.commentId],
        );
        await tx.query(`UPDATE post_comment SET hidden_at = now(), hidden_by = $2, hidden_reason = $3 WHERE id = $1`, [
          target.commentId,
          actor.id,
          reason,
        ]);
        await tx.query(`UPDATE post SET comment_count = greatest(comment_count - $2, 0) WHERE id = $1`, [
          row.post_id,
          gone,
        ]);
        await tx.query(
          `UPDATE post_report r SET status = 'hidden', resolved_by = $2, resolved_at = now()
             FROM post_comment c
            WHERE c.id = r.comment_id AND (c.id = $1 OR c.parent_id = $1) AND r.status = 'open'`,
          [target.commentId, actor.id],
        );
      }
      await this.notifications.send(tx, [row.author_id], {
        kind: 'sharing',
        title: 'postId' in target ? `您的分享“${row.title}”已被隐藏` : `您在“${row.title}”下的评论已被隐藏`,
        body: `原因：${reason}`,
        link: `/share/posts/${row.post_id}`,
      });
    });
  }

  async dismiss(actor: AuthUser, reportId: string): Promise<void> {
    // (an UPDATE answers [rows, count] through TypeORM: the count is read from a CTE instead)
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
      `WITH done AS (
         UPDATE post_report r SET status = 'dismissed', resolved_by = $2, resolved_at = now()
          WHERE r.id = $1 AND r.status = 'open'
            -- the same scope as the queue: the author of what was reported (comment or post)
            AND ($3::boolean OR EXISTS (
                  SELECT 1 FROM post p
                    LEFT JOIN post_comment c ON c.id = r.comment_id
                    JOIN app_user a ON a.id = COALESCE(c.author_id, p.author_id)
                   WHERE p.id = r.post_id AND a.region_path <@ CAST($4 AS ltree)))
          RETURNING 1)
       SELECT count(*)::int AS n FROM done`,
      [reportId, actor.id, actor.roles.includes('trainer'), actor.regionPath],
    );
    if (n === 0) throw new DomainError('NOT_FOUND', 'No open report of yours to act on has this id.');
  }

  /** Features a post on its course's page (or takes it off). */
  async feature(actor: AuthUser, postId: string, on: boolean): Promise<PostDto> {
    const post = await this.posts.read(actor, postId);
    if (post.status !== 'published') throw new DomainError('NOT_FOUND', 'No such post.');
    if (on && !post.courseId) {
      throw new DomainError('POST_HAS_NO_COURSE', 'The post is not linked to a course, whose page would show it.');
    }
    if (on) {
      await this.dataSource.transaction(async (tx) => {
        // the author hears of it the first time only (featuring again changes nothing)
        const [{ newly }] = await tx.query<Array<{ newly: number }>>(
          `WITH f AS (UPDATE post SET featured_at = now(), featured_by = $2
                       WHERE id = $1 AND featured_at IS NULL RETURNING 1)
           SELECT count(*)::int AS newly FROM f`,
          [postId, actor.id],
        );
        if (newly > 0 && post.author.id !== actor.id) {
          await this.notifications.send(tx, [post.author.id], {
            kind: 'sharing',
            title: `您的分享“${post.title}”被精选到课程页`,
            body: `${actor.name}把它放在了“${post.courseTitle ?? ''}”课程页的书记经验精选里。`,
            link: `/share/posts/${postId}`,
          });
        }
      });
    } else {
      await this.dataSource.query(`UPDATE post SET featured_at = NULL, featured_by = NULL WHERE id = $1`, [postId]);
    }
    return this.posts.read(actor, postId);
  }

  /**
   * Makes the post an article module at the end of a course the trainer edits (a draft, or the draft
   * revision of a published course), crediting the author and keeping the link to the post.
   */
  async caseModule(actor: AuthUser, postId: string, courseId: string): Promise<{ courseId: string; moduleId: string }> {
    const post = await this.posts.read(actor, postId);
    if (post.status !== 'published') throw new DomainError('NOT_FOUND', 'No such post.');
    const [source] = await this.dataSource.query<Array<{ body: string }>>(`SELECT body FROM post WHERE id = $1`, [
      postId,
    ]);
    const [course] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM course c WHERE c.id = $1 AND ${editsCourse('c', '$2')}`,
      [courseId, actor.id],
    );
    if (!course) throw new DomainError('COURSE_NOT_FOUND', 'No course of yours has this id.');
    const position = post.author.position ? POSITION_NAMES[post.author.position] : '';
    // the credit links to the original post (a Markdown link inside the app)
    const title = post.title.replace(/[[\]]/g, '');
    const credit = `> 本案例来自${post.author.regionName ?? ''}${position}${post.author.name}在“书记讲给书记听”的分享[《${title}》](/share/posts/${postId})。`;
    const chars = Array.from(source.body).length;
    const authored = await this.authoring.addModule(actor, courseId, {
      kind: 'article',
      title: `案例：${post.title}`,
      body: `${credit}\n\n${source.body}`,
      estimatedMinutes: Math.min(600, Math.max(5, Math.ceil(chars / 300))),
    });
    const added = authored.modules[authored.modules.length - 1];
    await this.dataSource.query(`UPDATE module SET source_post_id = $2 WHERE id = $1`, [added.id, postId]);
    await this.notifications.send(this.dataSource, [post.author.id], {
      kind: 'sharing',
      title: `您的分享“${post.title}”被选为课程案例`,
      body: `${actor.name}把它编入了课程教学。`,
      link: `/share/posts/${postId}`,
    });
    return { courseId, moduleId: added.id };
  }
}
