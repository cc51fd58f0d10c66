import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { AuthoredCourseDto, CreateCourseRequest, CreateModuleRequest, LoginResponse } from '@lingyan/contracts';
import { login, type TestApp } from './test-app';
import { dropSuiteDatabase, withClient } from './test-database';

export const ACCOUNT_PASSWORD = 'Account#2026';

/** Rows of a query on the suite's database. */
export function rows<T = Record<string, unknown>>(t: TestApp, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(t.databaseUrl, async (c) => (await c.query(sql, params)).rows as T[]);
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const [row] = await rows<{ id: string }>(t, `SELECT id FROM app_user WHERE lower(username) = lower($1)`, [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

export interface Account {
  id: string;
  username: string;
  token: string;
}

/** A new account made by an administrator through the users API, signed in. */
export async function createAccount(
  t: TestApp,
  adminToken: string,
  username: string,
  roles: string[],
  name = username,
): Promise<Account> {
  const created = await request(t.http)
    .post('/api/users')
    .set('Authorization', adminToken)
    .send({ username, name, password: ACCOUNT_PASSWORD, roles, regionCode: '33' });
  if (created.status !== 201) {
    throw new Error(`creating ${username} answered ${created.status}: ${JSON.stringify(created.body)}`);
  }
  const session: LoginResponse = await login(t, username, ACCOUNT_PASSWORD);
  return { id: session.user.id, username, token: `Bearer ${session.accessToken}` };
}

/** Trainer-side course writing. */
export function authoring(t: TestApp) {
  const api = {
    async createCourse(token: string, body: Partial<CreateCourseRequest> = {}): Promise<AuthoredCourseDto> {
      const response = await request(t.http)
        .post('/api/curriculum/courses')
        .set('Authorization', token)
        .send({ title: '测试课程', summary: '摘要', category: 'governance', ...body });
      if (response.status !== 201)
        throw new Error(`create course: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as AuthoredCourseDto;
    },
    addModule(token: string, courseId: string, body: Partial<CreateModuleRequest> & Record<string, unknown>) {
      return request(t.http)
        .post(`/api/curriculum/courses/${courseId}/modules`)
        .set('Authorization', token)
        .send({ kind: 'article', title: '一课', estimatedMinutes: 1, ...body });
    },
    /** Adds an article and answers the course (throws unless 201). */
    async addArticle(token: string, courseId: string, title: string, minutes = 1, body?: string) {
      const response = await api.addModule(token, courseId, {
        kind: 'article',
        title,
        estimatedMinutes: minutes,
        body: body ?? `## ${title}\n\n正文。`,
      });
      if (response.status !== 201) throw new Error(`add module: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as AuthoredCourseDto;
    },
    updateModule(token: string, moduleId: string, body: Record<string, unknown>) {
      return request(t.http).patch(`/api/curriculum/modules/${moduleId}`).set('Authorization', token).send(body);
    },
    updateCourse(token: string, courseId: string, body: Record<string, unknown>) {
      return request(t.http).patch(`/api/curriculum/courses/${courseId}`).set('Authorization', token).send(body);
    },
    getCourse(token: string, courseId: string) {
      return request(t.http).get(`/api/curriculum/courses/${courseId}`).set('Authorization', token);
    },
    publish(token: string, courseId: string) {
      return request(t.http).post(`/api/curriculum/courses/${courseId}/publish`).set('Authorization', token);
    },
    /** A published course of articles (title, minutes), answered as the trainer sees it. */
    async publishedCourse(
      token: string,
      articles: Array<[string, number]>,
      body: Partial<CreateCourseRequest> = {},
    ): Promise<AuthoredCourseDto> {
      const course = await api.createCourse(token, body);
      for (const [title, minutes] of articles) await api.addArticle(token, course.id, title, minutes);
      const published = await api.publish(token, course.id);
      if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
      return published.body as AuthoredCourseDto;
    },
  };
  return api;
}

/**
 * Progress reports on one clock: `ago(s)` is s seconds before the clock was made, so windows written
 * as "from 100 to 85 seconds ago" line up exactly across calls.
 */
export function progressClock(t: TestApp) {
  const base = Date.now();
  const ago = (seconds: number) => new Date(base - seconds * 1000).toISOString();
  return {
    ago,
    /** An event for the window from `from` to `to` seconds ago. */
    event: (moduleId: string, from: number, to: number, extra: Record<string, unknown> = {}) => ({
      eventId: randomUUID(),
      moduleId,
      startedAt: ago(from),
      endedAt: ago(to),
      ...extra,
    }),
    report: (token: string, body: Record<string, unknown>) =>
      request(t.http).post('/api/progress').set('Authorization', token).send(body),
    open: (token: string, moduleId: string) =>
      request(t.http).get(`/api/learning/modules/${moduleId}`).set('Authorization', token),
  };
}

/**
 * Opens a module for a user (GET, which records when they first had it) and moves that moment back,
 * so windows in the past are allowed.
 */
export async function openedLongAgo(t: TestApp, token: string, userIdValue: string, moduleId: string, minutes = 60) {
  const opened = await request(t.http).get(`/api/learning/modules/${moduleId}`).set('Authorization', token);
  if (opened.status !== 200) throw new Error(`open module: ${opened.status} ${JSON.stringify(opened.body)}`);
  await rows(
    t,
    `UPDATE module_open SET opened_at = now() - make_interval(mins => $3) WHERE user_id = $1 AND module_id = $2`,
    [userIdValue, moduleId, minutes],
  );
  return opened;
}

/**
 * `t.close()` that cannot hang the run: when a request is still stuck in the app (the bug a test
 * caught), the database is dropped anyway and the hook fails instead of waiting for ever.
 */
export async function closeWithin(t: TestApp, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    t.app.close().then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  await dropSuiteDatabase(t.database);
  if (!closed) throw new Error(`the app did not close within ${ms} ms: a request is still in flight`);
}
