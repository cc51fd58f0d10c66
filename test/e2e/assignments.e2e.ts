import { deflateSync } from 'node:zlib';
import { Browser, Page } from 'playwright-core';
import type { AssignmentDto, AuthoredCourseDto, CourseDto } from '@lingyan/contracts';
import { apiToken as login, call } from './support/api';
import {
  BASE_URL,
  DESKTOP,
  PASSWORD,
  PageProblems,
  Viewport,
  launch,
  newPage,
  realProblems,
  screenshot,
  signIn,
  signInAs,
  uniqueSuffix,
} from './support/browser';
import {
  expectAttribute,
  expectCount,
  expectDisabled,
  expectText,
  expectTextContaining,
  expectTexts,
  expectValue,
  expectValues,
} from './support/expect-page';

/**
 * Practical work (实践作业) from end to end: the demo trainer (陈雅琴) adds an assignment module to a
 * course of her own in the module editor — the task, a due date, the pass mark, and the rubric edited
 * there — and publishes it; a trainee on a phone writes the work, attaches a photo and submits it;
 * the trainer returns it for revision with the rubric and a comment; the trainee revises and submits
 * again; the trainer grades it with the rubric; the trainee sees the grade, the levels and comments.
 *
 * The trainee is an account made for this file by the province administrator: a passing grade earns
 * credit hours, and learn.e2e.ts needs the demo trainees' credit hours as the seed left them.
 */

/** The phone of this scenario (the suite's own PHONE is 360 wide; `Viewport` names only the suite's sizes). */
const PHONE_390 = { width: 390, height: 844 } as unknown as Viewport;

const TASK = [
  '## 任务',
  '',
  '结合本村实际，写一份**村级集体经济三年发展规划**（不少于 300 字）。',
  '',
  '## 要求',
  '',
  '- 说明本村现状和发展目标',
  '- 写明具体措施、资金来源和时间表',
  '- 可附村口、项目现场的照片',
].join('\n');
const WORK = '一、现状：我村有闲置校舍两处，村集体年收入约 18 万元。\n二、目标：三年内村集体年收入达到 50 万元。';
const REVISION = '\n三、措施：利用闲置校舍办共富工坊，资金来源为强村公司收益和乡镇补助，2027 年 6 月前完成改造。';
const RETURN_COMMENT = '措施部分请补充资金来源和时间表。';
const GRADE_COMMENT = '切合村情，措施可行，群众参与充分。';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 240×160 PNG: a green field under a blue sky with a red-roofed house, like a photo of a village. */
function villagePhoto(): Buffer {
  const width = 240;
  const height = 160;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number] = y < 90 ? [120 + y, 180 + y / 2, 235] : [70, 150 - (y - 90), 60];
      if (x > 90 && x < 150 && y > 60 && y < 110) rgb = [235, 230, 215];
      if (y > 40 && y <= 60 && Math.abs(x - 120) < (y - 40) * 2) rgb = [190, 50, 40];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Picks a level of a criterion in the grader's rubric grid. */
async function chooseLevel(page: Page, criterion: number, label: string): Promise<void> {
  await page
    .getByTestId('grader-criterion')
    .nth(criterion)
    .getByTestId('grader-level')
    .filter({ hasText: new RegExp(`^${label}`) })
    .click();
}

/** Opens the trainee's work in the trainer's queue (practical work, this course, the given status). */
async function openFromQueue(page: Page, courseTitle: string, courseId: string, trainee: string): Promise<void> {
  await page.getByTestId('open-grading').click();
  await page.waitForURL((url) => url.pathname === '/teach/grading');
  await page.getByTestId('page-title').filter({ hasText: '批阅' }).waitFor();
  // practical work is the default tab
  await page.locator('.ant-tabs-tab-active').getByTestId('tab-work').waitFor();
  await page.getByTestId('submission-course').click();
  await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: courseTitle }).click();
  await page.waitForURL((url) => url.searchParams.get('courseId') === courseId);
  await page.getByTestId('submission-total').filter({ hasText: '待评阅 1 份' }).waitFor();
  await page.getByTestId('submission-item').filter({ hasText: trainee }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/teach/grading/submissions/'));
  await page.getByTestId('page-title').filter({ hasText: trainee }).waitFor();
}

