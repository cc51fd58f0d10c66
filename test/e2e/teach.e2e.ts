import { Browser, Page } from 'playwright-core';
import { api, apiToken } from './support/api';
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
} from './support/browser';
import { expectCount, expectDisabled } from './support/expect-page';

/** Course authoring by the demo trainer (陈雅琴), who owns the six published demo courses. */

async function waitForTitles(page: Page, titles: string[], timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      [...document.querySelectorAll('[data-testid=module-row] [data-testid=module-open]')]
        .map((el) => el.textContent?.trim())
        .join('|') === expected,
    titles.join('|'),
    { timeout },
  );
}

/**
 * Waits until the module list is no longer saving a new order: the move buttons are disabled (and a
 * move ignored) until then, and a reload before the answer would show the order as it was.
 */
async function orderSaved(page: Page): Promise<void> {
  await page.locator('section.modules[aria-busy=false]').waitFor();
}

async function addArticle(page: Page, title: string, minutes: number, body: string, credits: string): Promise<void> {
  await page.getByTestId('add-module').click();
  const drawer = page.locator('.teach-module-drawer');
  await drawer.getByTestId('module-title').fill(title);
  await drawer.getByTestId('module-minutes').fill(String(minutes));
  await drawer.getByTestId('module-credits').getByText(`${credits} 学时`).first().waitFor();
  await drawer.getByTestId('module-body').fill(body);
}

