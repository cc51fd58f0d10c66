import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { NotificationDto, NotificationPage, UnreadCountDto } from '@lingyan/contracts';
import { NotificationsService } from '../../api/src/notifications/notifications.service';
import { rows, userId } from './support/api-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

describe('notifications: the bell of every user', () => {
  let t: TestApp;
  let service: NotificationsService;
  let trainee: string;
  let trainee2: string;
  let traineeId: string;
  let trainee2Id: string;

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(NotificationsService);
    [trainee, trainee2] = await Promise.all([bearer(t, 'trainee'), bearer(t, 'trainee2')]);
    [traineeId, trainee2Id] = await Promise.all([userId(t, 'trainee'), userId(t, 'trainee2')]);
  });
  afterAll(() => t.close());

  const get = (token: string, path: string) =>
    request(t.http).get(`/api/notifications${path}`).set('Authorization', token);
  const post = (token: string, path: string) =>
    request(t.http).post(`/api/notifications${path}`).set('Authorization', token);
  const message = (title: string) => ({ kind: 'reminder' as const, title, body: `${title}的正文`, link: '/learn' });

  /** Sends one notification per title, each a minute after the one before, so the order is known. */
  async function sendInOrder(titles: string[], to: string[]): Promise<void> {
    for (const [i, title] of titles.entries()) {
      await service.send(t.app.get(DataSource), to, message(title));
      // Spread out explicitly: statements within one millisecond would tie on created_at.
      await rows(t, `UPDATE notification SET created_at = now() - make_interval(secs => $2) WHERE title = $1`, [
        title,
        (titles.length - i) * 60,
      ]);
    }
  }

  describe('sending', () => {
    it('stores one row per recipient in one statement, skipping repeats and unknown users', async () => {
      const ghost = randomUUID();
      const sent = await service.send(t.app.get(DataSource), [traineeId, trainee2Id, traineeId, ghost], {
        kind: 'enrolled',
        title: '欢迎加入轮训班',
        body: '请按时完成学习。',
        link: null,
      });
      expect(sent).toBe(2);
      const stored = await rows<{ user_id: string; kind: string; read_at: Date | null }>(
        t,
        `SELECT user_id, kind, read_at FROM notification WHERE title = '欢迎加入轮训班' ORDER BY user_id`,
      );
      expect(stored.map((r) => r.user_id).sort()).toEqual([traineeId, trainee2Id].sort());
      expect(stored.every((r) => r.kind === 'enrolled' && r.read_at === null)).toBe(true);
      await rows(t, `DELETE FROM notification`);
    });

    it('sends nothing to nobody and takes part in the caller’s transaction', async () => {
      const dataSource = t.app.get(DataSource);
      expect(await service.send(dataSource, [], message('无人'))).toBe(0);
      await expect(
        dataSource.transaction(async (manager) => {
          expect(await service.send(manager, [traineeId], message('回滚'))).toBe(1);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await rows(t, `SELECT 1 FROM notification WHERE title = '回滚'`)).toHaveLength(0);
    });

    it('delivers to thousands of users at once', async () => {
      const ids = (
        await rows<{ id: string }>(
          t,
          `INSERT INTO app_user (username, name, password_hash, roles, region_code)
           SELECT 'bulk-' || g, '批量' || g, 'x', '{trainee}', '33' FROM generate_series(1, 5000) g RETURNING id`,
        )
      ).map((r) => r.id);
      expect(await service.send(t.app.get(DataSource), ids, message('批量提醒'))).toBe(5000);
      await rows(t, `DELETE FROM app_user WHERE username LIKE 'bulk-%'`);
      expect(await rows(t, `SELECT 1 FROM notification`)).toHaveLength(0);
    });
  });

  describe('reading', () => {
    const titles = ['第一条', '第二条', '第三条', '第四条', '第五条'];
    beforeAll(async () => {
      await rows(t, `DELETE FROM notification`);
      await sendInOrder(titles, [traineeId]);
      await service.send(t.app.get(DataSource), [trainee2Id], message('别人的'));
    });

    it('lists the caller’s own notifications newest first, paged, with the unread count', async () => {
      const first = await get(trainee, '?page=1&limit=2');
      expect(first.status).toBe(200);
      const body = first.body as NotificationPage;
      expect(body).toMatchObject({ total: 5, page: 1, limit: 2, unread: 5 });
      expect(body.items.map((n) => n.title)).toEqual(['第五条', '第四条']);
      expect(body.items[0]).toMatchObject({ kind: 'reminder', body: '第五条的正文', link: '/learn', readAt: null });
      expect(Date.parse(body.items[0].createdAt)).toBeGreaterThan(Date.parse(body.items[1].createdAt));

      const last = (await get(trainee, '?page=3&limit=2')).body as NotificationPage;
      expect(last.items.map((n) => n.title)).toEqual(['第一条']);
      const beyond = (await get(trainee, '?page=9&limit=2')).body as NotificationPage;
      expect(beyond).toMatchObject({ items: [], total: 5, unread: 5 });

      const other = (await get(trainee2, '')).body as NotificationPage;
      expect(other.items.map((n) => n.title)).toEqual(['别人的']);
    });

    it('counts the unread for the badge', async () => {
      expect((await get(trainee, '/unread-count')).body).toEqual({ unread: 5 } satisfies UnreadCountDto);
      expect((await get(trainee2, '/unread-count')).body).toEqual({ unread: 1 });
    });

    it('marks one read, keeps the first time when read again, and filters the unread', async () => {
      const [newest] = ((await get(trainee, '?limit=1')).body as NotificationPage).items;
      const read = await post(trainee, `/${newest.id}/read`);
      expect(read.status).toBe(200);
      const dto = read.body as NotificationDto;
      expect(dto).toMatchObject({ id: newest.id, title: '第五条' });
      expect(dto.readAt).not.toBeNull();

      const again = (await post(trainee, `/${newest.id}/read`)).body as NotificationDto;
      expect(again.readAt).toBe(dto.readAt);

      expect((await get(trainee, '/unread-count')).body).toEqual({ unread: 4 });
      const unread = (await get(trainee, '?unread=true')).body as NotificationPage;
      expect(unread).toMatchObject({ total: 4, unread: 4 });
      expect(unread.items.map((n) => n.title)).toEqual(['第四条', '第三条', '第二条', '第一条']);
      const all = (await get(trainee, '?unread=false')).body as NotificationPage;
      expect(all).toMatchObject({ total: 5, unread: 4 });
      expect(all.items[0]).toMatchObject({ title: '第五条', readAt: dto.readAt });
    });

    it('never lets one user read or mark another user’s notification', async () => {
      const [theirs] = ((await get(trainee2, '')).body as NotificationPage).items;
      const attempt = await post(trainee, `/${theirs.id}/read`);
      expect(attempt.status).toBe(404);
      expect(attempt.body.error).toBe('NOTIFICATION_NOT_FOUND');
      // The same answer as an id nobody has: nothing tells the two apart.
      const unknown = await post(trainee, `/${randomUUID()}/read`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual(attempt.body);
      const [stored] = await rows<{ read_at: Date | null }>(t, `SELECT read_at FROM notification WHERE id = $1`, [
        theirs.id,
      ]);
      expect(stored.read_at).toBeNull();
      expect(JSON.stringify((await get(trainee, '?limit=100')).body)).not.toContain(theirs.id);
    });

    it('marks all read, only the caller’s', async () => {
      const response = await post(trainee, '/read-all');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ unread: 0 });
      expect((await get(trainee, '?unread=true')).body).toMatchObject({ items: [], total: 0, unread: 0 });
      expect((await get(trainee2, '/unread-count')).body).toEqual({ unread: 1 });
      // Nothing left to mark: still fine.
      expect((await post(trainee, '/read-all')).body).toEqual({ unread: 0 });
    });
  });

  describe('validation and access', () => {
    it.each([
      ['a malformed id', 'post', '/not-a-uuid/read', 'id'],
      ['a limit over 100', 'get', '?limit=101', 'limit'],
      ['a page of zero', 'get', '?page=0', 'page'],
      ['an unread flag that is not a boolean', 'get', '?unread=yes', 'unread'],
      ['an unknown query field', 'get', '?sort=title', 'sort'],
    ] as const)('refuses %s with 400', async (_, method, path, field) => {
      const response = await (method === 'get' ? get(trainee, path) : post(trainee, path));
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('answers 401 to everyone not signed in', async () => {
      const id = randomUUID();
      for (const [method, path] of [
        ['get', ''],
        ['get', '/unread-count'],
        ['post', `/${id}/read`],
        ['post', '/read-all'],
      ] as const) {
        const response = await request(t.http)[method](`/api/notifications${path}`);
        expect(response.status).toBe(401);
        expect(response.body.error).toBe('UNAUTHENTICATED');
      }
    });

    it('is open to every role, administrators included', async () => {
      const admin = await bearer(t, 'zj-admin');
      expect((await get(admin, '/unread-count')).body).toEqual({ unread: 0 });
    });
  });
});
