import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationDto, NotificationKind, NotificationPage, UnreadCountDto } from '@lingyan/contracts';
import { DomainError } from '../common/domain-error';

/** What one `send` delivers to every recipient. */
export interface NotificationMessage {
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path inside the web app, e.g. `/learn`; null when there is nothing to open. */
  link: string | null;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = 'id, kind, title, body, link, created_at, read_at';
/** The `title` column is varchar(200); a long cohort name must not make a whole reminder fail. */
const TITLE_MAX = 200;

function toDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

function notFound(): DomainError {
  return new DomainError('NOTIFICATION_NOT_FOUND', 'You have no notification with this id.');
}

/**
 * In-app notifications: stored per user, paged newest first, marked read. Every read and write is
 * keyed by the caller's id, so one user can never see or touch another user's notifications.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Delivers one message to many users in a single statement, so a reminder to a whole province
   * (tens of thousands of users) is one round trip inside the caller's transaction. Repeated ids
   * get one notification; ids without a user are skipped. Answers how many were stored.
   */
  async send(
    manager: EntityManager | DataSource,
    userIds: readonly string[],
    message: NotificationMessage,
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    const title = Array.from(message.title).slice(0, TITLE_MAX).join('');
    const [{ n }] = await manager.query<Array<{ n: number }>>(
      `WITH sent AS (
         INSERT INTO notification (user_id, kind, title, body, link)
         SELECT u.id, $2, $3, $4, $5
           FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS t(id)) AS r
           JOIN app_user u ON u.id = r.id
         RETURNING 1)
       SELECT count(*)::int AS n FROM sent`,
      [userIds, message.kind, title, message.body, message.link],
    );
    return n;
  }

  async list(userId: string, page: number, limit: number, unreadOnly = false): Promise<NotificationPage> {
    const [rows, [counts]] = await Promise.all([
      // The order matches ix_notification_user (user_id, created_at DESC, id): a page is an index range.
      this.dataSource.query<NotificationRow[]>(
        `SELECT ${COLUMNS} FROM notification
          WHERE user_id = $1 AND (NOT $2::boolean OR read_at IS NULL)
          ORDER BY created_at DESC, id
          LIMIT $3 OFFSET $4`,
        [userId, unreadOnly, limit, (page - 1) * limit],
      ),
      this.dataSource.query<Array<{ total: number; unread: number }>>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notification WHERE user_id = $1`,
        [userId],
      ),
    ]);
    return {
      items: rows.map(toDto),
      total: unreadOnly ? counts.unread : counts.total,
      page,
      limit,
      unread: counts.unread,
    };
  }

  async unreadCount(userId: string): Promise<UnreadCountDto> {
    // Served by the partial index ix_notification_unread: the bell polls this every minute.
    const [{ unread }] = await this.dataSource.query<Array<{ unread: number }>>(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { unread };
  }

  /** Marks one of the caller's notifications read; reading it again keeps the first time. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    const [rows] = await this.dataSource.query<[NotificationRow[], number]>(
      `UPDATE notification SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND user_id = $2
        RETURNING ${COLUMNS}`,
      [id, userId],
    );
    // Someone else's id answers exactly like an unknown one: nothing about it leaks.
    if (!rows[0]) throw notFound();
    return toDto(rows[0]);
  }

  async markAllRead(userId: string): Promise<UnreadCountDto> {
    await this.dataSource.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [
      userId,
    ]);
    // Counted again rather than assumed zero: a reminder may have arrived meanwhile.
    return this.unreadCount(userId);
  }
}