describe('course authoring (trainer)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a course, adds and reorders two articles, publishes it; the trainee sees it in that order', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'trainer');

    // My courses: the six published courses of the demo program
    await page.getByTestId('course-table').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=course-row]').length >= 6);
    await page.getByTestId('course-row').filter({ hasText: '已发布' }).first().waitFor();
    await screenshot(page, 'teach-courses');

    // New course: an empty title first shows the field message
    await page.getByTestId('create-course').click();
    await page.waitForURL((url) => url.pathname === '/teach/courses/new');
    await page.getByTestId('course-submit').click();
    const fieldError = (text: string) => page.locator('.ant-form-item-explain-error').filter({ hasText: text });
    await fieldError('请填写课程名称').waitFor();
    await fieldError('请选择课程类别').waitFor();

    const title = `村规民约修订实务 ${uniqueSuffix()}`;
    await page.getByTestId('course-title').fill(title);
    await fieldError('请填写课程名称').waitFor({ state: 'detached' });
    await page.getByTestId('course-category').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '基层治理' }).click();
    await page.getByTestId('course-submit').click();
    await page.waitForURL((url) => /^\/teach\/courses\/[0-9a-f-]{36}$/.test(url.pathname));
    const courseId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('course-status').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId('modules-empty').waitFor();

    // Two articles; the live preview renders the Markdown
    const first = '第一讲 为什么要修订村规民约';
    const second = '第二讲 修订的五个步骤';
    await addArticle(
      page,
      first,
      20,
      '## 村规民约的由来\n\n村规民约是**村民自治**的重要形式。\n\n- 民主\n- 法治',
      '0.5',
    );
    const preview = page.locator('.teach-module-drawer').getByTestId('markdown-preview');
    await preview.locator('h2').filter({ hasText: '村规民约的由来' }).waitFor();
    await preview.locator('strong').filter({ hasText: '村民自治' }).waitFor();
    await screenshot(page, 'teach-editor-markdown');
    await page.getByTestId('module-submit').click();
    await page.getByText(`已添加单元“${first}”`).waitFor();
    await waitForTitles(page, [first]);

    await addArticle(page, second, 35, '## 五个步骤\n\n1. 征集意见\n2. 起草\n3. 审核\n4. 表决\n5. 备案', '1');
    await page.getByTestId('module-submit').click();
    await waitForTitles(page, [first, second]);
    await page.getByTestId('course-totals').filter({ hasText: '共 2 个单元 · 1.5 学时' }).waitFor();

    // Reorder by drag and drop (the second above the first); fall back to the button if the drag did not land
    const handle = page.getByTestId('module-row').nth(1).getByTestId('drag-handle');
    const target = page.getByTestId('module-row').nth(0);
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (from && to) {
      const x = from.x + from.width / 2;
      await page.mouse.move(x, from.y + from.height / 2);
      await page.mouse.down();
      // past the drag threshold first, then over the first row
      await page.mouse.move(x, from.y + from.height / 2 - 10, { steps: 5 });
      await page.mouse.move(x, to.y + 4, { steps: 15 });
      // CDK sorts on the next animation frame: let it before releasing
      await page.waitForTimeout(300);
      await page.mouse.up();
    }
    // a drag that landed shows the new order at once (while it is saved)
    const dragged = await waitForTitles(page, [second, first], 2_000).then(
      () => true,
      () => false,
    );
    if (!dragged) {
      await page.getByTestId('module-row').nth(1).getByTestId('move-up').click();
    }
    await page.getByText('单元顺序已保存').first().waitFor();
    await waitForTitles(page, [second, first]);

    // the new order persisted
    await page.reload();
    await waitForTitles(page, [second, first]);

    // the keyboard way: "move down" then "move up" with Enter, focus staying on the moved row's button
    await page.getByTestId('module-row').nth(0).getByTestId('move-down').focus();
    await page.keyboard.press('Enter');
    await waitForTitles(page, [first, second]);
    await orderSaved(page);
    await page.getByTestId('module-row').nth(1).getByTestId('move-up').press('Enter');
    await waitForTitles(page, [second, first]);
    await orderSaved(page);
    await page.reload();
    await waitForTitles(page, [second, first]);

    // Publishing asks for confirmation, explaining the consequence
    await page.getByTestId('publish').click();
    const dialog = page.locator('.teach-confirm-publish .ant-modal-confirm');
    await dialog.getByText(`发布课程“${title}”？`).waitFor();
    await dialog.getByText('学员就能看到并学习这门课程').waitFor();
    await screenshot(page, 'teach-publish-confirm');
    await dialog.getByRole('button', { name: '发布课程' }).click();
    await page.getByText('课程已发布，学员现在可以学习了').waitFor();

    // published: read-only with the reason
    await page.getByTestId('course-status').filter({ hasText: '已发布' }).waitFor();
    await page.getByTestId('readonly-note').getByText('只能查看，不能直接修改').waitFor();
    await expectCount(page.getByTestId('add-module'), 0);
    await expectCount(page.getByTestId('move-up'), 0);
    await expectCount(page.getByTestId('publish'), 0);
    await expectDisabled(page.locator('#c-title'));
    await page.getByTestId('archive').waitFor();

    // back on My courses it is listed as published
    await page.goto(`${BASE_URL}/teach`);
    await page.getByTestId('course-row').filter({ hasText: title }).getByText('已发布').waitFor();

    // the trainee now gets it, modules in the new order
    const trainee = await apiToken('trainee');
    const course = await api<{ title: string; modules: { title: string }[] }>(
      trainee,
      'GET',
      `/learning/courses/${courseId}`,
    );
    expect(course.status).toBe(200);
    expect(course.body.title).toBe(title);
    expect(course.body.modules.map((m) => m.title)).toEqual([second, first]);

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('shows the server rule when a published course is changed through the API (409)', async () => {
    const token = await apiToken('trainer');
    const courses = await api<{ id: string; status: string }[]>(token, 'GET', '/curriculum/courses');
    const published = courses.body.find((c) => c.status === 'published');
    expect(published).toBeDefined();
    const refused = await api<{ error: string }>(token, 'PATCH', `/curriculum/courses/${published?.id}`, {
      title: 'x',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('COURSE_NOT_EDITABLE');
  });

  it('works on a phone: course cards, the editor with write/preview tabs and the publish confirmation', async () => {
    const token = await apiToken('trainer');
    const title = `手机端测试课程 ${uniqueSuffix()}`;
    const created = await api<{ id: string }>(token, 'POST', '/curriculum/courses', {
      title,
      category: 'digital_reform',
      summary: '在手机上编辑课程',
    });
    expect(created.status).toBe(201);
    await api(token, 'POST', `/curriculum/courses/${created.body.id}/modules`, {
      kind: 'article',
      title: '浙里办村务应用',
      body: '## 应用入口\n\n打开“浙里办”。',
      estimatedMinutes: 12,
    });

    const { context, page, problems } = await newPage(browser, PHONE);
    await signInAs(page, 'trainer');
    await page.getByTestId('course-cards').waitFor();
    await page.getByTestId('course-row').filter({ hasText: title }).getByText('草稿').waitFor();
    await screenshot(page, 'teach-courses');

    // the status filter
    await page.getByTestId('status-filter').getByText('草稿').click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'draft');
    await page.getByTestId('course-row').filter({ hasText: title }).waitFor();
    await expectCount(page.getByTestId('course-row').filter({ hasText: '已发布' }), 0);

    await page.getByTestId('course-row').filter({ hasText: title }).getByRole('link').click();
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('module-row').first().getByText('0.25 学时').waitFor();

    await page.getByTestId('add-module').click();
    const drawer = page.locator('.teach-module-drawer');
    await drawer.getByTestId('module-title').fill('第二讲 数据上报');
    await drawer.getByTestId('module-body').fill('## 每月上报\n\n按时填写**村情数据**。');
    await drawer.getByTestId('pane-switch').getByText('预览').click();
    await drawer.getByTestId('markdown-preview').locator('h2').filter({ hasText: '每月上报' }).waitFor();
    await screenshot(page, 'teach-editor-markdown');
    await drawer.getByTestId('pane-switch').getByText('编写').click();
    await drawer.getByTestId('module-submit').click();
    await waitForTitles(page, ['浙里办村务应用', '第二讲 数据上报']);

    await page.getByTestId('publish').click();
    const dialog = page.locator('.teach-confirm-publish .ant-modal-confirm');
    await dialog.getByText('学员就能看到并学习这门课程').waitFor();
    await screenshot(page, 'teach-publish-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByTestId('course-status').filter({ hasText: '草稿' }).waitFor();

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});
