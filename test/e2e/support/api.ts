import type { LoginResponse } from '@lingyan/contracts';
import type { Page } from 'playwright-core';
import { BASE_URL, PASSWORD } from './browser';

/** An API answer whatever its status: the status and the parsed JSON body (null when empty). */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

function send(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${BASE_URL}/api${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const parsed = (text: string): unknown => (text ? JSON.parse(text) : null);

/** A JSON call to the API (`path` after `/api`) whose status the test checks itself. */
export async function api<T>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const response = await send(token, method, path, body);
  return { status: response.status, body: parsed(await response.text()) as T };
}

/** A JSON call to the API (`path` after `/api`) that must succeed: its body (null when empty). */
export async function call<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(token, method, path, body);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return parsed(text) as T;
}

/** Signs in through the API (a demo account's password by default): the access token. */
export async function apiToken(username: string, password = PASSWORD): Promise<string> {
  const response = await send(null, 'POST', '/auth/login', { username, password });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${text}`);
  return (JSON.parse(text) as LoginResponse).accessToken;
}

/** The access token of the session signed in in the page. */
export async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('lingyan.session') ?? '{}').accessToken);
  if (typeof token !== 'string') throw new Error('not signed in');
  return token;
}

/** A trainee account made by an administrator (the province's, for region `33`), signed in: its token. */
export async function newTrainee(admin: string, username: string, name: string, regionCode = '33'): Promise<string> {
  await call(admin, 'POST', '/users', { username, name, password: PASSWORD, roles: ['trainee'], regionCode });
  return apiToken(username);
}

/** Polls `condition` (a failing check counts as false) until it holds, or fails after `timeoutMs`. */
export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
