import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostCommentDto, Position } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';
import { NotificationsService } from '../notifications/notifications.service';
import { PostsService } from './posts.service';
import { withinRateLimit } from './rate-limit';

interface CommentRow {
  id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  author_position: Position | null;
  author_region: string | null;
  body: string;
  created_at: Date;
}

/**
 * Comments on posts, with one level of replies (a reply to a reply joins its top-level comment). The
 * post's author hears of every comment, a comment's author of every reply to it, through the bell.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly posts: PostsService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: AuthUser, postId: string): Promise<PostCommentDto[]> {
    await this.posts.read(actor, postId);
    const rows = await this.dataSource.query<CommentRow[]>(
      `SELECT c.id, c.parent_id, c.author_id, a.name AS author_name, a.position AS author_position,
              r.name AS author_region, c.body, c.created_at
         FROM post_comment c JOIN app_user a ON a.id = c.author_id LEFT JOIN region r ON r.code = a.region_code
        WHERE c.post_id = $1 AND c.hidden_at IS NULL
        ORDER BY c.created_at, c.id`,
      [postId],
    );
    const toDto = (row: CommentRow): PostCommentDto => ({
      id: row.id,
      author: {
        id: row.author_id,
        name: row.author_name,
        position: row.author_position,
        regionName: row.author_region,
      },
      body: row.body,
      createdAt: row.created_at.toISOString(),
      replies: [],
    });
    const top = rows.filter((r) => r.parent_id === null).map(toDto);
    const byId = new Map(top.map((c) => [c.id, c]));
    for (const reply of rows.filter((r) => r.parent_id !== null)) {
      byId.get(reply.parent_id as string)?.replies.push(toDto(reply));
    }
    return top;
  }

  async add(actor: AuthUser, postId: string, body: string, parentId: string | null): Promise<PostCommentDto[]> {
    const post = await this.posts.read(actor, postId);
    // a draft, or a post a moderator hid (its author still reads it), takes no comments
    if (post.status !== 'published' || post.hiddenReason !== null) throw new DomainError('NOT_FOUND', 'No such post.');
    await this.dataSource.transaction(async (tx) => {
      await withinRateLimit(tx, actor.id, 'comments', this.config.sharingLimitScale);
      let root: { id: string; author_id: string } | null = null;
      let repliedTo: string | null = null;
      if (parentId) {
        const [parent] = await tx.query<Array<{ id: string; parent_id: string | null; author_id: string }>>(
          `SELECT id, parent_id, author_id FROM post_comment WHERE id = $1 AND post_id = $2 AND hidden_at IS NULL`,
          [parentId, postId],
        );
        if (!parent) throw new DomainError('NOT_FOUND', 'No such comment on this post.');
        if (parent.parent_id) {
          const [top] = await tx.query<Array<{ id: string; author_id: string }>>(
            `SELECT id, author_id FROM post_comment WHERE id = $1`,
            [parent.parent_id],
          );
          root = top;
        } else {
          root = parent;
        }
        // the author of the comment replied to hears of it
        repliedTo = parent.author_id;
        if (parent.author_id !== actor.id) {
          await this.notifications.send(tx, [parent.author_id], {
            kind: 'sharing',
            title: `${actor.name}回复了您的评论`,
            body: body.slice(0, 120),
            link: `/share/posts/${postId}`,
          });
        }
      }
      await tx.query(`INSERT INTO post_comment (post_id, author_id, parent_id, body) VALUES ($1, $2, $3, $4)`, [
        postId,
        actor.id,
        root?.id ?? null,
        body,
      ]);
      await tx.query(`UPDATE post SET comment_count = comment_count + 1 WHERE id = $1`, [postId]);
      if (post.author.id !== actor.id && post.author.id !== repliedTo) {
        await this.notifications.send(tx, [post.author.id], {
          kind: 'sharing',
          title: `${actor.name}评论了“${post.title}”`,
          body: body.slice(0, 120),
          link: `/share/posts/${postId}`,
        });
      }
    });
    return this.list(actor, postId);
  }
}
