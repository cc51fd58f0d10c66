import { Browser, Page } from 'playwright-core';
import type {
  AttemptDto,
  AuthoredCourseDto,
  QuestionDto,
  QuestionRequest,
  QuizOverviewDto,
  QuizSettings,
} from '@lingyan/contracts';
import { apiToken, call, newTrainee, waitFor } from './support/api';
import {
  BASE_URL,
  DESKTOP,
  PageProblems,
  Viewport,
  launch,
  newPage,
  realProblems,
  screenshot,
  signIn,
  uniqueSuffix,
} from './support/browser';
import {
  expectCount,
  expectDisabled,
  expectRead,
  expectText,
  expectTextContaining,
  expectTexts,
  expectValue,
} from './support/expect-page';

/**
 * A trainee takes a timed quiz on a phone, loses the connection midway, comes back, reloads the page
 * midway, finishes and sees the score; then the same quiz on a desktop screen.
 *
 * The quiz is set up through the API by the demo trainer (a course of its own, published). The
 * trainee is an account made for this file by the province administrator: passing a quiz earns credit
 * hours, and learn.e2e.ts needs the demo trainees' credit hours as the seed left them (Jest does not
 * fix the order of the test files).
 */

/** The phone of this scenario (the suite's own PHONE is 360 wide; `Viewport` names only the suite's sizes). */
const PHONE_390 = { width: 390, height: 844 } as unknown as Viewport;

/** Five questions of 2 points each; the options are shuffled per attempt, so they are picked by text. */
const QUESTIONS: QuestionRequest[] = [
  {
    kind: 'single',
    stem: '村级重大事项决策实行什么制度？',
    options: [
      { id: 'a', text: '“五议两公开”' },
      { id: 'b', text: '村主任一人决定' },
      { id: 'c', text: '乡镇直接决定' },
    ],
    key: { kind: 'single', optionId: 'a' },
    explanation: '村级重大事项实行“五议两公开”。',
    points: 2,
  },
  {
    kind: 'multiple',
    stem: '发展村级集体经济的途径有哪些？',
    options: [
      { id: 'a', text: '物业经济' },
      { id: 'b', text: '共富工坊' },
      { id: 'c', text: '乡村旅游' },
      { id: 'd', text: '举债建设' },
    ],
    key: { kind: 'multiple', optionIds: ['a', 'b', 'c'] },
    explanation: '不能举债搞建设。',
    points: 2,
  },
  {
    kind: 'true_false',
    stem: '村务监督委员会主任可以由村委会主任兼任。',
    key: { kind: 'true_false', value: false },
    explanation: '村务监督委员会成员不得由村“两委”主要负责人兼任。',
    points: 2,
  },
  {
    kind: 'fill_blank',
    stem: '“___就是金山银山”。',
    key: { kind: 'fill_blank', blanks: [['绿水青山']] },
    points: 2,
  },
  {
    kind: 'single',
    stem: '“千万工程”始于哪一年？',
    options: [
      { id: 'a', text: '2003年' },
      { id: 'b', text: '2013年' },
      { id: 'c', text: '1998年' },
    ],
    key: { kind: 'single', optionId: 'a' },
    points: 2,
  },
];
/**
 * DEFAULT_QUIZ_SETTINGS of @lingyan/contracts (the browser tests resolve only its types): a fixed
 * selection in order, options shuffled, 3 attempts, 60 % to pass, the best attempt counts.
 */
const QUIZ_SETTINGS: QuizSettings = {
  selection: 'fixed',
  questionIds: [],
  rules: [],
  shuffleQuestions: false,
  shuffleOptions: true,
  timeLimitMinutes: null,
  maxAttempts: 3,
  passPercent: 60,
  scoring: 'best',
};

/** Right (2) + half of a multiple choice (1) + right (2) + right (2) + wrong (0). */
const EXPECTED_SCORE = 7;

const question = (page: Page) => page.getByTestId('question');
const saveStatus = (page: Page) => page.getByTestId('save-status');

/** Taps the option of the shown question whose text is `text`. */
async function tapOption(page: Page, text: string): Promise<void> {
  await question(page).getByTestId('option').filter({ hasText: text }).tap();
}

async function expectQuestion(page: Page, stem: string): Promise<void> {
  await question(page).getByTestId('question-stem').filter({ hasText: stem }).waitFor();
}

/** "已保存 hh:mm:ss" in the save line. */
async function waitSaved(page: Page): Promise<void> {
  await saveStatus(page)
    .filter({ hasText: /已保存 \d{2}:\d{2}:\d{2}/ })
    .waitFor({ timeout: 15_000 });
}

