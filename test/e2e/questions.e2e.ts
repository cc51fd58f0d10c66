import { Browser, Page } from 'playwright-core';
import type {
  AttemptDto,
  AuthoredCourseDto,
  Page as ListPage,
  PendingAnswerDto,
  QuestionDto,
} from '@lingyan/contracts';
import { api, apiToken, newTrainee } from './support/api';
import {
  BASE_URL,
  DESKTOP,
  launch,
  newPage,
  realProblems,
  screenshot,
  signInAs,
  uniqueSuffix,
} from './support/browser';
import { expectCount, expectDisabled, expectTextContaining, expectValue } from './support/expect-page';

/** Question banks, quiz modules and the grading queue, by the demo trainer (陈雅琴). */

const fieldError = (page: Page, text: string) =>
  page.locator('.question-drawer .ant-form-item-explain-error').filter({ hasText: text });

/** Picks an option of an ng-zorro select (tags mode: types a new tag and presses Enter). */
async function typeTag(page: Page, testId: string, tag: string): Promise<void> {
  const select = page.locator('.question-drawer').getByTestId(testId);
  await select.click();
  await select.locator('input').fill(tag);
  await page.keyboard.press('Enter');
  await select.locator('.ant-select-selection-item').filter({ hasText: tag }).waitFor();
  await page.keyboard.press('Escape');
}

