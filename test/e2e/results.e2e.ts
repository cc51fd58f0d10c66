import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import type {
  AttemptDto,
  AuthoredCourseDto,
  CohortDto,
  ProgramDto,
  ProgramResultDto,
  QuestionDto,
  QuestionRequest,
  QuizSettings,
  UserDto,
} from '@lingyan/contracts';
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
  uniqueSuffix,
} from './support/browser';
import { expectCount, expectDisabled, expectRead, expectText } from './support/expect-page';

/**
 * Evaluations and the composite result (结业成绩): the demo trainer sets the program's formula (the
 * program has no practical work, and the weights must add up to 100), then evaluates a trainee with
 * the rubric; the trainee, on a phone, opens 我的结业成绩 and reads how the result was made; a second
 * trainee, with nothing done yet, sees 评定中 and what is missing; the province administrator sees the
 * cohort's distribution over the bands, filters the list and exports it. The demo mentor, who has no
 * pairing, is told where pairings come from.
 *
 * Everything is set up through the API with accounts, a course, a program and a cohort made for this
 * file (the demo data stays as the seed left it). A mentor pairing would need SQL, which the browser
 * tests cannot reach: the trainer leaves the mentor out of the formula instead.
 */

/** The phone of this scenario (the suite's own PHONE is 360 wide; `Viewport` names only the suite's sizes). */
const PHONE_390 = { width: 390, height: 844 } as unknown as Viewport;

/** Five true-or-false questions of 1 point each: the first trainee gets four right (80 %). */
const QUESTIONS: QuestionRequest[] = [
  {
    kind: 'true_false',
    stem: '村级重大事项决策实行“五议两公开”。',
    key: { kind: 'true_false', value: true },
    points: 1,
  },
  { kind: 'true_false', stem: '“千万工程”始于2003年。', key: { kind: 'true_false', value: true }, points: 1 },
  {
    kind: 'true_false',
    stem: '村务监督委员会主任可以由村委会主任兼任。',
    key: { kind: 'true_false', value: false },
    points: 1,
  },
  { kind: 'true_false', stem: '发展集体经济可以举债建设。', key: { kind: 'true_false', value: false }, points: 1 },
  { kind: 'true_false', stem: '“绿水青山就是金山银山”。', key: { kind: 'true_false', value: true }, points: 1 },
];

/** DEFAULT_QUIZ_SETTINGS of @lingyan/contracts (the browser tests resolve only its types). */
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