describe('taking a timed quiz on a phone', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let trainee: { username: string; token: string };
  let course: AuthoredCourseDto;
  let quizId: string;
  let attemptId: string;

  beforeAll(async () => {
    browser = await launch();

    const stamp = uniqueSuffix();
    const admin = await apiToken('zj-admin');
    const username = `quiz-${stamp}`;
    trainee = { username, token: await newTrainee(admin, username, '周晓梅') };

    const trainer = await apiToken('trainer');
    const created = await call<AuthoredCourseDto>(trainer, 'POST', '/curriculum/courses', {
      title: `村级组织建设测验 ${stamp}`,
      summary: '村级议事、集体经济与村务监督的基础知识。',
      category: 'governance',
    });
    const questionIds: string[] = [];
    for (const q of QUESTIONS) {
      questionIds.push((await call<QuestionDto>(trainer, 'POST', `/curriculum/courses/${created.id}/questions`, q)).id);
    }
    await call(trainer, 'POST', `/curriculum/courses/${created.id}/modules`, {
      kind: 'quiz',
      title: '单元测验：村级组织建设',
      estimatedMinutes: 15,
      quiz: { ...QUIZ_SETTINGS, questionIds, timeLimitMinutes: 10 },
    });
    course = await call<AuthoredCourseDto>(trainer, 'POST', `/curriculum/courses/${created.id}/publish`);
    quizId = course.modules[0].id;
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Console errors other than requests the test itself cut off (offline) or the API refused on purpose. */
  const problems = () =>
    seen.flatMap((p) => realProblems(p)).filter((line) => !/ERR_INTERNET_DISCONNECTED|net::ERR_/.test(line));

  it('keeps the answers through a lost connection and a reload, and shows the score', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, PHONE_390);
    seen.push(pageProblems);
    await signIn(page, trainee.username);
    await page.waitForURL((url) => url.pathname === '/learn');

    // the course page links the quiz module to the quiz page
    await page.goto(`${BASE_URL}/learn/courses/${course.id}`);
    await page.getByTestId('module-row').filter({ hasText: '单元测验：村级组织建设' }).tap();
    await page.waitForURL((url) => url.pathname === `/learn/quizzes/${quizId}`);

    // the overview: the rules, no attempts yet
    await page.getByTestId('page-title').filter({ hasText: '单元测验：村级组织建设' }).waitFor();
    await expectTextContaining(page.getByTestId('quiz-facts'), [
      '5 题',
      '10 分',
      '10 分钟',
      '已用 0 次，剩 3 次',
      '60%',
      '取最高一次',
    ]);
    await page.getByTestId('history-empty').waitFor();
    await screenshot(page, 'quiz-overview');

    // a module link (learn/modules/:id) of a quiz leads to the quiz page too
    await page.goto(`${BASE_URL}/learn/modules/${quizId}`);
    await page.waitForURL((url) => url.pathname === `/learn/quizzes/${quizId}`);
    await page.getByTestId('quiz-start').waitFor();
    await expectText(page.getByTestId('quiz-start'), '开始测验');

    // start: the countdown runs from 10 minutes on the server's clock
    await page.getByTestId('quiz-start').tap();
    await page.waitForURL((url) => url.searchParams.has('attempt'));
    attemptId = new URL(page.url()).searchParams.get('attempt') as string;
    await expectQuestion(page, QUESTIONS[0].stem);
    await expectText(page.getByTestId('countdown'), /^(10:00|09:[0-5]\d)$/);
    await page.getByTestId('answered').filter({ hasText: '已答 0/5' }).waitFor();

    // 1. single choice, right
    await tapOption(page, '“五议两公开”');
    await page.getByTestId('answered').filter({ hasText: '已答 1/5' }).waitFor();
    await waitSaved(page);
    await screenshot(page, 'quiz-question');

    // 2. multiple choice: two of the three right options (half the points)
    await page.getByTestId('next').tap();
    await expectQuestion(page, QUESTIONS[1].stem);
    await tapOption(page, '物业经济');
    await tapOption(page, '共富工坊');
    await waitSaved(page);
    await page.getByTestId('answered').filter({ hasText: '已答 2/5' }).waitFor();
    const saved = await call<AttemptDto>(trainee.token, 'GET', `/learning/attempts/${attemptId}`);
    expect(Object.keys(saved.answers)).toHaveLength(2);

    // the connection drops: answering goes on, the page says the answer waits on the phone
    await context.setOffline(true);
    await page.getByTestId('next').tap();
    await expectQuestion(page, QUESTIONS[2].stem);
    await tapOption(page, '错');
    await page.getByTestId('answered').filter({ hasText: '已答 3/5' }).waitFor();
    await saveStatus(page).filter({ hasText: '离线，答案已暂存在本机，联网后自动保存' }).waitFor();
    await page.waitForTimeout(2_000); // past the autosave's quiet moment: still offline, still kept
    await saveStatus(page).filter({ hasText: '离线' }).waitFor();
    const stored = await page.evaluate(
      (id) => JSON.parse(localStorage.getItem(`lingyan.quiz-answers.${id}`) ?? 'null'),
      attemptId,
    );
    const trueFalse = saved.questions.find((q) => q.kind === 'true_false') as AttemptDto['questions'][number];
    expect(stored?.pending?.[trueFalse.id]?.answer).toEqual({ kind: 'true_false', value: false });
    const whileOffline = await call<AttemptDto>(trainee.token, 'GET', `/learning/attempts/${attemptId}`);
    expect(whileOffline.answers[trueFalse.id]).toBeUndefined();
    await screenshot(page, 'quiz-offline');

    // back online: the kept answer reaches the server by itself
    await context.setOffline(false);
    await waitSaved(page);
    await waitFor(
      async () =>
        (await call<AttemptDto>(trainee.token, 'GET', `/learning/attempts/${attemptId}`)).answers[trueFalse.id]
          ?.kind === 'true_false',
      10_000,
      'the offline answer on the server',
    );
    const afterOnline = await call<AttemptDto>(trainee.token, 'GET', `/learning/attempts/${attemptId}`);
    expect(afterOnline.answers[trueFalse.id]).toEqual({ kind: 'true_false', value: false });

    // 4. fill in the blank, then reload at once (before the autosave): the answer comes back from the phone
    await page.getByTestId('next').tap();
    await expectQuestion(page, '就是金山银山');
    await question(page).getByTestId('blank-input').fill('绿水青山');
    await page.reload();
    await page.waitForURL((url) => url.searchParams.get('attempt') === attemptId);
    await page.getByTestId('answered').filter({ hasText: '已答 4/5' }).waitFor();
    // the attempt resumes at its first unanswered question
    await expectQuestion(page, QUESTIONS[4].stem);
    await waitSaved(page);
    const fill = saved.questions.find((q) => q.kind === 'fill_blank') as AttemptDto['questions'][number];
    await waitFor(
      async () =>
        (await call<AttemptDto>(trainee.token, 'GET', `/learning/attempts/${attemptId}`)).answers[fill.id] !==
        undefined,
      10_000,
      'the reloaded answer on the server',
    );
    // every earlier answer is shown again (answer sheet → question 2 and 4)
    await page.getByTestId('navigator-toggle').tap();
    await page.getByTestId('navigator').waitFor();
    await screenshot(page, 'quiz-navigator');
    await page.getByTestId('navigator-cell').nth(1).tap();
    await expectQuestion(page, QUESTIONS[1].stem);
    await expectCount(question(page).locator('.choice.chosen'), 2);
    await page.getByTestId('navigator-toggle').tap();
    await page.getByTestId('navigator-cell').nth(3).tap();
    await expectQuestion(page, '就是金山银山');
    await expectValue(question(page).getByTestId('blank-input'), '绿水青山');

    // 5. a wrong answer, then submit: all five answered
    await page.getByTestId('next').tap();
    await expectQuestion(page, QUESTIONS[4].stem);
    await tapOption(page, '2013年');
    await page.getByTestId('pager-submit').tap();
    const confirm = page.getByTestId('submit-confirm');
    await confirm.waitFor();
    await expectTextContaining(confirm, '5 道题都已作答');
    await screenshot(page, 'quiz-submit-confirm');
    await page.locator('.ant-modal-footer .ant-btn-primary').tap();

    // the result: the score, the pass, question by question
    const result = page.getByTestId('quiz-result');
    await result.waitFor();
    await expectText(page.getByTestId('result-score'), `${EXPECTED_SCORE} / 10`);
    await expectText(page.getByTestId('result-verdict'), '合格');
    await expectTextContaining(page.getByTestId('result-percent'), '70%');
    await expectTexts(page.getByTestId('result-outcome'), ['正确', '部分正确', '正确', '正确', '错误']);
    // passed: the keys and explanations are shown
    await expectCount(page.getByTestId('result-key'), 5);
    await expectTextContaining(page.getByTestId('result-explanation').first(), '五议两公开');
    await screenshot(page, 'quiz-result');

    const graded = await call<AttemptDto>(trainee.token, 'GET', `/learning/attempts/${attemptId}`);
    expect(graded.score).toBe(EXPECTED_SCORE);
    expect(graded.passed).toBe(true);
    await expectRead(
      () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lingyan.quiz-answers.'))),
      [],
      'answers kept in localStorage',
    );

    // the overview lists the attempt and the counted result
    await page.getByTestId('back-to-overview').tap();
    await page.getByTestId('history-row').first().waitFor();
    await expectTextContaining(page.getByTestId('quiz-counted'), '70%');
    await expectText(page.getByTestId('quiz-attempts'), '已用 1 次，剩 2 次');
    await context.close();
  });

  it('looks right on a desktop screen, and submits by itself when the countdown runs out', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, DESKTOP);
    seen.push(pageProblems);
    // the page's clock, to be moved forward below (it runs at normal speed until then)
    await context.clock.install();
    await signIn(page, trainee.username);
    await page.waitForURL((url) => url.pathname === '/learn');
    await page.goto(`${BASE_URL}/learn/quizzes/${quizId}`);
    await page.getByTestId('history-row').first().waitFor();
    await expectText(page.getByTestId('quiz-start'), '再测一次');
    await screenshot(page, 'quiz-overview');

    await page.getByTestId('history-row').first().click();
    await page.getByTestId('quiz-result').waitFor();
    await expectText(page.getByTestId('result-score'), `${EXPECTED_SCORE} / 10`);
    await screenshot(page, 'quiz-result');

    // a second attempt (one is left over after it), taken on the big screen
    await page.getByTestId('back-to-overview').click();
    await page.getByTestId('quiz-start').click();
    await page.waitForURL((url) => url.searchParams.has('attempt') && url.searchParams.get('attempt') !== attemptId);
    await expectQuestion(page, QUESTIONS[0].stem);
    await question(page).getByTestId('option').filter({ hasText: '“五议两公开”' }).click();
    await waitSaved(page);
    await page.getByTestId('navigator-toggle').click();
    await screenshot(page, 'quiz-question');
    const overview = await call<QuizOverviewDto>(trainee.token, 'GET', `/learning/quizzes/${quizId}`);
    expect(overview.openAttemptId).not.toBeNull();
    expect(overview.attemptsLeft).toBe(1);

    // the connection drops and nine minutes pass (on the page's clock: the server's answers would set it
    // right again): under a minute left, the countdown turns red; one more answer waits on the computer
    await page.getByTestId('navigator-toggle').click();
    await page.getByTestId('next').click();
    await question(page).getByTestId('option').filter({ hasText: '举债建设' }).click();
    await waitSaved(page);
    await context.setOffline(true);
    await page.clock.fastForward('09:05');
    await page.locator('[data-testid=countdown].low').waitFor();
    await expectText(page.getByTestId('countdown'), /^00:[0-5]\d$/);
    await page.getByTestId('next').click();
    await question(page).getByTestId('option').filter({ hasText: '错' }).click();
    await saveStatus(page).filter({ hasText: '离线' }).waitFor();
    await screenshot(page, 'quiz-low-time');

    // the countdown reaches 0: the submission waits for the connection, and nothing can be changed
    await page.clock.fastForward('01:00');
    await saveStatus(page).filter({ hasText: '网络中断，联网后自动交卷' }).waitFor();
    await expectDisabled(page.getByTestId('submit'));
    await expectDisabled(question(page).locator('input').first());
    await screenshot(page, 'quiz-time-up-offline');

    // back online: submitted with every answer (the server's clock says in time) and graded
    await context.setOffline(false);
    await page.getByTestId('quiz-result').waitFor();
    await page.locator('.ant-message').getByText('时间到，系统已自动交卷').waitFor();
    await expectText(page.getByTestId('result-score'), '4 / 10');
    await expectText(page.getByTestId('result-verdict'), '未合格');
    const after = await call<QuizOverviewDto>(trainee.token, 'GET', `/learning/quizzes/${quizId}`);
    expect(after.openAttemptId).toBeNull();
    expect(after.attempts.map((a) => a.score)).toEqual([EXPECTED_SCORE, 4]);
    // the best attempt counts
    expect(after.countedPercent).toBe(70);
    expect(after.passed).toBe(true);
    await context.close();
  });

  it('takes every kind of question, names the unanswered ones, and shows a short answer awaiting a trainer', async () => {
    const trainer = await apiToken('trainer');
    const created = await call<AuthoredCourseDto>(trainer, 'POST', '/curriculum/courses', {
      title: `题型练习 ${uniqueSuffix()}`,
      summary: '多选、填空、简答。',
      category: 'rural_construction',
    });
    const kinds: QuestionRequest[] = [
      QUESTIONS[1],
      {
        kind: 'fill_blank',
        stem: '浙江“千万工程”指的是“千村示范、___”，从___年开始实施。',
        key: { kind: 'fill_blank', blanks: [['万村整治'], ['2003']] },
        points: 2,
      },
      {
        kind: 'short_answer',
        stem: '结合本村实际，简述发展村级集体经济的一条做法。',
        key: { kind: 'short_answer', reference: '盘活闲置资产，发展物业经济。' },
        points: 5,
      },
      QUESTIONS[2],
    ];
    const questionIds: string[] = [];
    for (const q of kinds) {
      questionIds.push((await call<QuestionDto>(trainer, 'POST', `/curriculum/courses/${created.id}/questions`, q)).id);
    }
    await call(trainer, 'POST', `/curriculum/courses/${created.id}/modules`, {
      kind: 'quiz',
      title: '题型练习（不限时）',
      estimatedMinutes: 10,
      quiz: { ...QUIZ_SETTINGS, questionIds, maxAttempts: 1 },
    });
    const published = await call<AuthoredCourseDto>(trainer, 'POST', `/curriculum/courses/${created.id}/publish`);

    const { context, page, problems: pageProblems } = await newPage(browser, PHONE_390);
    seen.push(pageProblems);
    await signIn(page, trainee.username);
    await page.waitForURL((url) => url.pathname === '/learn');
    await page.goto(`${BASE_URL}/learn/quizzes/${published.modules[0].id}`);
    await expectText(page.getByTestId('quiz-time-limit'), '不限时');
    await page.getByTestId('quiz-start').tap();
    await page.waitForURL((url) => url.searchParams.has('attempt'));
    await expectTextContaining(page.getByTestId('countdown'), '不限时');

    // multiple choice: all three right ones
    await expectQuestion(page, QUESTIONS[1].stem);
    for (const text of ['物业经济', '共富工坊', '乡村旅游']) await tapOption(page, text);
    await page.getByTestId('next').tap();

    // two blanks, numbered in the stem; full-width digits count as the same answer
    await expectQuestion(page, '千村示范');
    await expectTexts(question(page).locator('.blank-mark'), ['（1）', '（2）']);
    const blanks = question(page).getByTestId('blank-input');
    await blanks.nth(0).fill('万村整治');
    await blanks.nth(1).fill('２００３');
    await screenshot(page, 'quiz-fill-blank');
    await page.getByTestId('next').tap();

    // a short answer
    await expectQuestion(page, '简述发展村级集体经济');
    await question(page)
      .getByTestId('short-answer')
      .fill('利用村里闲置的老校舍，办起共富工坊，村集体每年增收二十万元。');
    await waitSaved(page);
    await screenshot(page, 'quiz-short-answer');

    // submit without the last one: the dialog names it, and can lead back to it
    await page.getByTestId('submit').tap();
    await expectTextContaining(page.getByTestId('unanswered-summary'), '还有 1 道题未作答');
    await expectTexts(page.getByTestId('unanswered-item'), ['4']);
    await page.getByTestId('unanswered-item').tap();
    await expectQuestion(page, QUESTIONS[2].stem);
    await page.getByTestId('submit').tap();
    await page.getByTestId('unanswered-summary').waitFor();
    await screenshot(page, 'quiz-submit-unanswered');
    await page.locator('.ant-modal-footer .ant-btn-primary').tap();

    // 2 + 2 of the objective questions; the short answer waits for a trainer
    await page.getByTestId('quiz-result').waitFor();
    await expectText(page.getByTestId('result-score'), '4 / 11');
    await expectTextContaining(page.getByTestId('result-verdict'), '待批阅');
    await expectTexts(page.getByTestId('result-outcome'), ['正确', '正确', '待批阅', '错误']);
    await expectText(page.getByTestId('result-points').nth(2), '— / 5 分');
    // the only attempt is used but a short answer is not graded: no keys yet
    await page.getByTestId('key-hidden').waitFor();
    await expectCount(page.getByTestId('result-retake'), 0);
    await screenshot(page, 'quiz-result-pending');

    // the overview: no attempts left
    await page.getByTestId('back-to-overview').tap();
    await page.getByTestId('quiz-exhausted').waitFor();
    await expectDisabled(page.getByTestId('quiz-start'));
    await expectTextContaining(page.getByTestId('history-row'), '待批阅');
    await screenshot(page, 'quiz-exhausted');

    // and in English
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('quiz-exhausted').filter({ hasText: 'You have used all your attempts (1).' }).waitFor();
    await expectTextContaining(page.getByTestId('history-row'), 'Awaiting grading');
    await page.getByTestId('lang-switch').click();
    await context.close();

    expect(problems()).toEqual([]);
  });
});