describe('question banks and quizzes (trainer)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('builds a bank through the UI, adds a quiz module choosing its questions and publishes the course', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'trainer');

    // a new course
    await page.getByTestId('create-course').click();
    await page.waitForURL((url) => url.pathname === '/teach/courses/new');
    const title = `村级集体经济测验课 ${uniqueSuffix()}`;
    await page.getByTestId('course-title').fill(title);
    await page.getByTestId('course-category').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '产业发展' }).click();
    await page.getByTestId('course-submit').click();
    await page.waitForURL((url) => /^\/teach\/courses\/[0-9a-f-]{36}$/.test(url.pathname));
    const courseId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();

    // the bank, from the module list: empty at first
    await page.getByTestId('open-bank').click();
    await page.waitForURL((url) => url.pathname === `/teach/courses/${courseId}/questions`);
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('questions-empty').getByText('题库还没有试题').waitFor();
    await page.getByTestId('bank-summary').getByText('题库中还没有试题').waitFor();
    await screenshot(page, 'questions-bank-empty');

    // a single-choice question: saving it empty first shows what is missing next to the fields
    await page.getByTestId('add-question').click();
    const drawer = page.locator('.question-drawer');
    await drawer.getByTestId('question-form').waitFor();
    await drawer.getByTestId('question-submit').click();
    await fieldError(page, '请填写题干').waitFor();
    await fieldError(page, '请填写每个选项').waitFor();
    await fieldError(page, '请选中正确答案').waitFor();
    await screenshot(page, 'questions-form-errors');

    const singleStem = '村级重大事项决策实行什么制度？';
    await drawer.getByTestId('question-stem').fill(singleStem);
    await fieldError(page, '请填写题干').waitFor({ state: 'detached' });
    const options = ['“五议两公开”', '村主任一人决定', '乡镇直接决定', '由驻村干部决定'];
    for (const [i, text] of options.entries()) {
      await drawer.getByTestId('option-text').nth(i).fill(text);
    }
    await drawer.getByTestId('option-correct').nth(0).check();
    await fieldError(page, '请选中正确答案').waitFor({ state: 'detached' });
    await drawer.getByTestId('question-difficulty').getByText('易').click();
    await typeTag(page, 'question-tags', '基层治理');
    await drawer.getByTestId('question-explanation').fill('“五议两公开”是村级重大事项决策的基本程序。');
    await screenshot(page, 'questions-form-single');
    await drawer.getByTestId('question-submit').click();
    await page.getByText('试题已添加').first().waitFor();
    await page.getByTestId('question-row').filter({ hasText: singleStem }).waitFor();

    // a fill-in-the-blank question: one answer input per blank of the stem, live
    await page.getByTestId('add-question').click();
    await drawer.getByTestId('question-form').waitFor();
    await drawer.getByTestId('question-kind').getByText('填空题').click();
    await drawer.getByTestId('no-blanks').waitFor();
    await drawer.getByTestId('question-stem').fill('“___就是金山银山”');
    await page.waitForFunction(
      () => document.querySelectorAll('.question-drawer [data-testid=blank-answers]').length === 1,
    );
    await drawer.getByTestId('question-stem').fill('“___就是金山银山”，要走___发展之路。');
    await page.waitForFunction(
      () => document.querySelectorAll('.question-drawer [data-testid=blank-answers]').length === 2,
    );
    await drawer.getByTestId('blank-answers').nth(0).fill('绿水青山 | 青山绿水');
    // the second blank left empty: the form says so
    await drawer.getByTestId('question-submit').click();
    await fieldError(page, '请为每个空填写答案').waitFor();
    await drawer.getByTestId('blank-answers').nth(1).fill('绿色');
    await fieldError(page, '请为每个空填写答案').waitFor({ state: 'detached' });
    await typeTag(page, 'question-tags', '生态');
    await screenshot(page, 'questions-form-fill-blank');
    await drawer.getByTestId('question-submit').click();
    await page.getByTestId('question-row').filter({ hasText: '就是金山银山' }).waitFor();

    // the list and its summary
    await page.getByTestId('bank-summary').filter({ hasText: '共 2 题' }).waitFor();
    await page.getByTestId('bank-summary').getByText('单选题 1').waitFor();
    await page.getByTestId('bank-summary').getByText('填空题 1').waitFor();
    await page.getByTestId('bank-tags').getByText('生态').waitFor();
    const singleRow = page.getByTestId('question-row').filter({ hasText: singleStem });
    await singleRow.getByText('单选题').waitFor();
    await singleRow.getByText('基层治理').waitFor();
    await singleRow.getByText('易').waitFor();
    await screenshot(page, 'questions-bank');

    // filtering by kind, and by a tag from the summary
    await page.getByTestId('filter-kind').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '填空题' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'fill_blank');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=question-row]').length === 1);
    await page.getByTestId('question-row').filter({ hasText: '就是金山银山' }).waitFor();
    await page.getByTestId('bank-tags').getByText('基层治理').click();
    await page.getByTestId('questions-empty').getByText('没有符合条件的试题').waitFor();
    await page.getByTestId('clear-filters').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=question-row]').length === 2);

    // the bank list 390 px wide: cards
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('question-cards').waitFor();
    await screenshot(page, 'questions-bank');
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('question-table').waitFor();

    // a quiz module choosing both questions (fill-in-the-blank first)
    await page.getByTestId('back-to-course').click();
    await page.getByTestId('page-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('add-module').click();
    const moduleDrawer = page.locator('.teach-module-drawer');
    await moduleDrawer.getByTestId('module-kind').getByText('测验').click();
    await moduleDrawer.getByTestId('quiz-settings').waitFor();
    await moduleDrawer.getByTestId('module-title').fill('单元测验：集体经济与基层治理');
    await moduleDrawer.getByTestId('module-minutes').fill('15');
    await moduleDrawer.getByTestId('quiz-bank').getByText('题库共 2 题').waitFor();
    await moduleDrawer.getByTestId('module-missing').getByText('尚未选择试题').waitFor();

    // a random draw counts the bank questions each rule matches, and what the bank lacks
    await moduleDrawer.getByTestId('quiz-selection').getByText('随机抽题').click();
    await moduleDrawer.getByTestId('rules-empty').waitFor();
    await moduleDrawer.getByTestId('rule-add').click();
    const rule = moduleDrawer.getByTestId('rule-row').first();
    await rule.getByTestId('rule-matches').filter({ hasText: '符合 2 题' }).waitFor();
    await rule.getByTestId('rule-kind').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '单选题' }).last().click();
    await rule.getByTestId('rule-matches').filter({ hasText: '符合 1 题' }).waitFor();
    await moduleDrawer.getByTestId('draw-short').getByText('还差 4 题').waitFor();
    await screenshot(page, 'questions-quiz-random');
    await moduleDrawer.getByTestId('quiz-selection').getByText('固定试题').click();

    // fixed questions, chosen from the bank
    await moduleDrawer.getByTestId('pick-questions').click();
    const picker = page.locator('.question-picker-modal');
    await picker.getByTestId('picker-item').filter({ hasText: '就是金山银山' }).click();
    await picker.getByTestId('picker-item').filter({ hasText: singleStem }).click();
    await picker.getByTestId('picker-count').getByText('已选 2 题').waitFor();
    await screenshot(page, 'questions-quiz-picker');
    await picker.getByTestId('picker-confirm').click();
    await picker.waitFor({ state: 'hidden' });
    const chosen = moduleDrawer.getByTestId('chosen-row');
    await moduleDrawer.getByTestId('chosen-summary').filter({ hasText: '已选 2 题 · 共 2 分' }).waitFor();
    await expectTextContaining(chosen.nth(0), '就是金山银山');
    // reorder: the single choice first
    await chosen.nth(1).getByTestId('chosen-up').click();
    await expectTextContaining(chosen.nth(0), singleStem);
    await moduleDrawer.getByTestId('module-missing').waitFor({ state: 'detached' });
    await moduleDrawer.getByTestId('quiz-time-limit').locator('input').fill('10');
    await moduleDrawer.getByTestId('quiz-attempts').locator('input').fill('2');
    await moduleDrawer.getByTestId('quiz-pass').locator('input').fill('80');
    await moduleDrawer.getByTestId('module-title').click();
    await screenshot(page, 'questions-quiz-settings');
    await moduleDrawer.getByTestId('module-submit').click();
    await page.getByText('已添加单元“单元测验：集体经济与基层治理”').waitFor();
    const row = page.getByTestId('module-row').filter({ hasText: '单元测验' });
    await row.getByText('测验').first().waitFor();
    await expectCount(row.getByTestId('module-problems'), 0);

    // reopening shows the saved settings
    await row.getByTestId('module-open').click();
    await moduleDrawer.getByTestId('chosen-summary').filter({ hasText: '已选 2 题' }).waitFor();
    await expectValue(moduleDrawer.getByTestId('quiz-time-limit').locator('input'), '10');
    await expectValue(moduleDrawer.getByTestId('quiz-pass').locator('input'), '80');
    await page.locator('.teach-module-drawer .ant-drawer-close').click();
    await moduleDrawer.getByTestId('module-form').waitFor({ state: 'detached' });

    // publishing: no problems
    await page.getByTestId('publish').click();
    const dialog = page.locator('.teach-confirm-publish .ant-modal-confirm');
    await dialog.getByText(`发布课程“${title}”？`).waitFor();
    await dialog.getByRole('button', { name: '发布课程' }).click();
    await page.getByText('课程已发布，学员现在可以学习了').waitFor();
    await page.getByTestId('course-status').filter({ hasText: '已发布' }).waitFor();
    await expectCount(page.getByTestId('module-problems'), 0);

    // the server has the quiz as chosen
    const token = await apiToken('trainer');
    const course = await api<AuthoredCourseDto>(token, 'GET', `/curriculum/courses/${courseId}`);
    const quiz = course.body.modules.find((m) => m.kind === 'quiz');
    const bank = await api<ListPage<QuestionDto>>(token, 'GET', `/curriculum/courses/${courseId}/questions`);
    const idOf = (text: string) => bank.body.items.find((q) => q.stem.includes(text))?.id;
    expect(quiz?.problems).toEqual([]);
    expect(quiz?.quiz).toMatchObject({
      selection: 'fixed',
      questionIds: [idOf(singleStem), idOf('就是金山银山')],
      rules: [],
      timeLimitMinutes: 10,
      maxAttempts: 2,
      passPercent: 80,
    });
    const blank = bank.body.items.find((q) => q.kind === 'fill_blank');
    expect(blank?.key).toEqual({ kind: 'fill_blank', blanks: [['绿水青山', '青山绿水'], ['绿色']] });
    expect(bank.body.items.find((q) => q.kind === 'single')?.key).toEqual({ kind: 'single', optionId: 'a' });

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('shows a short answer in the grading queue; the trainer grades it and the attempt is graded', async () => {
    // set up through the API: a published course with a short-answer quiz, taken by the trainee
    const trainer = await apiToken('trainer');
    const title = `简答批阅测试课 ${uniqueSuffix()}`;
    const created = await api<AuthoredCourseDto>(trainer, 'POST', '/curriculum/courses', {
      title,
      category: 'industry',
      summary: '批阅队列测试',
    });
    expect(created.status).toBe(201);
    const courseId = created.body.id;
    const stem = '简述你村发展集体经济的一条做法。';
    const question = await api<QuestionDto>(trainer, 'POST', `/curriculum/courses/${courseId}/questions`, {
      kind: 'short_answer',
      stem,
      key: { kind: 'short_answer', reference: '如物业经济、共富工坊、乡村旅游等，需说明做法和成效。' },
      points: 4,
    });
    expect(question.status).toBe(201);
    const added = await api<AuthoredCourseDto>(trainer, 'POST', `/curriculum/courses/${courseId}/modules`, {
      kind: 'quiz',
      title: '简答测验',
      estimatedMinutes: 10,
      quiz: {
        selection: 'fixed',
        questionIds: [question.body.id],
        rules: [],
        shuffleQuestions: false,
        shuffleOptions: true,
        timeLimitMinutes: null,
        maxAttempts: null,
        passPercent: 60,
        scoring: 'best',
      },
    });
    expect(added.status).toBe(201);
    const moduleId = added.body.modules[0].id;
    expect((await api(trainer, 'POST', `/curriculum/courses/${courseId}/publish`, {})).status).toBe(200);

    // a trainee made for this file: passing the quiz earns credit hours, and learn.e2e.ts needs the demo
    // trainees' credit hours as the seed left them
    const trainee = await newTrainee(await apiToken('zj-admin'), `qa-${Date.now().toString(36)}`, '吴晓峰');
    const attempt = await api<AttemptDto>(trainee, 'POST', `/learning/quizzes/${moduleId}/attempts`, {});
    expect(attempt.status).toBe(200);
    const answer = '我村利用闲置校舍办共富工坊，带动30多位村民就近就业，村集体年增收12万元。';
    const submitted = await api<AttemptDto>(trainee, 'POST', `/learning/attempts/${attempt.body.id}/submit`, {
      answers: { [question.body.id]: { kind: 'short_answer', text: answer } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');

    // the trainer grades it in the UI
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'trainer');
    await page.getByTestId('open-grading').click();
    await page.waitForURL((url) => url.pathname === '/teach/grading');
    await page.getByTestId('page-title').filter({ hasText: '批阅' }).waitFor();
    // The queue opens on practical work; short answers have a tab of their own.
    await page.getByTestId('tab-answers').click();
    await page.getByTestId('grading-course').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: title }).click();
    await page.waitForURL((url) => url.searchParams.get('courseId') === courseId);
    const item = page.getByTestId('pending-item').filter({ hasText: answer });
    await item.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=pending-item]').length === 1);
    await item.getByText(title).waitFor();
    await item.getByText('简答测验').waitFor();
    await item.getByTestId('pending-trainee').filter({ hasText: '吴晓峰' }).waitFor();
    await item.getByTestId('pending-stem').getByText(stem).waitFor();
    await item.getByText('需说明做法和成效').waitFor();
    await page.getByTestId('grading-total').filter({ hasText: '待批阅 1 份' }).waitFor();

    // no points: the form says so
    await item.getByTestId('grade-submit').click();
    await item.locator('.ant-form-item-explain-error').filter({ hasText: '请填写得分' }).waitFor();
    await item.getByTestId('grade-points').locator('input').fill('3.5');
    await item.getByTestId('grade-comment').fill('做法具体，成效有数据，可再谈谈带动机制。');
    await screenshot(page, 'questions-grading');
    await item.getByTestId('grade-submit').click();
    await page.getByText('已评分。吴晓峰的这次作答得分 87.5%，已通过。').waitFor();
    await item.waitFor({ state: 'detached' });
    await page.getByTestId('grading-empty').getByText('没有待批阅的答案').waitFor();
    await screenshot(page, 'questions-grading-empty');

    // the API shows the attempt graded
    const graded = await api<AttemptDto>(trainee, 'GET', `/learning/attempts/${attempt.body.id}`);
    expect(graded.body).toMatchObject({ state: 'graded', score: 3.5, percent: 87.5, passed: true });
    expect(graded.body.results?.[0]).toMatchObject({
      points: 3.5,
      comment: '做法具体，成效有数据，可再谈谈带动机制。',
    });
    const queue = await api<ListPage<PendingAnswerDto>>(
      trainer,
      'GET',
      `/evaluation/pending-answers?courseId=${courseId}`,
    );
    expect(queue.body.total).toBe(0);

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
  it('imports a question sheet: the preview names a bad row, the fixed file imports once', async () => {
    const token = await apiToken('trainer');
    const course = await api<AuthoredCourseDto>(token, 'POST', '/curriculum/courses', {
      title: `题库导入课 ${uniqueSuffix()}`,
      category: 'governance',
    });
    expect(course.status).toBe(201);
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'trainer');
    await page.goto(`${BASE_URL}/teach/courses/${course.body.id}/questions`);
    await page.getByTestId('import-questions').click();

    const header = '题型,题干,选项A,选项B,选项C,答案,解析,标签,难度,分值';
    const good = [
      '单选,“四议”第一步由谁提议？,村党组织,村委会,乡镇,A,四议第一步,四议两公开,易,1',
      '判断,监委会主任可由村委会主任兼任。,,,,错,,基层治理,,',
    ];
    const csv = (rows: string[]) => Buffer.from(`\ufeff${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
    await page.getByTestId('import-file').setInputFiles({
      name: 'bank.csv',
      mimeType: 'text/csv',
      buffer: csv([...good, '论述,没有这种题型,,,,,,,,']),
    });
    await page.getByTestId('import-error').filter({ hasText: '论述' }).waitFor();
    await page.getByTestId('import-summary').filter({ hasText: '可导入 2 题' }).waitFor();
    await expectDisabled(page.getByTestId('import-apply'));
    await screenshot(page, 'questions-import-errors');

    await page.getByTestId('import-file').setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: csv(good) });
    await page.getByTestId('import-preview').locator('tr').filter({ hasText: '监委会主任' }).waitFor();
    await screenshot(page, 'questions-import-preview');
    await page.getByTestId('import-apply').click();
    await page.locator('.ant-message').filter({ hasText: '已导入 2 题' }).waitFor();
    await page.getByTestId('bank-summary').filter({ hasText: '2' }).waitFor();
    const bank = await api<ListPage<QuestionDto>>(token, 'GET', `/curriculum/courses/${course.body.id}/questions`);
    expect(bank.body.items.map((q) => [q.kind, q.tags])).toEqual([
      ['single', ['四议两公开']],
      ['true_false', ['基层治理']],
    ]);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});
