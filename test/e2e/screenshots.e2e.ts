import { randomUUID } from 'node:crypto';
import type { CourseDto, MyProgramDto } from '@lingyan/contracts';
import { Browser, Page } from 'playwright-core';
import { BASE_URL, DESKTOP, PHONE, launch, newPage, realProblems, screenshot, signInAs } from './support/browser';

/**
 * Screenshots of every main page at 360×740 and 1280×800 into test/e2e/screenshots/ (git-ignored),
 * each taken after asserting that the page shows its real content.
 */
describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('screenshots on %s', (label, viewport) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('login page', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(page, 'login');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it.each([['mentor', 'home-mentor']])('home of %s', async (username, name) => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, username);
    await page.getByText('即将上线').first().waitFor();
    await screenshot(page, name);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('learning: my learning, a course, the article player and the credit-hour ledger', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    // trainee2, so that the flows of learn.e2e.ts (trainee) start from a clean slate
    await signInAs(page, 'trainee2');
    await completeShortestModule(page);
    await page.reload();
    await page.getByTestId('program').getByTestId('continue').waitFor();
    await page.getByTestId('course-card').first().waitFor();
    await screenshot(page, 'home-learn');

    await page.getByTestId('course-card').first().click();
    await page.getByTestId('module-row').first().waitFor();
    await page.getByTestId('lock-reason').first().waitFor();
    await screenshot(page, 'learn-course');

    await page.getByTestId('module-row').first().click();
    await page.getByTestId('article').locator('h2').first().waitFor();
    await page.getByTestId('status-time').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'learn-article');
    await page.evaluate(() => window.scrollTo(0, window.innerHeight * 1.5));
    await screenshot(page, 'learn-article-scrolled');

    await page.goto(`${BASE_URL}/learn/credits`);
    await page.getByTestId('ledger-entry').first().waitFor();
    await screenshot(page, 'learn-credits');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('admin home, user list, user form, profile and navigation', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, 'chunan-admin');
    await page.getByTestId('admin-stats').getByText('账号总数').waitFor();
    await screenshot(page, 'home-admin');

    await page.goto(`${BASE_URL}/admin/users`);
    await page.getByTestId('user-row').filter({ hasText: '姜海峰' }).first().waitFor();
    await screenshot(page, 'user-list');

    await page.goto(`${BASE_URL}/admin/users/new`);
    await page.getByTestId('user-form').waitFor();
    await page.getByTestId('submit').click();
    await page.getByText('此项为必填项').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'user-form');

    await page.goto(`${BASE_URL}/admin/users?q=trainee`);
    await page
      .getByTestId('user-row')
      .filter({ hasText: '姜海峰' })
      .first()
      .getByRole('link', { name: '姜海峰' })
      .click();
    await page.locator('#f-name').waitFor();
    await page.getByTestId('f-region').getByText('下姜村').waitFor();
    await screenshot(page, 'user-form-edit');

    await page.goto(`${BASE_URL}/profile`);
    await page.getByTestId('profile').getByText('杭州市 / 淳安县').waitFor();
    await screenshot(page, 'profile');

    if (label === 'phone') {
      await page.getByTestId('nav-toggle').click();
      await page.locator('.ant-drawer').getByText('用户管理').waitFor();
      await screenshot(page, 'nav-drawer');
    }
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});

/** Completes the shortest open module of the signed-in trainee through the API (back-dated 15 s windows). */
async function completeShortestModule(page: Page): Promise<void> {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('lingyan.session') ?? '{}').accessToken);
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${BASE_URL}/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const [program] = await call<MyProgramDto[]>('/learning/programs');
  const courses = await Promise.all(program.courses.map((c) => call<CourseDto>(`/learning/courses/${c.id}`)));
  const modules = courses.flatMap((c) => c.modules).filter((m) => !m.locked && m.kind === 'article');
  if (modules.some((m) => m.status === 'complete')) return;
  const target = modules.sort((a, b) => a.estimatedMinutes - b.estimatedMinutes)[0];
  await call(`/learning/modules/${target.id}`);
  const end = Date.now();
  for (let i = 0; i < 8; i++) {
    await call('/progress', {
      eventId: randomUUID(),
      moduleId: target.id,
      startedAt: new Date(end - 118_000 + i * 14_750).toISOString(),
      endedAt: new Date(end - 118_000 + (i + 1) * 14_750).toISOString(),
      position: (i + 1) / 8,
      reachedEnd: i === 7,
    });
  }
}