describe('practical work graded with a rubric', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let trainee: { username: string; name: string; token: string };
  let trainer: string;
  let course: AuthoredCourseDto;
  let moduleId: string;

  beforeAll(async () => {
    browser = await launch();
    const stamp = uniqueSuffix();
    const admin = await login('zj-admin');
    trainee = { username: `asg-${stamp}`, name: '王丽华', token: '' };
    await call(admin, 'POST', '/users', {
      username: trainee.username,
      name: trainee.name,
      password: PASSWORD,
      roles: ['trainee'],
      regionCode: '330127111264',
    });
    trainee.token = await login(trainee.username);
    trainer = await login('trainer');
    course = await call<AuthoredCourseDto>(trainer, 'POST', '/curriculum/courses', {
      title: `强村富民实践课 ${stamp}`,
      summary: '结合本村实际完成一份发展规划，由培训师按评分量表评阅。',
      category: 'common_prosperity',
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    const found = seen.flatMap((p) => realProblems(p));
    seen.length = 0;
    expect(found).toEqual([]);
  });

  it('the trainer adds an assignment module, edits its rubric in the module editor and publishes', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'trainer');
    await page.goto(`${BASE_URL}/teach/courses/${course.id}`);
    await page.getByTestId('page-title').filter({ hasText: course.title }).waitFor();

    await page.getByTestId('add-module').click();
    const drawer = page.locator('.teach-module-drawer');
    await drawer.getByTestId('module-kind').getByText('实践作业').click();
    await drawer.getByTestId('assignment-settings').waitFor();
    await drawer.getByTestId('module-title').fill('三年发展规划');
    await drawer.getByTestId('module-minutes').fill('60');
    // the task is the module's Markdown body, with a preview
    await drawer.getByText('作业要求（Markdown）').waitFor();
    await drawer.getByTestId('module-body').fill(TASK);
    await drawer.getByTestId('markdown-preview').getByText('村级集体经济三年发展规划').waitFor();

    // the default rubric: two criteria of four levels, 20 points
    await drawer.getByTestId('rubric-total').filter({ hasText: '共 2 项，满分 20 分' }).waitFor();
    await drawer.getByTestId('criterion-name').nth(0).fill('切合本村实际');

    // a new criterion: nameless, it is a problem and the module cannot be saved
    await drawer.getByTestId('criterion-add').click();
    const added = drawer.getByTestId('criterion').nth(2);
    await added.getByTestId('criterion-problem').filter({ hasText: '请填写评分项名称' }).waitFor();
    await drawer.getByTestId('module-submit').click();
    await drawer.getByTestId('module-missing').getByText('评分量表不完整').waitFor();
    await added.getByTestId('criterion-name').fill('群众参与');
    await added.getByTestId('criterion-problem').waitFor({ state: 'detached' });
    await added.getByTestId('criterion-description').fill('召开村民代表会议、公开征求意见等');
    // a level between its two: 良好, worth 5, moved above 优秀
    await added.getByTestId('level-add').click();
    await added.getByTestId('level-label').nth(2).fill('');
    await added.getByTestId('level-problem').filter({ hasText: '请填写等级名称' }).waitFor();
    await added.getByTestId('level-label').nth(2).fill('良好');
    await added.getByTestId('level-points').nth(2).locator('input').fill('5');
    await added.getByTestId('level-up').nth(2).click();
    await expectValues(added.getByTestId('level-label'), ['不足', '良好', '优秀']);
    // the new criterion goes second
    await added.getByTestId('criterion-up').click();
    // the second default criterion loses its level 基本
    const feasible = drawer.getByTestId('criterion').nth(2);
    await expectValue(feasible.getByTestId('criterion-name'), '措施可行');
    await feasible.getByTestId('level-remove').nth(1).click();
    await drawer.getByTestId('rubric-total').filter({ hasText: '共 3 项，满分 30 分' }).waitFor();

    // due date and time, pass mark and attachments
    const due = drawer.getByTestId('assignment-due');
    await due.click();
    await due.locator('input').fill('2030-12-31 18:00');
    await page.locator('.ant-picker-dropdown .ant-picker-ok button').click();
    await expectValue(due.locator('input'), '2030-12-31 18:00');
    await drawer.getByTestId('assignment-pass').locator('input').fill('60');
    await drawer.getByTestId('assignment-files').locator('input').fill('3');
    await drawer.getByTestId('module-missing').waitFor({ state: 'detached' });
    await drawer.getByTestId('assignment-settings').scrollIntoViewIfNeeded();
    await screenshot(page, 'assignments-editor-settings');
    await drawer.getByTestId('rubric-editor').scrollIntoViewIfNeeded();
    await screenshot(page, 'assignments-editor');
    // the same editor on a phone
    await page.setViewportSize({ width: 360, height: 740 });
    await drawer.getByTestId('criterion').nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, 'assignments-editor');
    await page.setViewportSize(DESKTOP);

    await drawer.getByTestId('module-submit').click();
    await page.getByTestId('module-row').filter({ hasText: '三年发展规划' }).waitFor();

    // what was saved: the ids of the criteria did not change with their names
    const saved = await call<AuthoredCourseDto>(trainer, 'GET', `/curriculum/courses/${course.id}`);
    const module = saved.modules.find((m) => m.title === '三年发展规划');
    expect(module).toMatchObject({ kind: 'assignment', body: TASK, problems: [] });
    expect(module?.assignment).toMatchObject({
      passPercent: 60,
      maxFiles: 3,
      dueAt: new Date(2030, 11, 31, 18, 0).toISOString(),
    });
    expect(module?.assignment?.rubric.criteria).toEqual([
      {
        id: 'fit',
        name: '切合本村实际',
        levels: [
          { label: '不足', points: 0 },
          { label: '基本', points: 5 },
          { label: '良好', points: 8 },
          { label: '优秀', points: 10 },
        ],
      },
      {
        id: 'c1',
        name: '群众参与',
        description: '召开村民代表会议、公开征求意见等',
        levels: [
          { label: '不足', points: 0 },
          { label: '良好', points: 5 },
          { label: '优秀', points: 10 },
        ],
      },
      {
        id: 'feasible',
        name: '措施可行',
        levels: [
          { label: '不足', points: 0 },
          { label: '良好', points: 8 },
          { label: '优秀', points: 10 },
        ],
      },
    ]);
    moduleId = module?.id as string;

    course = await call<AuthoredCourseDto>(trainer, 'POST', `/curriculum/courses/${course.id}/publish`);
    expect(course.status).toBe('published');
    await context.close();
  });

  it('the trainee writes the work on a phone, attaches a photo and submits it', async () => {
    const { context, page, problems } = await newPage(browser, PHONE_390);
    seen.push(problems);
    await signIn(page, trainee.username);
    await page.waitForURL((url) => url.pathname === '/learn');

    // the course page links the module to the assignment page, and so does the module player
    await page.goto(`${BASE_URL}/learn/courses/${course.id}`);
    await page.getByTestId('module-row').filter({ hasText: '三年发展规划' }).tap();
    await page.waitForURL((url) => url.pathname === `/learn/assignments/${moduleId}`);
    await page.goto(`${BASE_URL}/learn/modules/${moduleId}`);
    await page.waitForURL((url) => url.pathname === `/learn/assignments/${moduleId}`);

    await page.getByTestId('page-title').filter({ hasText: '三年发展规划' }).waitFor();
    await expectTextContaining(page.getByTestId('assignment-facts'), ['2030年12月31日', '30 分', '60%', '最多 3 个']);
    await page.getByTestId('assignment-overdue').waitFor({ state: 'detached' });
    await page.getByTestId('assignment-task').locator('app-markdown').getByText('说明本村现状和发展目标').waitFor();
    await expectCount(page.getByTestId('rubric-criterion'), 3);
    await page.getByTestId('rubric-criterion').nth(1).getByText('召开村民代表会议').waitFor();
    await expectText(page.getByTestId('assignment-status'), '未开始');
    await expectDisabled(page.getByTestId('work-submit'));
    await screenshot(page, 'assignments-task');

    // the text, saved as a draft while writing
    await page.getByTestId('work-text').fill(WORK);
    await page
      .getByTestId('work-count')
      .filter({ hasText: `${WORK.length} / 20000 字` })
      .waitFor();
    await page
      .getByTestId('save-status')
      .filter({ hasText: /已保存 \d{2}:\d{2}:\d{2}/ })
      .waitFor();

    // a photo: the picker offers PDFs and images (the camera on a phone)
    const input = page.getByTestId('work-file-input');
    await expectAttribute(input, 'accept', 'application/pdf,image/*');
    await input.setInputFiles({ name: '村口现场.png', mimeType: 'image/png', buffer: villagePhoto() });
    const file = page.getByTestId('work-file').filter({ hasText: '村口现场.png' });
    await file.waitFor();
    await file
      .locator('img.thumb')
      .evaluate((img: HTMLImageElement) =>
        img.complete && img.naturalWidth > 0 ? null : new Promise((resolve) => (img.onload = resolve)),
      );
    await page
      .getByTestId('save-status')
      .filter({ hasText: /已保存/ })
      .waitFor();
    const draft = await call<AssignmentDto>(trainee.token, 'GET', `/learning/assignments/${moduleId}`);
    expect(draft.submission).toMatchObject({ status: 'draft', text: WORK });
    expect(draft.submission?.files.map((f) => f.name)).toEqual(['村口现场.png']);
    await page.getByTestId('work-file-add').scrollIntoViewIfNeeded();
    await screenshot(page, 'assignments-draft');

    // submit, confirmed
    await page.getByTestId('work-submit').tap();
    await page.getByTestId('submit-confirm').getByText('附件 1 个').waitFor();
    await screenshot(page, 'assignments-submit-confirm');
    await page.locator('.ant-modal-footer .ant-btn-primary').tap();
    await page.getByTestId('assignment-outcome').getByText('已提交，等待培训师评阅').waitFor();
    await expectCount(page.getByTestId('work-text'), 0);
    await page.getByTestId('work-readonly-text').getByText('三年内村集体年收入达到 50 万元').waitFor();
    await page.getByTestId('work-readonly').getByText('培训师评阅前不能修改').waitFor();
    await expectText(page.getByTestId('assignment-status'), '待评阅');
    await screenshot(page, 'assignments-submitted');
    await context.close();
  });

  it('the trainer returns it for revision with the rubric and a comment', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'trainer');
    await openFromQueue(page, course.title, course.id, trainee.name);

    await page.getByTestId('review-text').getByText('村集体年收入约 18 万元').waitFor();
    const photo = page.getByTestId('review-file').filter({ hasText: '村口现场.png' });
    await expectAttribute(photo, 'target', '_blank');
    await photo.locator('img.thumb').waitFor();
    await page.getByTestId('review-task').getByText('村级集体经济三年发展规划').waitFor();

    // returning needs a comment, and every criterion a level
    await page.getByTestId('review-return').click();
    await page.getByTestId('review-comment-problem').filter({ hasText: '退回修改时请写明需要修改的地方' }).waitFor();
    await expectCount(page.locator('[data-testid=grader-criterion].missing'), 3);
    await chooseLevel(page, 0, '基本');
    await chooseLevel(page, 1, '良好');
    await chooseLevel(page, 2, '不足');
    await page.getByTestId('review-total').filter({ hasText: '10/30 分 · 33.3%' }).waitFor();
    await page.getByTestId('review-pass-line').locator('nz-tag').filter({ hasText: '未合格' }).waitFor();
    await page.getByTestId('review-comment').fill(RETURN_COMMENT);
    await screenshot(page, 'assignments-review-return');
    await page.getByTestId('review-return').click();
    await page.getByText(`已退回${trainee.name}的作业，学员修改后会重新提交。`).first().waitFor();

    // back in the queue: no longer waiting, among the returned
    await page.waitForURL((url) => url.pathname === '/teach/grading' && url.searchParams.get('courseId') === course.id);
    await page.getByTestId('submission-empty').getByText('没有待评阅的实践作业').waitFor();
    await page.getByTestId('submission-status').getByText('已退回').click();
    await page.getByTestId('submission-item').filter({ hasText: trainee.name }).waitFor();
    await context.close();
  });

  it('the trainee sees the comment and the levels, revises the work and submits it again', async () => {
    const { context, page, problems } = await newPage(browser, PHONE_390);
    seen.push(problems);
    await signIn(page, trainee.username);
    await page.waitForURL((url) => url.pathname === '/learn');
    await page.goto(`${BASE_URL}/learn/assignments/${moduleId}`);

    const outcome = page.getByTestId('assignment-outcome');
    await outcome.getByText('培训师退回修改').waitFor();
    await outcome.getByTestId('assignment-comment').getByText(RETURN_COMMENT).waitFor();
    const chosen = page.locator('[data-testid=rubric-level].chosen .label');
    await expectTexts(chosen, ['基本', '良好', '不足']);
    await screenshot(page, 'assignments-returned');

    const text = page.getByTestId('work-text');
    await expectValue(text, WORK);
    await text.fill(WORK + REVISION);
    await page
      .getByTestId('save-status')
      .filter({ hasText: /已保存/ })
      .waitFor();
    await page.getByTestId('work-submit').filter({ hasText: '重新提交' }).tap();
    await page.locator('.ant-modal-footer .ant-btn-primary').tap();
    await outcome.getByText('已提交，等待培训师评阅').waitFor();
    await outcome.getByText('第 2 次提交').waitFor();
    await page.getByTestId('assignment-history').getByText(RETURN_COMMENT).waitFor();
    await context.close();
  });

  it('the trainer grades the revised work with the rubric', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'trainer');
    await page.getByTestId('open-grading').waitFor();
    await page.goto(`${BASE_URL}/teach/grading?courseId=${course.id}`);
    const item = page.getByTestId('submission-item').filter({ hasText: trainee.name });
    await item.getByTestId('submission-version').filter({ hasText: '第 2 次提交' }).waitFor();
    await item.getByText('三年发展规划').waitFor();
    await item.click();
    await page.waitForURL((url) => url.pathname.startsWith('/teach/grading/submissions/'));

    await page.getByTestId('review-text').getByText('2027 年 6 月前完成改造').waitFor();
    await page.getByTestId('review-version').filter({ hasText: '第 2 次提交' }).waitFor();
    // the earlier review, and its levels marked in the grid
    await page.getByTestId('review-history-item').getByText(RETURN_COMMENT).waitFor();
    await expectCount(page.locator('[data-testid=grader-level] .previous'), 3);

    await chooseLevel(page, 0, '优秀');
    await chooseLevel(page, 1, '优秀');
    await chooseLevel(page, 2, '良好');
    await page.getByTestId('review-total').filter({ hasText: '28/30 分 · 93.3%' }).waitFor();
    await page
      .getByTestId('review-pass-line')
      .locator('nz-tag')
      .filter({ hasText: /^合格$/ })
      .waitFor();
    await page.getByTestId('review-comment').fill(GRADE_COMMENT);
    await screenshot(page, 'assignments-review-grade');
    await page.getByTestId('review-grade').click();
    await page.getByText(`已评分：${trainee.name} 28/30 分（93.3%），合格。`).first().waitFor();

    await page.waitForURL((url) => url.pathname === '/teach/grading');
    await page.getByTestId('submission-empty').getByText('没有待评阅的实践作业').waitFor();
    await screenshot(page, 'assignments-queue-empty');
    await page.getByTestId('submission-status').getByText('已评分').click();
    await page.getByTestId('submission-item').filter({ hasText: '93.3%' }).waitFor();
    await screenshot(page, 'assignments-queue-graded');

    // the short answers are the other tab, as they were
    await page.getByTestId('tab-answers').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'answers');
    await page.getByTestId('grading-course').waitFor();
    await context.close();
  });

  it('the trainee sees the grade, the levels of each criterion and the comments', async () => {
    for (const viewport of [PHONE_390, DESKTOP]) {
      const { context, page, problems } = await newPage(browser, viewport);
      seen.push(problems);
      await signIn(page, trainee.username);
      await page.waitForURL((url) => url.pathname === '/learn');
      await page.goto(`${BASE_URL}/learn/assignments/${moduleId}`);

      await page.getByTestId('assignment-score').filter({ hasText: '28 / 30 分' }).waitFor();
      await page.getByTestId('assignment-percent').filter({ hasText: '93.3%（合格线 60%）' }).waitFor();
      await page.getByTestId('assignment-verdict').filter({ hasText: '合格' }).waitFor();
      await page.getByTestId('assignment-outcome').getByText(GRADE_COMMENT).waitFor();
      await expectTexts(page.locator('[data-testid=rubric-level].chosen .label'), ['优秀', '优秀', '良好']);
      await page.getByTestId('rubric-criterion-points').first().filter({ hasText: '10/10 分' }).waitFor();
      const history = page.getByTestId('history-item');
      await expectCount(history, 2);
      await history.nth(0).getByText(GRADE_COMMENT).waitFor();
      await history.nth(1).getByText(RETURN_COMMENT).waitFor();
      await expectCount(page.getByTestId('work-text'), 0);
      await page.getByTestId('work-readonly').getByText('作业已评分，不能再修改').waitFor();
      await screenshot(page, 'assignments-graded');
      if (viewport === PHONE_390) {
        await page.getByTestId('assignment-rubric').scrollIntoViewIfNeeded();
        await screenshot(page, 'assignments-graded-rubric');
        await page.getByTestId('assignment-history').scrollIntoViewIfNeeded();
        await screenshot(page, 'assignments-graded-history');
      }
      await context.close();
    }

    // a passing grade completes the module
    const learning = await call<CourseDto>(trainee.token, 'GET', `/learning/courses/${course.id}`);
    expect(learning.modules.find((m) => m.id === moduleId)?.status).toBe('complete');
  });
});
