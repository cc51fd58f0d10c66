import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import type { CourseDto, ModuleDto, ModuleSummaryDto, MyProgramDto, ProgressEventResponse } from '@lingyan/contracts';
import { call, sessionToken, waitFor } from './support/api';
import { BASE_URL, PHONE, launch, newPage, realProblems, signInAs } from './support/browser';
import {
  expectCount,
  expectDisabled,
  expectEventually,
  expectRead,
  expectText,
  expectTextContaining,
} from './support/expect-page';

const PROGRAM = '2026年度村社书记全员轮训';
const FIRST_ARTICLE = '“千万工程”的发展脉络与核心经验';
const SECOND_COURSE = '党建联建与村级组织力提升';

/** Seconds shown in the player's status line ("已学习 m:ss / 需 m:ss"). */
async function studiedSeconds(page: Page): Promise<number> {
  const text = await page.getByTestId('status-time').innerText();
  const match = /已学习\s*(\d+):(\d{2})/.exec(text);
  if (!match) throw new Error(`unexpected status line: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The credits the default table gives a module of this length (≥30 min 1, ≥15 min 0.5, else 0.25). */
const creditsFor = (minutes: number) => (minutes >= 30 ? 1 : minutes >= 15 ? 0.5 : 0.25);

describe('learning on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('continues, tracks reading time, resumes where the trainee left off, and shows earned credit hours', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    await signInAs(page, 'trainee');

    // My learning: the program, 0 / 8 credit hours and one Continue button
    const program = page.getByTestId('program').filter({ hasText: PROGRAM });
    await program.waitFor();
    await expectText(program.getByTestId('credits-value'), '0 / 8 学时');
    // every course of the program as the API lists them: the six demo courses, plus any course another
    // test file added to the demo program in the shared database (media-course.e2e.ts adds one)
    const [listed] = await call<MyProgramDto[]>(await sessionToken(page), 'GET', '/learning/programs');
    expect(listed.courses.length).toBeGreaterThanOrEqual(6);
    await expectCount(page.getByTestId('course-card'), listed.courses.length);
    const continueButton = program.getByTestId('continue');
    await expectTextContaining(continueButton, '继续学习');

    // Continue opens the first article of the first course
    await continueButton.click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/modules/'));
    await page.getByTestId('page-title').filter({ hasText: FIRST_ARTICLE }).waitFor();
    await page.getByTestId('article').locator('h2').first().waitFor();
    await expectText(page.getByTestId('status-end'), '尚未读到结尾');
    // the next module of the sequential first course is locked until this one is complete
    await page.getByTestId('next-locked-hint').waitFor();
    await expectDisabled(page.getByTestId('next'));

    // read to the end
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.getByTestId('status-end').filter({ hasText: '已读到结尾' }).waitFor();
    // after 15 s of (recent) activity a progress event has been recorded and answered
    await page.waitForTimeout(15_500);
    await waitFor(async () => (await studiedSeconds(page)) >= 15, 15_000, 'a 15 s progress report', 500);
    const studied = await studiedSeconds(page);
    expect(studied).toBeGreaterThanOrEqual(15);
    expect(studied).toBeLessThan(60);
    await expectTextContaining(page.getByTestId('status-time'), '需 10:00');

    // a second module (an elective course, not sequential): leave it mid-article
    await page.goto(`${BASE_URL}/learn`);
    await page.getByTestId('course-card').filter({ hasText: SECOND_COURSE }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/courses/'));
    await page.getByTestId('page-title').filter({ hasText: SECOND_COURSE }).waitFor();
    const firstRow = page.getByTestId('module-row').first();
    const secondTitle = (await firstRow.locator('.module-title').innerText()).trim();
    await firstRow.click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/modules/'));
    const secondUrl = new URL(page.url()).pathname;
    await page.getByTestId('page-title').filter({ hasText: secondTitle }).waitFor();
    await page.getByTestId('article').locator('h2').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) * 0.5));
    await page.waitForTimeout(1_500); // a moment of reading there
    const leftAt = await page.evaluate(() => window.scrollY);
    expect(leftAt).toBeGreaterThan(500);

    // sign out, sign in again, Continue: the same module, scrolled to the same place
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signInAs(page, 'trainee');
    const again = page.getByTestId('program').filter({ hasText: PROGRAM });
    await expectTextContaining(again.getByTestId('continue-hint'), secondTitle);
    await again.getByTestId('continue').click();
    await page.waitForURL((url) => url.pathname === secondUrl);
    await page.getByTestId('page-title').filter({ hasText: secondTitle }).waitFor();
    await waitFor(
      async () => Math.abs((await page.evaluate(() => window.scrollY)) - leftAt) < 80,
      10_000,
      `the article to be scrolled back near ${leftAt}px`,
      500,
    );
    const resumedAt = await page.evaluate(() => window.scrollY);
    expect(Math.abs(resumedAt - leftAt)).toBeLessThan(80);

    // complete the shortest module through the API with back-dated windows (the server allows up to
    // 120 s before the module was opened): eight 15 s windows ending now, the end reached in the last
    const token = await sessionToken(page);
    const programs = await call<MyProgramDto[]>(token, 'GET', '/learning/programs');
    const courses = await Promise.all(
      programs[0].courses.map((c) => call<CourseDto>(token, 'GET', `/learning/courses/${c.id}`)),
    );
    const candidates = courses
      .flatMap((course) => course.modules.map((module) => ({ course, module })))
      .filter(({ module }) => !module.locked && module.status === 'not_started' && module.kind === 'article');
    candidates.sort((a, b) => a.module.estimatedMinutes - b.module.estimatedMinutes);
    const { course, module: target } = candidates[0];
    const opened = await call<ModuleDto>(token, 'GET', `/learning/modules/${target.id}`);
    expect(opened.progress.requiredSeconds).toBeLessThanOrEqual(118);
    const expected = creditsFor(target.estimatedMinutes);
    expect(target.credits).toBe(expected);

    const end = Date.now();
    const start = end - 118_000;
    const step = (end - start) / 8;
    let last: ProgressEventResponse | null = null;
    for (let i = 0; i < 8; i++) {
      last = await call<ProgressEventResponse>(token, 'POST', '/progress', {
        eventId: randomUUID(),
        moduleId: target.id,
        startedAt: new Date(start + i * step).toISOString(),
        endedAt: new Date(start + (i + 1) * step).toISOString(),
        position: (i + 1) / 8,
        ...(i === 7 ? { reachedEnd: true } : {}),
      });
    }
    expect(last?.progress.status).toBe('complete');
    expect(last?.creditsEarned).toBe(expected);

    // My learning and My credit hours show it
    await page.goto(`${BASE_URL}/learn`);
    const after = page.getByTestId('program').filter({ hasText: PROGRAM });
    await expectText(after.getByTestId('credits-value'), `${expected} / 8 学时`);
    await page.getByTestId('credits-link').click();
    await page.waitForURL((url) => url.pathname === '/learn/credits');
    await expectText(page.getByTestId('credits-total-value'), String(expected));
    const entry = page.getByTestId('ledger-entry').filter({ hasText: target.title });
    await expectCount(entry, 1);
    await expectTextContaining(entry, [course.title, `+${expected} 学时`, `→ ${expected} 学时`]);

    // and the course page marks the module complete
    await page.goto(`${BASE_URL}/learn/courses/${course.id}`);
    const row = page.getByTestId('module-row').filter({ hasText: target.title });
    await expectText(row.getByTestId('module-status'), '已完成');

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('shows a locked module greyed with the reason, and the player refuses it', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    await signInAs(page, 'trainee2');
    await page.getByTestId('course-card').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/courses/'));
    await page.getByTestId('lock-reason').first().waitFor();
    const locked = page.getByTestId('module-row').filter({ has: page.getByTestId('lock-reason') });
    await expectEventually(
      () => locked.count(),
      (n) => n > 0,
      'number of locked module rows',
      'more than 0',
    );
    await expectTextContaining(locked.first().getByTestId('lock-reason'), '完成上一单元后解锁');
    await expectRead(() => locked.first().evaluate((el) => el.tagName), 'DIV', 'element of a locked row'); // not a link

    const token = await sessionToken(page);
    const courseId = new URL(page.url()).pathname.split('/').pop() as string;
    const course = await call<CourseDto>(token, 'GET', `/learning/courses/${courseId}`);
    const lockedModule = course.modules.find((m) => m.locked) as ModuleSummaryDto;
    await page.goto(`${BASE_URL}/learn/modules/${lockedModule.id}`);
    await page.getByTestId('module-error').getByText('本单元尚未解锁').waitFor();

    await page.goto(`${BASE_URL}/learn/courses/00000000-0000-4000-8000-000000000000`);
    await page.getByTestId('course-error').getByText('找不到该课程').waitFor();
    expect(realProblems(problems, [403, 404])).toEqual([]);
    await context.close();
  });

  it('renders the pages in English too', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signInAs(page, 'trainee2');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('page-title').filter({ hasText: 'My learning' }).waitFor();
    await expectTextContaining(page.getByTestId('continue'), 'Continue');
    await expectText(page.getByTestId('credits-value').first(), / \/ 8 credit hours$/);
    await page.getByTestId('credits-link').click();
    await page.getByTestId('page-title').filter({ hasText: 'My credit hours' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('page-title').filter({ hasText: '我的学时' }).waitFor();
    await context.close();
  });
});
