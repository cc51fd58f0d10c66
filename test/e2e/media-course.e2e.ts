import { join } from 'node:path';
import { Browser, Page, Response } from 'playwright-core';
import type { ProgressEventRequest, ProgressEventResponse } from '@lingyan/contracts';
import {
  BASE_URL,
  DESKTOP,
  PHONE,
  PageProblems,
  Viewport,
  launch,
  newPage,
  realProblems,
  screenshot,
  signInAs,
  uniqueSuffix,
  videoSettled,
} from './support/browser';
import {
  expectCount,
  expectDisabled,
  expectEventually,
  expectText,
  expectTextContaining,
  expectTexts,
  expectValue,
} from './support/expect-page';

/**
 * A course with an article and a video, from the trainer's upload to the trainee's "continue" on a
 * phone; and the demo program's PDF module on a phone.
 *
 * The trainee here is trainee2 (宋春燕): learn.e2e.ts needs trainee (姜海峰) untouched (0 credit
 * hours, "continue" at the first article of the first course), and Jest does not fix the order of
 * the test files. What this file leaves behind in the shared database — one more (published,
 * required) course at the end of the demo program, trainee2's progress — is what the other files
 * tolerate: they count the program's courses as the API lists them.
 */

const PROGRAM = '2026年度村社书记全员轮训';
const TRAINEE = 'trainee2';
const DEMO_VIDEO = join(__dirname, '..', '..', 'api', 'src', 'database', 'seed', 'media', 'demo-video.mp4');
const PDF_COURSE = '强村公司与村级集体经济发展';
const PDF_MODULE = '强村公司运营工作手册（示范版）';

/** A Markdown body long enough to scroll several screens on a phone. */
function longArticle(): string {
  const paragraphs = Array.from(
    { length: 24 },
    (_, i) =>
      `第${i + 1}段：村里的事，大家商量着办。议事会前把议题公示三天，会上逐条表决，会后把结果和执行人贴到公开栏，` +
      `让每一户都知道钱花在哪里、事办到哪一步。`,
  );
  return `## 村务公开的要点\n\n${paragraphs.slice(0, 12).join('\n\n')}\n\n## 监督与反馈\n\n${paragraphs.slice(12).join('\n\n')}`;
}

/** The earned part of "x / 8 学时". */
async function earnedCredits(page: Page, timeout?: number): Promise<number> {
  const text = await page
    .getByTestId('program')
    .filter({ hasText: PROGRAM })
    .getByTestId('credits-value')
    .innerText({ timeout });
  const match = /^([\d.]+) \/ 8 学时$/.exec(text.trim());
  if (!match) throw new Error(`unexpected credits line: ${text}`);
  return Number(match[1]);
}

/** The next answered progress report of a module that matches `accept`. */
function progressAnswer(
  page: Page,
  moduleId: () => string,
  accept: (event: ProgressEventRequest) => boolean,
): Promise<{ event: ProgressEventRequest; body: ProgressEventResponse }> {
  return page
    .waitForResponse(
      (response: Response) => {
        const request = response.request();
        if (request.method() !== 'POST' || !response.url().endsWith('/api/progress') || !response.ok()) return false;
        const event = JSON.parse(request.postData() ?? '{}') as ProgressEventRequest;
        return event.moduleId === moduleId() && accept(event);
      },
      { timeout: 20_000 },
    )
    .then(async (response) => ({
      event: JSON.parse(response.request().postData() ?? '{}') as ProgressEventRequest,
      body: (await response.json()) as ProgressEventResponse,
    }));
}

const videoState = (page: Page) =>
  page.getByTestId('video').evaluate((v: HTMLVideoElement) => ({
    readyState: v.readyState,
    currentTime: v.currentTime,
    paused: v.paused,
    duration: v.duration,
  }));

