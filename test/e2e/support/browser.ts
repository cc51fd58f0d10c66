import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page, chromium } from 'playwright-core';

export const BASE_URL = (process.env['E2E_BASE_URL'] ?? 'http://localhost:3000').replace(/\/$/, '');
export const PASSWORD = 'Lingyan@2026';
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
export type Viewport = typeof PHONE | typeof DESKTOP;

export interface DemoAccount {
  username: string;
  name: string;
  home: string;
  title: string;
}

/** The seeded demo accounts, their names and the home (path and Chinese title) they land on. */
export const ACCOUNTS: readonly DemoAccount[] = [
  { username: 'zj-admin', name: '周建华', home: '/admin', title: '管理后台' },
  { username: 'chunan-admin', name: '方志远', home: '/admin', title: '管理后台' },
  { username: 'anji-admin', name: '钱立群', home: '/admin', title: '管理后台' },
  { username: 'trainer', name: '陈雅琴', home: '/teach', title: '教学管理' },
  { username: 'mentor', name: '李卫东', home: '/mentor', title: '导师工作台' },
  { username: 'trainee', name: '姜海峰', home: '/learn', title: '我的学习' },
  { username: 'trainee2', name: '宋春燕', home: '/learn', title: '我的学习' },
];

export function account(username: string): DemoAccount {
  const found = ACCOUNTS.find((a) => a.username === username);
  if (!found) throw new Error(`unknown demo account ${username}`);
  return found;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Problems seen by a page: console errors (CSP violations among them), failed or unexpected requests. */
export interface PageProblems {
  list: string[];
}

export async function newPage(
  browser: Browser,
  viewport: Viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.list.push(`external request: ${url}`);
    }
    if (/\.svg(\?|$)/.test(url) || url.includes('/assets/')) problems.list.push(`icon/asset fetch: ${url}`);
  });
  return { context, page, problems };
}

/** Expected 4xx answers show up as console errors in Chromium; keep only the real problems. */
export function realProblems(problems: PageProblems, allowedStatuses: number[] = []): string[] {
  return problems.list.filter((line) => !allowedStatuses.some((status) => line.includes(`status of ${status}`)));
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${BASE_URL}/login`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('form button[type=submit]').click();
}

export async function signInAs(page: Page, username: string): Promise<DemoAccount> {
  const demo = account(username);
  await signIn(page, username);
  await page.waitForURL((url) => url.pathname === demo.home);
  await page.getByTestId('page-title').filter({ hasText: demo.title }).waitFor();
  return demo;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  // let transitions (drawer, messages, skeletons) settle
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size?.width}x${size?.height}.png`), fullPage: false });
}

/**
 * Waits until a <video> shows a frame and has stopped fetching, then lets Chromium's native controls
 * fade their loading spinner out (it lingers about a second), so that a screenshot shows the picture.
 */
export async function videoSettled(video: Locator): Promise<void> {
  await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        const settled = () => v.readyState >= 2 && !v.seeking && v.networkState !== HTMLMediaElement.NETWORK_LOADING;
        if (settled()) return resolve();
        const timer = setInterval(() => {
          if (!settled()) return;
          clearInterval(timer);
          resolve();
        }, 100);
      }),
  );
  await video.page().waitForTimeout(1_500);
}

/** The header's user name (on every page inside the shell). */
export function headerUserName(page: Page) {
  return page.getByTestId('user-name');
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}