const TRAINEE_A = '吴晓燕';
const TRAINEE_B = '潘建国';
const COMMENT = '带领村民发展民宿经济，群众基础好。';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Types a number into an ng-zorro number input and leaves it, so the value is committed. */
async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input`);
  await input.fill(String(value));
  await input.press('Tab');
}

describe('evaluations and the composite result', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let programId: string;
  let programTitle: string;
  let requiredCredits: number;
  let cohortId: string;
  let traineeA: { username: string; id: string; token: string };
  let traineeB: { username: string; id: string; token: string };

  beforeAll(async () => {
    browser = await launch();
    const stamp = uniqueSuffix();
    const admin = await login('zj-admin');
    const trainer = await login('trainer');

    const makeTrainee = async (name: string, suffix: string, regionCode: string) => {
      const username = `result-${suffix}-${stamp}`;
      const user = await call<UserDto>(admin, 'POST', '/users', {
        username,
        name,
        password: PASSWORD,
        roles: ['trainee'],
        regionCode,
      });
      return { username, id: user.id, token: await login(username) };
    };
    // villages of 淳安 (下姜村) and 安吉
    traineeA = await makeTrainee(TRAINEE_A, 'a', '330127111264');
    traineeB = await makeTrainee(TRAINEE_B, 'b', '330523201202');

    // A course with a quiz (and no practical work), published.
    const created = await call<AuthoredCourseDto>(trainer, 'POST', '/curriculum/courses', {
      title: `乡村治理基础 ${stamp}`,
      summary: '村级议事与集体经济的基础知识。',
      category: 'governance',
    });
    const questionIds: string[] = [];
    for (const q of QUESTIONS) {
      questionIds.push((await call<QuestionDto>(trainer, 'POST', `/curriculum/courses/${created.id}/questions`, q)).id);
    }
    await call(trainer, 'POST', `/curriculum/courses/${created.id}/modules`, {
      kind: 'quiz',
      title: '单元测验：乡村治理',
      estimatedMinutes: 30,
      quiz: { ...QUIZ_SETTINGS, questionIds },
    });
    const course = await call<AuthoredCourseDto>(trainer, 'POST', `/curriculum/courses/${created.id}/publish`);
    const quizId = course.modules[0].id;

    // A program of that course, published; its requirement is what the quiz earns.
    programTitle = `2026年度村干部结业考评班 ${stamp}`;
    const program = await call<ProgramDto>(trainer, 'POST', '/curriculum/programs', {
      title: programTitle,
      year: Number(day(0).slice(0, 4)),
      kind: 'county_class',
      requiredCredits: (requiredCredits = course.credits),
      startsOn: day(-30),
      endsOn: day(120),
    });
    programId = program.id;
    await call(trainer, 'PUT', `/curriculum/programs/${programId}/courses`, {
      courses: [{ courseId: course.id, required: true }],
    });
    await call(trainer, 'POST', `/curriculum/programs/${programId}/publish`);

    // A cohort of the province with both trainees.
    const cohort = await call<CohortDto>(admin, 'POST', '/cohorts', {
      programId,
      name: `结业考评班 ${stamp}`,
      regionCode: '33',
      startsOn: day(-10),
      endsOn: day(100),
      enrolUntil: day(50),
      dueOn: day(90),
    });
    cohortId = cohort.id;
    await call(admin, 'POST', `/cohorts/${cohortId}/enrolments`, { userIds: [traineeA.id, traineeB.id] });

    // The first trainee takes the quiz: four of five right (80 %).
    const attempt = await call<AttemptDto>(traineeA.token, 'POST', `/learning/quizzes/${quizId}/attempts`);
    const answers = Object.fromEntries(
      attempt.questions.map((q) => {
        const source = QUESTIONS.find((s) => s.stem === q.stem) as QuestionRequest;
        const right = (source.key as { value: boolean }).value;
        const wrong = source.stem.startsWith('“绿水青山');
        return [q.id, { kind: 'true_false', value: wrong ? !right : right }];
      }),
    );
    const submitted = await call<AttemptDto>(traineeA.token, 'POST', `/learning/attempts/${attempt.id}/submit`, {
      answers,
    });
    expect(submitted.percent).toBe(80);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const problems = () => seen.flatMap((p) => realProblems(p));

  it('lets the program’s trainer set the formula, with the sum checked live', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, DESKTOP);
    seen.push(pageProblems);
    await signIn(page, 'trainer');
    await page.waitForURL((url) => url.pathname === '/teach');
    await page.goto(`${BASE_URL}/teach/programs/${programId}`);
    await page.getByTestId('evaluation-settings-link').click();
    await page.waitForURL((url) => url.pathname === `/teach/programs/${programId}/evaluation`);
    await page.getByTestId('page-title').filter({ hasText: '结业评价设置' }).waitFor();
    await page.getByTestId('program-title').filter({ hasText: programTitle }).waitFor();

    // The program has no practical work: its weight is shared out, and the page says so.
    const practical = page.locator('[data-testid=weight-row][data-component=practical]');
    await practical
      .getByTestId('absent-note')
      .filter({ hasText: '本项目没有实践作业，其权重按比例分给其他部分' })
      .waitFor();
    await page.getByTestId('weight-sum').filter({ hasText: '100%' }).waitFor();
    await expectCount(page.getByTestId('criterion-name'), 4);

    // No mentor in this program: the mentor's weight goes to 0, and the sum falls short.
    await setNumber(page, 'weight-mentor', 0);
    await page.getByTestId('weight-sum').filter({ hasText: '85%' }).waitFor();
    await page.getByTestId('formula-problem').filter({ hasText: '权重合计须为 100%，当前为 85%' }).waitFor();
    await expectDisabled(page.getByTestId('save-settings'));
    await screenshot(page, 'results-settings-invalid');

    await setNumber(page, 'weight-quizzes', 55);
    await page.getByTestId('weight-sum').filter({ hasText: '100%' }).waitFor();
    await expectCount(page.getByTestId('formula-problem'), 0);
    // What will apply: the practical work's 30 % is shared by the quizzes and the trainers.
    await page.getByTestId('effective-weight').first().filter({ hasText: '实际权重 78.57%' }).waitFor();
    await screenshot(page, 'results-settings');
    await page.getByTestId('save-settings').click();
    await page.locator('.ant-message').getByText('评价设置已保存').waitFor();
    await page.getByTestId('saved-at').waitFor();

    // Saved as the program's own formula.
    const trainer = await login('trainer');
    const saved = await call<{ formula: { weights: Record<string, number> } }>(
      trainer,
      'GET',
      `/evaluation/programs/${programId}/settings`,
    );
    expect(saved.formula.weights).toEqual({ quizzes: 55, practical: 30, mentor: 0, trainer: 15 });
    await context.close();
  });

  it('lets the trainer evaluate a trainee with the rubric', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, DESKTOP);
    seen.push(pageProblems);
    await signIn(page, 'trainer');
    await page.waitForURL((url) => url.pathname === '/teach');
    await page.goto(`${BASE_URL}/teach/programs/${programId}`);
    await page.getByTestId('evaluate-link').click();
    await page.waitForURL((url) => url.pathname === `/teach/programs/${programId}/evaluate`);
    await page.getByTestId('page-title').filter({ hasText: '评价学员' }).waitFor();
    await page.getByTestId('trainee-total').filter({ hasText: '共 2 名学员' }).waitFor();
    const rowA = page.locator(`[data-testid=trainee-row][data-trainee="${TRAINEE_A}"]`);
    await rowA.getByTestId('trainee-status').filter({ hasText: '未评价' }).waitFor();

    // The search narrows the list.
    await page.getByTestId('trainee-search').fill('晓燕');
    await page.getByTestId('trainee-total').filter({ hasText: '共 1 名学员' }).waitFor();
    await rowA.click();
    const form = page.getByTestId('evaluation-form');
    await form.getByTestId('form-trainee').filter({ hasText: TRAINEE_A }).waitFor();

    // Half filled in: the live score shows, saving asks for the rest.
    const criteria = form.getByTestId('scorer-criterion');
    await expectCount(criteria, 4);
    await criteria.nth(0).getByTestId('scorer-level').filter({ hasText: '优秀' }).click();
    await criteria.nth(1).getByTestId('scorer-level').filter({ hasText: '良好' }).click();
    await form.getByTestId('live-score').filter({ hasText: '18/40 分' }).waitFor();
    await form.getByTestId('save-evaluation').click();
    await expectCount(form.getByTestId('criterion-problem'), 2);
    await criteria.nth(2).getByTestId('scorer-level').filter({ hasText: '优秀' }).click();
    await criteria.nth(3).getByTestId('scorer-level').filter({ hasText: '良好' }).click();
    await form.getByTestId('live-score').filter({ hasText: '36/40 分' }).waitFor();
    await form.getByTestId('live-percent').filter({ hasText: '90%' }).waitFor();
    await expectCount(form.getByTestId('criterion-problem'), 0);
    await form.getByTestId('evaluation-comment').fill(COMMENT);
    await screenshot(page, 'results-evaluate');
    await form.getByTestId('save-evaluation').click();
    await page.locator('.ant-message').getByText(`已保存对${TRAINEE_A}的评价`).waitFor();
    await rowA.getByTestId('trainee-status').filter({ hasText: '已评价 · 90%' }).waitFor();
    await form.getByTestId('form-previous').waitFor();
    await screenshot(page, 'results-evaluate-saved');
    await context.close();

    // On a phone, the list and the form take turns.
    const phone = await newPage(browser, PHONE_390);
    seen.push(phone.problems);
    await signIn(phone.page, 'trainer');
    await phone.page.waitForURL((url) => url.pathname === '/teach');
    await phone.page.goto(`${BASE_URL}/teach/programs/${programId}/evaluate`);
    await phone.page.getByTestId('trainee-total').filter({ hasText: '共 2 名学员' }).waitFor();
    await screenshot(phone.page, 'results-evaluate-list');
    await phone.page.locator(`[data-testid=trainee-row][data-trainee="${TRAINEE_B}"]`).tap();
    const phoneForm = phone.page.getByTestId('evaluation-form');
    await phoneForm.getByTestId('form-trainee').filter({ hasText: TRAINEE_B }).waitFor();
    await expectCount(phone.page.getByTestId('trainee-list'), 0);
    await phoneForm.getByTestId('scorer-criterion').nth(0).getByTestId('scorer-level').nth(2).tap();
    await phoneForm.getByTestId('live-score').filter({ hasText: '8/40 分' }).waitFor();
    // the grid fits the phone: no sideways scrolling
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'results-evaluate');
    await phoneForm.getByTestId('back-to-list').tap();
    await phone.page.getByTestId('trainee-list').waitFor();
    await phone.context.close();
  });

  it('shows the trainee on a phone how their result was made', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, PHONE_390);
    seen.push(pageProblems);
    await signIn(page, traineeA.username);
    await page.waitForURL((url) => url.pathname === '/learn');
    await page.getByTestId('result-link').waitFor();
    await screenshot(page, 'results-learn-home');
    await page.getByTestId('result-link').tap();
    await page.waitForURL((url) => url.pathname === `/learn/programs/${programId}/result`);
    await page.getByTestId('page-title').filter({ hasText: '我的结业成绩' }).waitFor();

    // 80 × 78.57 % + 90 × 21.43 % = 62.86 + 19.29 = 82.1 → 良好
    const mine = await call<ProgramResultDto>(traineeA.token, 'GET', `/learning/programs/${programId}/result`);
    expect(mine.result).toMatchObject({ state: 'final', band: 'good', creditsMet: true });
    await page
      .getByTestId('result-score')
      .filter({ hasText: String(mine.result.score) })
      .waitFor();
    await page.getByTestId('result-band').filter({ hasText: '良好' }).waitFor();
    await page.getByTestId('result-formula').filter({ hasText: '测验 × 78.57% + 培训师评价 × 21.43%' }).waitFor();
    await page.getByTestId('result-shared-note').filter({ hasText: '本项目没有实践作业' }).waitFor();
    await screenshot(page, 'results-mine');

    const quizzes = page.locator('[data-testid=result-part][data-component=quizzes]');
    await quizzes
      .getByTestId('result-item')
      .filter({ hasText: '单元测验：乡村治理' })
      .filter({ hasText: '80%' })
      .waitFor();
    await quizzes.getByTestId('part-contribution').filter({ hasText: '（80 分 × 78.57%）' }).waitFor();
    const trainer = page.locator('[data-testid=result-part][data-component=trainer]');
    await trainer.getByTestId('result-evaluation').filter({ hasText: '陈雅琴' }).waitFor();
    await trainer.getByTestId('evaluation-comment').filter({ hasText: COMMENT }).waitFor();
    await expectRead(
      () =>
        trainer
          .getByTestId('evaluation-level')
          .evaluateAll((items) =>
            items.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent?.trim())),
          ),
      [
        ['政治素质', '优秀'],
        ['履职能力', '良好'],
        ['群众工作', '优秀'],
        ['学习态度', '良好'],
      ],
      'levels of the trainer’s evaluation',
    );
    await page
      .locator('[data-testid=result-part][data-component=mentor]')
      .getByTestId('part-score')
      .filter({ hasText: '不计入' })
      .waitFor();
    await trainer.scrollIntoViewIfNeeded();
    await screenshot(page, 'results-mine-breakdown');
    await page.getByTestId('result-credits').getByTestId('credits-met').filter({ hasText: '学时达标' }).waitFor();
    await page.getByTestId('result-credits').scrollIntoViewIfNeeded();
    await screenshot(page, 'results-mine-credits');

    // Were the program to require more credit hours, the same score would be 不合格, and the page says why.
    const trainerToken = await login('trainer');
    await call(trainerToken, 'PATCH', `/curriculum/programs/${programId}`, { requiredCredits: requiredCredits + 2 });
    try {
      await page.reload();
      await page.getByTestId('result-band').filter({ hasText: '不合格' }).waitFor();
      await page.getByTestId('credits-short').filter({ hasText: '学时未达标，结业成绩为不合格' }).waitFor();
      await page.getByTestId('credits-short').filter({ hasText: '本可评为良好' }).waitFor();
      await page.getByTestId('result-credits').getByTestId('credits-met').filter({ hasText: '学时未达标' }).waitFor();
      await screenshot(page, 'results-mine-credits-short');
    } finally {
      await call(trainerToken, 'PATCH', `/curriculum/programs/${programId}`, { requiredCredits });
    }
    await context.close();

    // The same page on a big screen.
    const desktop = await newPage(browser, DESKTOP);
    seen.push(desktop.problems);
    await signIn(desktop.page, traineeA.username);
    await desktop.page.waitForURL((url) => url.pathname === '/learn');
    await desktop.page.goto(`${BASE_URL}/learn/programs/${programId}/result`);
    await desktop.page.getByTestId('result-band').filter({ hasText: '良好' }).waitFor();
    await screenshot(desktop.page, 'results-mine');
    await desktop.context.close();

    // The second trainee has nothing yet: 评定中, and what is missing.
    const other = await newPage(browser, PHONE_390);
    seen.push(other.problems);
    await signIn(other.page, traineeB.username);
    await other.page.waitForURL((url) => url.pathname === '/learn');
    await other.page.goto(`${BASE_URL}/learn/programs/${programId}/result`);
    await other.page.getByTestId('result-band').filter({ hasText: '评定中' }).waitFor();
    await other.page.getByTestId('result-missing').filter({ hasText: '还缺：测验、培训师评价' }).waitFor();
    await screenshot(other.page, 'results-mine-pending');
    await other.context.close();
  });

  it('shows the administrator the cohort’s distribution, the list and the export', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, DESKTOP);
    seen.push(pageProblems);
    await signIn(page, 'zj-admin');
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.goto(`${BASE_URL}/admin/cohorts/${cohortId}`);
    await page.getByTestId('cohort-results-link').click();
    await page.waitForURL((url) => url.pathname === `/admin/cohorts/${cohortId}/results`);
    await page.getByTestId('page-title').filter({ hasText: '结业成绩' }).waitFor();
    await page.getByTestId('band-chart').locator('canvas').waitFor();
    await page.getByTestId('distribution-total').filter({ hasText: '共 2 人' }).waitFor();
    const counts = page.getByTestId('distribution-counts');
    await expectText(counts.locator('[data-band=good] strong'), '1');
    await expectText(counts.locator('[data-band=pending] strong'), '1');
    const rowA = page.locator(`[data-testid=result-row][data-trainee="${TRAINEE_A}"]`);
    await rowA.getByTestId('row-band').filter({ hasText: '良好' }).waitFor();
    await page
      .locator(`[data-testid=result-row][data-trainee="${TRAINEE_B}"]`)
      .getByTestId('row-band')
      .filter({ hasText: '评定中' })
      .waitFor();
    await screenshot(page, 'results-cohort');

    // Filtered by band: only the first trainee; the distribution stays the cohort's.
    await page.getByTestId('band-filter').click();
    await page.locator('nz-option-item').filter({ hasText: '良好' }).click();
    await page.getByTestId('result-total').filter({ hasText: '共 1 人' }).waitFor();
    await expectCount(page.getByTestId('result-row'), 1);
    await page.getByTestId('distribution-total').filter({ hasText: '共 2 人' }).waitFor();

    // The export holds the filtered list, the band in words.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync(await download.path()).toString('utf8');
    expect(csv).toContain('姓名,所在地,班次,测验,实践作业,导师评价,培训师评价,总评,等次,学时达标');
    expect(csv).toContain(TRAINEE_A);
    expect(csv).toContain('良好');
    expect(csv).not.toContain(TRAINEE_B);
    await context.close();

    // The same page on a phone: cards instead of the table.
    const phone = await newPage(browser, PHONE_390);
    seen.push(phone.problems);
    await signIn(phone.page, 'zj-admin');
    await phone.page.waitForURL((url) => url.pathname === '/admin');
    await phone.page.goto(`${BASE_URL}/admin/cohorts/${cohortId}/results`);
    await phone.page.getByTestId('band-chart').locator('canvas').waitFor();
    await phone.page.locator(`[data-testid=result-row][data-trainee="${TRAINEE_A}"]`).waitFor();
    await screenshot(phone.page, 'results-cohort');
    await phone.context.close();
  });

  it('shows a mentor without mentees in a program that it has nobody for them to evaluate', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, PHONE_390);
    seen.push(pageProblems);
    await signIn(page, 'mentor');
    await page.waitForURL((url) => url.pathname === '/mentor');
    // the mentor's home lists the programs they have mentees in (mentoring.e2e.ts may have paired the
    // demo mentor in the demo program): never this one
    const panel = page.getByTestId('mentor-evaluations');
    await panel.getByTestId('mentor-evaluations-empty').or(panel.getByTestId('mentor-program').first()).waitFor();
    await expectCount(page.locator(`[data-testid=mentor-program][data-program="${programId}"]`), 0);
    await page.goto(`${BASE_URL}/mentor/programs/${programId}/evaluate`);
    await page.getByTestId('page-title').filter({ hasText: '评价结对学员' }).waitFor();
    await page.getByTestId('trainees-empty').filter({ hasText: '暂无结对学员' }).waitFor();
    await screenshot(page, 'results-mentor-empty');
    // A program without mentees is not listed on the mentor's home, even after its page was opened.
    await page.getByTestId('back').tap();
    await page.waitForURL((url) => url.pathname === '/mentor');
    await panel.getByTestId('mentor-evaluations-empty').or(panel.getByTestId('mentor-program').first()).waitFor();
    await expectCount(page.locator(`[data-testid=mentor-program][data-program="${programId}"]`), 0);
    await screenshot(page, 'results-mentor-home');
    await context.close();
    expect(problems()).toEqual([]);
  });
});