describe('a course with an article and a video (trainer → trainee on a phone)', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const open = async (viewport: Viewport) => {
    const opened = await newPage(browser, viewport);
    seen.push(opened.problems);
    return opened;
  };
  const allProblems = () => seen.flatMap((p) => realProblems(p));

  it('is authored with an upload and published, added to the program, studied, and resumed after signing in again', async () => {
    const stamp = uniqueSuffix();
    const title = `村务公开与民主监督 ${stamp}`;
    const articleTitle = '第一讲 村务公开怎么做';
    const videoTitle = '第二讲 网格员一天（视频）';

    // ---------------------------------------------------------------- trainer, desktop
    const trainer = await open(DESKTOP);
    let page = trainer.page;
    await signInAs(page, 'trainer');
    await page.getByTestId('create-course').click();
    await page.waitForURL((url) => url.pathname === '/teach/courses/new');
    await page.getByTestId('course-title').fill(title);
    await page.getByTestId('course-category').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '基层治理' }).click();
    await page.getByTestId('course-submit').click();
    await page.waitForURL((url) => /^\/teach\/courses\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('modules-empty').waitFor();

    // an article of 1 minute (0.25 credit hours; 30 s of reading)
    await page.getByTestId('add-module').click();
    const drawer = page.locator('.teach-module-drawer');
    await drawer.getByTestId('module-title').fill(articleTitle);
    await drawer.getByTestId('module-minutes').fill('1');
    await drawer.getByTestId('module-credits').getByText('0.25 学时').first().waitFor();
    await drawer.getByTestId('module-body').fill(longArticle());
    await drawer.getByTestId('markdown-preview').locator('h2').filter({ hasText: '监督与反馈' }).waitFor();
    await drawer.getByTestId('module-submit').click();
    await page.getByText(`已添加单元“${articleTitle}”`).waitFor();
    await page.getByTestId('module-row').filter({ hasText: articleTitle }).waitFor();

    // a video uploaded through the uploader: its length is read from the file
    await page.getByTestId('add-module').click();
    await drawer.getByTestId('module-kind').getByText('视频').click();
    await drawer.getByTestId('video-empty').waitFor();
    await drawer.getByTestId('module-title').fill(videoTitle);
    await drawer.getByTestId('video-upload-input').setInputFiles(DEMO_VIDEO);
    await drawer.getByTestId('video-preview').waitFor({ timeout: 30_000 });
    await drawer.getByTestId('video-preview').getByText('demo-video.mp4').waitFor();
    await expectValue(drawer.getByTestId('video-duration'), '1:12');
    await drawer.getByTestId('duration-note').getByText('已从视频文件读取时长').waitFor();
    // the minutes follow the length (72 s → 2 min) and the credits follow the minutes
    await expectValue(drawer.getByTestId('module-minutes'), '2');
    await drawer.getByTestId('module-credits').getByText('0.25 学时').first().waitFor();
    await expectCount(drawer.getByTestId('module-missing'), 0);
    await videoSettled(drawer.getByTestId('video-preview').locator('video'));
    await screenshot(page, 'teach-video-uploaded');
    await drawer.getByTestId('module-submit').click();
    await page.getByText(`已添加单元“${videoTitle}”`).waitFor();
    const videoRow = page.getByTestId('module-row').filter({ hasText: videoTitle });
    await videoRow.getByText('时长 1:12').waitFor();
    await expectTexts(page.getByTestId('module-row').locator('[data-testid=module-open]'), [articleTitle, videoTitle]);
    await page.getByTestId('course-totals').filter({ hasText: '共 2 个单元 · 0.5 学时' }).waitFor();
    await expectCount(page.getByTestId('module-problems'), 0);

    // publish through the confirmation
    await page.getByTestId('publish').click();
    const dialog = page.locator('.teach-confirm-publish .ant-modal-confirm');
    await dialog.getByText(`发布课程“${title}”？`).waitFor();
    await dialog.getByRole('button', { name: '发布课程' }).click();
    await page.getByText('课程已发布，学员现在可以学习了').waitFor();
    await page.getByTestId('course-status').filter({ hasText: '已发布' }).waitFor();

    // add it to the demo program in the program editor
    await page.getByTestId('nav-programs').click();
    await page.waitForURL((url) => url.pathname === '/teach/programs');
    await page.getByTestId('program-row').filter({ hasText: PROGRAM }).getByRole('link', { name: PROGRAM }).click();
    await page.waitForURL((url) => /^\/teach\/programs\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('page-title').filter({ hasText: PROGRAM }).waitFor();
    await page.getByTestId('program-status').filter({ hasText: '已发布' }).waitFor();
    await page.getByTestId('course-row').first().waitFor();
    const coursesBefore = await page.getByTestId('course-row').count();
    await page.getByTestId('add-courses').click();
    const picker = page.locator('.program-course-picker');
    await picker.getByTestId('course-search').fill(stamp);
    const option = picker.getByTestId('course-option').filter({ hasText: title });
    await option.waitFor();
    await option.getByTestId('course-option-add').click();
    await option.getByText('已添加').waitFor();
    await picker.getByTestId('picker-done').click();
    await picker.getByTestId('course-options').waitFor({ state: 'hidden' });
    const added = page.getByTestId('course-row').filter({ hasText: title });
    await added.waitFor();
    await expectCount(page.getByTestId('course-row'), coursesBefore + 1);
    await page.getByTestId('courses-unsaved').waitFor();
    await page.getByTestId('courses-save').click();
    await page.getByText('课程安排已保存').first().waitFor();
    await page.getByTestId('courses-unsaved').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('course-row').filter({ hasText: title }).waitFor();
    await expectCount(page.getByTestId('course-row'), coursesBefore + 1);
    await trainer.context.close();

    // ---------------------------------------------------------------- trainee, phone
    const first = await open(PHONE);
    page = first.page;
    await signInAs(page, TRAINEE);
    const before = await earnedCredits(page);
    await page.getByTestId('course-card').filter({ hasText: title }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/courses/'));
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('module-row').filter({ hasText: articleTitle }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/modules/'));
    const articleId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('page-title').filter({ hasText: articleTitle }).waitFor();
    await page.getByTestId('article').locator('h2').first().waitFor();
    await page.getByTestId('status-time').filter({ hasText: '需 0:30' }).waitFor();
    await page.getByTestId('status-end').filter({ hasText: '尚未读到结尾' }).waitFor();
    const scrollable = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(scrollable).toBeGreaterThan(1_000);

    // read down to the end, a screen at a time, then stay (active) until the server says complete
    const endReported = progressAnswer(
      page,
      () => articleId,
      (event) => event.reachedEnd === true,
    );
    const toast = page.locator('.ant-message').getByText('获得 0.25 学时').waitFor({ timeout: 90_000 });
    for (let y = 0; y < scrollable; y += 500) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(400);
    }
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.getByTestId('status-end').filter({ hasText: '已读到结尾' }).waitFor();
    await expect(endReported.then((a) => a.body.progress.reachedEnd)).resolves.toBe(true);
    const deadline = Date.now() + 90_000;
    let nudge = 0;
    while (!(await page.getByTestId('status-credits').isVisible())) {
      if (Date.now() > deadline) throw new Error('the article did not complete within 90 s');
      // a reader: a small scroll now and then (time counts only within a minute of an interaction)
      await page.evaluate((dy) => window.scrollBy(0, dy), nudge++ % 2 ? 40 : -40);
      await page.waitForTimeout(2_000);
    }
    await toast;
    await page.getByTestId('module-status').getByText('本单元已完成').waitFor();
    await expectText(page.getByTestId('status-credits'), '获得 0.25 学时');

    // on to the video (the next module)
    await page.getByTestId('next').click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/modules/') && !url.pathname.endsWith(articleId));
    const videoId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('page-title').filter({ hasText: videoTitle }).waitFor();
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid=video]')?.readyState ?? 0) >= 1,
    );
    await expect(videoState(page).then((v) => Math.round(v.duration))).resolves.toBe(72);
    await page.getByTestId('status-watched').filter({ hasText: '已观看 0% / 需 90%' }).waitFor();
    // a tap for the user activation, then play (the native controls differ between builds)
    await page.getByTestId('video').click();
    await page.getByTestId('video').evaluate((v: HTMLVideoElement) => (v.paused ? v.play() : undefined));
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid=video]')?.currentTime ?? 0) >= 12,
      undefined,
      { timeout: 30_000 },
    );
    // pause: the played stretch is reported with the position, and answered
    const paused = progressAnswer(
      page,
      () => videoId,
      (event) => typeof event.segmentEnd === 'number',
    );
    const leftAt = await page.getByTestId('video').evaluate((v: HTMLVideoElement) => {
      v.pause();
      return v.currentTime;
    });
    const report = await paused;
    expect(leftAt).toBeGreaterThanOrEqual(12);
    expect(leftAt).toBeLessThan(20);
    expect(Math.abs((report.event.position ?? 0) - leftAt)).toBeLessThan(1);
    expect(report.body.progress.lastPosition).not.toBeNull();
    expect(Math.abs((report.body.progress.lastPosition ?? 0) - leftAt)).toBeLessThan(1);
    expect(report.body.progress.status).toBe('in_progress');
    await page.getByTestId('status-watched').filter({ hasNotText: '已观看 0%' }).waitFor();

    // leave: sign out
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await first.context.close();

    // ---------------------------------------------------------------- signed in again, phone
    const second = await open(PHONE);
    page = second.page;
    await signInAs(page, TRAINEE);
    const program = page.getByTestId('program').filter({ hasText: PROGRAM });
    // toBeCloseTo(before + 0.25, 5): within 0.000005
    await expectEventually(
      (timeout) => earnedCredits(page, timeout),
      (earned) => Math.abs(earned - (before + 0.25)) < 5e-6,
      'credit hours earned in the program',
      String(before + 0.25),
    );
    await expectTextContaining(program.getByTestId('continue-hint'), videoTitle);
    await program.getByTestId('continue').click();
    await page.waitForURL((url) => url.pathname === `/learn/modules/${videoId}`);
    await page.getByTestId('page-title').filter({ hasText: videoTitle }).waitFor();
    await page.locator('.ant-message').getByText('已从上次观看的位置').waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid=video]');
      return !!v && v.readyState >= 1 && v.currentTime > 0 && !v.seeking;
    });
    const resumed = await videoState(page);
    expect(Math.abs(resumed.currentTime - leftAt)).toBeLessThanOrEqual(3);
    expect(resumed.paused).toBe(true);
    await page.getByTestId('video-furthest').filter({ hasText: '/ 1:12' }).waitFor();
    await videoSettled(page.getByTestId('video'));
    await screenshot(page, 'learn-video-resumed');

    // the ledger has the article's entry and the rule that granted it
    await page.goto(`${BASE_URL}/learn/credits`);
    const entry = page.getByTestId('ledger-entry').filter({ hasText: articleTitle });
    await entry.waitFor();
    await expectCount(entry, 1);
    await expectTextContaining(entry, title);
    await expectText(entry.getByTestId('ledger-credits'), '+0.25 学时');
    await expectText(entry.getByTestId('ledger-rule'), '学完单元（时长不足 15 分钟） → 0.25 学时');
    await expectCount(page.getByTestId('ledger-entry').filter({ hasText: videoTitle }), 0);
    await second.context.close();

    expect(allProblems()).toEqual([]);
  }, 240_000);

  it('shows the demo PDF on a phone: page 1 drawn, the next page, and the page remembered on reopening', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    await signInAs(page, TRAINEE);
    await page.getByTestId('course-card').filter({ hasText: PDF_COURSE }).click();
    await page.getByTestId('page-title').filter({ hasText: PDF_COURSE }).waitFor();
    const row = page.getByTestId('module-row').filter({ hasText: PDF_MODULE });
    await expectTextContaining(page.getByTestId('module-row').last(), PDF_MODULE);
    await row.click();
    await page.waitForURL((url) => url.pathname.startsWith('/learn/modules/'));
    const moduleId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('page-title').filter({ hasText: PDF_MODULE }).waitFor();
    const count = page.getByTestId('pdf-page-count');
    await count.waitFor({ timeout: 30_000 });

    // another run against the same database may have left the reader on a later page
    // (each click waits for the page shown to change: a click on the disabled button of page 1 would hang)
    let shown = (await count.innerText()).trim();
    while (!/^第 1 \/ 4 页$/.test(shown)) {
      const before = shown;
      await page.getByTestId('pdf-prev').click();
      shown = await expectEventually(
        async (timeout) => (await count.innerText({ timeout })).trim(),
        (text) => text !== before,
        'page shown after 上一页',
        `other than ${JSON.stringify(before)}`,
      );
    }
    await expectDisabled(page.getByTestId('pdf-prev'));
    const pageOne = page.locator('[data-testid=pdf-page][data-page="1"]');
    await pageOne.waitFor();
    await expectEventually(
      () => inkShare(page),
      (ink) => ink > 0.01,
      'share of ink on the PDF page',
      'more than 0.01',
    );
    const box = await pageOne.boundingBox();
    expect(box?.width).toBeGreaterThan(250);
    expect(box?.width).toBeLessThanOrEqual(360);
    await screenshot(page, 'learn-pdf-page1');

    await page.getByTestId('pdf-next').click();
    await expectText(count, '第 2 / 4 页');
    await page.locator('[data-testid=pdf-page][data-page="2"]').waitFor();
    await expectEventually(
      () => inkShare(page),
      (ink) => ink > 0.01,
      'share of ink on the PDF page',
      'more than 0.01',
    );
    await page.waitForTimeout(1_500); // a moment of reading on page 2

    // leaving reports the page on screen
    const left = progressAnswer(
      page,
      () => moduleId,
      (event) => event.position === 2,
    );
    await page.getByTestId('back-to-course').click();
    await page.getByTestId('page-title').filter({ hasText: PDF_COURSE }).waitFor();
    await expect(left.then((a) => a.body.progress.lastPosition)).resolves.toBe(2);

    await row.click();
    await page.getByTestId('page-title').filter({ hasText: PDF_MODULE }).waitFor();
    await page.locator('.ant-message').getByText('已回到上次读到的第 2 页').waitFor();
    await expectText(count, '第 2 / 4 页');
    await page.locator('[data-testid=pdf-page][data-page="2"]').waitFor();
    await expectEventually(
      () => inkShare(page),
      (ink) => ink > 0.01,
      'share of ink on the PDF page',
      'more than 0.01',
    );
    await screenshot(page, 'learn-pdf-resumed');

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});

/** Share of the drawn PDF page's pixels that are not (near) white: 0 for a blank canvas. */
function inkShare(page: Page): Promise<number> {
  return page.locator('[data-testid=pdf-page]').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) ink++;
    }
    return ink / (data.length / 4);
  });
}
