import { randomUUID } from 'node:crypto';
import type { CourseDto, MyProgramDto } from '@lingyan/contracts';
import { Browser, Page } from 'playwright-core';
import { apiToken, call, sessionToken } from './support/api';
import {
  BASE_URL,
  DESKTOP,
  PHONE,
  launch,
  newPage,
  realProblems,
  screenshot,
  signInAs,
  uniqueSuffix,
  videoSettled,
} from './support/browser';

const PROGRAM = '2026年度村社书记全员轮训';
const VIDEO_COURSE = '网格智治与矛盾纠纷化解';
const VIDEO_MODULE = '网格智治：让村里的事一网统管（示范视频）';
const PDF_COURSE = '强村公司与村级集体经济发展';
const PDF_MODULE = '强村公司运营工作手册（示范版）';
/** An open elective published for the catalog (the demo data has none). */
const ELECTIVE = `乡村文化礼堂活动策划 ${uniqueSuffix()}`;

beforeAll(async () => {
  await publishOpenElective(ELECTIVE);
});

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
    // the mentees (none yet, or those mentoring.e2e.ts paired) and the evaluations panel, loaded
    await page
      .getByTestId('mentees-empty')
      .or(page.getByTestId('mentee-card').first())
      .or(page.getByTestId('proposal').first())
      .first()
      .waitFor();
    await page.getByTestId('mentor-evaluations').getByRole('heading').waitFor();
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

  it('learning: the catalog, a video module and the PDF module', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, 'trainee2');
    await page.getByTestId('catalog-link').click();
    await page.waitForURL((url) => url.pathname === '/learn/catalog');
    await page.getByTestId('catalog-card').filter({ hasText: ELECTIVE }).waitFor();
    await screenshot(page, 'learn-catalog');

    // the demo video (first module of its course); opening it without playing records nothing
    await page.goto(`${BASE_URL}/learn`);
    await page.getByTestId('course-card').filter({ hasText: VIDEO_COURSE }).click();
    await page.getByTestId('module-row').first().filter({ hasText: VIDEO_MODULE }).click();
    await page.getByTestId('page-title').filter({ hasText: VIDEO_MODULE }).waitFor();
    await videoSettled(page.getByTestId('video'));
    await page.getByTestId('status-watched').waitFor();
    await screenshot(page, 'learn-video');

    // the demo PDF (last module of its course), at the page the trainee last read
    await page.goto(`${BASE_URL}/learn`);
    await page.getByTestId('course-card').filter({ hasText: PDF_COURSE }).click();
    await page.getByTestId('module-row').last().filter({ hasText: PDF_MODULE }).click();
    await page.getByTestId('page-title').filter({ hasText: PDF_MODULE }).waitFor();
    await page.getByTestId('pdf-page-count').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=pdf-page]').waitFor();
    await screenshot(page, 'learn-pdf');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('teaching: the programs, the demo program, and a course with a video module', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, 'trainer');
    await page.goto(`${BASE_URL}/teach/programs`);
    const row = page.getByTestId('program-row').filter({ hasText: PROGRAM });
    await row.waitFor();
    await screenshot(page, 'teach-programs');

    await row.getByRole('link', { name: PROGRAM }).click();
    await page.getByTestId('page-title').filter({ hasText: PROGRAM }).waitFor();
    await page.getByTestId('course-row').first().waitFor();
    await page.getByTestId('program-totals').waitFor();
    await screenshot(page, 'teach-program-editor');

    await page.goto(`${BASE_URL}/teach`);
    await page
      .getByTestId('course-row')
      .filter({ hasText: VIDEO_COURSE })
      .getByRole('link', { name: VIDEO_COURSE })
      .click();
    await page.getByTestId('page-title').filter({ hasText: VIDEO_COURSE }).waitFor();
    const video = page.getByTestId('module-row').filter({ hasText: VIDEO_MODULE });
    await video.getByText('时长 1:12').waitFor();
    await screenshot(page, 'teach-course-video');

    await video.getByTestId('module-open').click();
    const drawer = page.locator('.teach-module-drawer');
    await drawer.getByTestId('video-preview').waitFor();
    await videoSettled(drawer.getByTestId('video-preview').locator('video'));
    await screenshot(page, 'teach-module-video');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('admin home, user list, user form, profile and navigation', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, 'chunan-admin');
    await page.getByTestId('dashboard-stats').getByText('完成率').waitFor();
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
  const token = await sessionToken(page);
  const [program] = await call<MyProgramDto[]>(token, 'GET', '/learning/programs');
  const courses = await Promise.all(
    program.courses.map((c) => call<CourseDto>(token, 'GET', `/learning/courses/${c.id}`)),
  );
  const modules = courses.flatMap((c) => c.modules).filter((m) => !m.locked && m.kind === 'article');
  if (modules.some((m) => m.status === 'complete')) return;
  const target = modules.sort((a, b) => a.estimatedMinutes - b.estimatedMinutes)[0];
  await call(token, 'GET', `/learning/modules/${target.id}`);
  const end = Date.now();
  for (let i = 0; i < 8; i++) {
    await call(token, 'POST', '/progress', {
      eventId: randomUUID(),
      moduleId: target.id,
      startedAt: new Date(end - 118_000 + i * 14_750).toISOString(),
      endedAt: new Date(end - 118_000 + (i + 1) * 14_750).toISOString(),
      position: (i + 1) / 8,
      reachedEnd: i === 7,
    });
  }
}

/** Publishes a course offered in the catalog of open electives, through the API as the demo trainer. */
async function publishOpenElective(title: string): Promise<void> {
  const trainer = await apiToken('trainer');
  const course = await call<{ id: string }>(trainer, 'POST', '/curriculum/courses', {
    title,
    category: 'rural_construction',
    summary: '文化礼堂怎么用起来：节庆活动、村晚和讲堂的策划与组织。',
    openElective: true,
  });
  await call(trainer, 'POST', `/curriculum/courses/${course.id}/modules`, {
    kind: 'article',
    title: '文化礼堂的一年活动表',
    body: '## 一年活动表\n\n按节气和节日排好活动，提前一个月发布。',
    estimatedMinutes: 12,
  });
  await call(trainer, 'POST', `/curriculum/courses/${course.id}/publish`, {});
}
