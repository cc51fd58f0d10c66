import { Browser, Page } from 'playwright-core';
import type {
  AttemptDto,
  AuthoredCourseDto,
  MyCourseRatingDto,
  QuestionDto,
  QuizSettings,
  RateCourseRequest,
  TrainerRatingsDto,
} from '@lingyan/contracts';
import { apiToken, call, newTrainee } from './support/api';
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
  signInAs,
  uniqueSuffix,
} from './support/browser';
import { expectAttribute, expectCount, expectText, expectTextContaining } from './support/expect-page';

/**
 * 评训: a trainee who completed a course rates it on a phone (and changes the rating); the trainer sees
 * the satisfaction and the comment on their page, without the trainee's name; the province
 * administrator sees it among the region's courses, trainers and cohorts.
 *
 * Two courses of the demo trainer, each ending with a one-question quiz that completes it when passed.
 * The trainees are accounts made for this file by the province administrator (passing a quiz earns
 * credit hours, and other files need the demo trainees' totals as the seed left them): the one on the
 * phone, and five more who rate through the API so that the reports have a few figures to show.
 */

/** The phone of this scenario (the suite's own PHONE is 360 wide; `Viewport` names only the suite's sizes). */
const PHONE_390 = { width: 390, height: 844 } as unknown as Viewport;

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

const TRAINEE_NAME = '郑晓丽';
const COMMENT = '讲得很实在，村里议事就用得上。希望多讲讲集体经济的案例。';

/** A published course of the demo trainer: one true/false question, whose quiz completes the course. */
async function quizCourse(trainer: string, title: string): Promise<{ id: string; quizId: string }> {
  const created = await call<AuthoredCourseDto>(trainer, 'POST', '/curriculum/courses', {
    title,
    summary: '村级议事协商、集体经济发展的做法与案例。',
    category: 'governance',
  });
  const question = await call<QuestionDto>(trainer, 'POST', `/curriculum/courses/${created.id}/questions`, {
    kind: 'true_false',
    stem: '村级重大事项实行“五议两公开”。',
    key: { kind: 'true_false', value: true },
    points: 2,
  });
  await call(trainer, 'POST', `/curriculum/courses/${created.id}/modules`, {
    kind: 'quiz',
    title: '课后测验',
    estimatedMinutes: 5,
    quiz: { ...QUIZ_SETTINGS, questionIds: [question.id] },
  });
  const course = await call<AuthoredCourseDto>(trainer, 'POST', `/curriculum/courses/${created.id}/publish`);
  return { id: course.id, quizId: course.modules[0].id };
}

/** Passes the course's quiz, which completes the course. */
async function completeCourse(token: string, quizId: string): Promise<void> {
  const attempt = await call<AttemptDto>(token, 'POST', `/learning/quizzes/${quizId}/attempts`);
  const answers = Object.fromEntries(attempt.questions.map((q) => [q.id, { kind: 'true_false', value: true }]));
  const graded = await call<AttemptDto>(token, 'POST', `/learning/attempts/${attempt.id}/submit`, { answers });
  if (!graded.passed) throw new Error('the quiz was not passed');
}

/** Taps the n-th star (1–5) of a rating item. */
async function tapStar(page: Page, item: 'usefulness' | 'clarity', n: number): Promise<void> {
  await page
    .getByTestId(`rate-${item}`)
    .locator('li.ant-rate-star')
    .nth(n - 1)
    .tap();
}

describe('rating a completed course (评训)', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let trainee: { username: string; token: string };
  let courseA: { id: string; quizId: string; title: string };
  let courseB: { id: string; quizId: string; title: string };

  beforeAll(async () => {
    browser = await launch();
    const stamp = uniqueSuffix();
    const admin = await apiToken('zj-admin');
    const trainer = await apiToken('trainer');
    const titleA = `村级议事协商实务 ${stamp}`;
    const titleB = `强村公司运营入门 ${stamp}`;
    courseA = { ...(await quizCourse(trainer, titleA)), title: titleA };
    courseB = { ...(await quizCourse(trainer, titleB)), title: titleB };

    const username = `rate-${stamp}`;
    trainee = { username, token: await newTrainee(admin, username, TRAINEE_NAME) };
    await completeCourse(trainee.token, courseA.quizId);

    // Five more trainees rate through the API: course A ends under the norm, course B above it.
    const others: Array<{ a: RateCourseRequest; b?: RateCourseRequest }> = [
      { a: { usefulness: 5, clarity: 5, comment: '案例贴近村里实际，回去就能用。' }, b: { usefulness: 5, clarity: 4 } },
      {
        a: { usefulness: 3, clarity: 2, comment: '节奏太快，PPT 字太小，希望放慢一点。' },
        b: { usefulness: 5, clarity: 5 },
      },
      { a: { usefulness: 4, clarity: 3 }, b: { usefulness: 4, clarity: 4, comment: '很实用。' } },
      { a: { usefulness: 2, clarity: 3, comment: '和我们山区村的情况不太一样，希望多讲山区的做法。' } },
      { a: { usefulness: 5, clarity: 4 } },
    ];
    for (const [i, ratings] of others.entries()) {
      const token = await newTrainee(admin, `rate-${stamp}-${i}`, `评训学员${i}`);
      await completeCourse(token, courseA.quizId);
      await call<MyCourseRatingDto>(token, 'PUT', `/learning/courses/${courseA.id}/rating`, ratings.a);
      if (ratings.b) {
        await completeCourse(token, courseB.quizId);
        await call<MyCourseRatingDto>(token, 'PUT', `/learning/courses/${courseB.id}/rating`, ratings.b);
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Console errors other than the API's refusals the pages show on purpose. */
  const problems = () => seen.flatMap((p) => realProblems(p));

  it('lets the trainee rate the completed course on a phone, anonymously, and change the rating', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, PHONE_390);
    seen.push(pageProblems);
    await signIn(page, trainee.username);
    await page.waitForURL((url) => url.pathname === '/learn');

    // A course not completed has no rating card.
    await page.goto(`${BASE_URL}/learn/courses/${courseB.id}`);
    await page.getByTestId('page-title').filter({ hasText: courseB.title }).waitFor();
    await page.getByTestId('modules').waitFor();
    await expectCount(page.getByTestId('course-rating'), 0);

    await page.goto(`${BASE_URL}/learn/courses/${courseA.id}`);
    await page.getByTestId('page-title').filter({ hasText: courseA.title }).waitFor();
    const card = page.getByTestId('course-rating');
    await card.getByTestId('rating-form').waitFor();
    await expectTextContaining(card, '对村里工作的帮助');
    await expectTextContaining(card.getByTestId('rating-anonymous'), '看不到是谁写的');

    // Both items are needed.
    await card.scrollIntoViewIfNeeded();
    await card.getByTestId('rating-submit').tap();
    await card.getByText('请为两项都打分').first().waitFor();
    await screenshot(page, 'ratings-course-card');

    await tapStar(page, 'usefulness', 4);
    await tapStar(page, 'clarity', 5);
    await expectText(card.getByTestId('rate-usefulness-label'), '满意');
    await expectText(card.getByTestId('rate-clarity-label'), '非常满意');
    await card.getByTestId('rating-comment-input').fill(COMMENT);
    await screenshot(page, 'ratings-course-form');
    await card.getByTestId('rating-submit').tap();
    await page.locator('.ant-message').getByText('感谢您的评价！').waitFor();
    await card.getByTestId('rating-given').waitFor();
    await expectText(card.getByTestId('rating-given-comment'), COMMENT);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'ratings-course-given');

    const mine = await call<MyCourseRatingDto>(trainee.token, 'GET', `/learning/courses/${courseA.id}/rating`);
    expect(mine.rating).toMatchObject({ usefulness: 4, clarity: 5, comment: COMMENT });

    // Change it: the same one rating, updated (kept after a reload).
    await card.getByTestId('rating-edit').tap();
    await tapStar(page, 'usefulness', 5);
    await card.getByTestId('rating-submit').tap();
    await page.locator('.ant-message').getByText('评价已修改').waitFor();
    await page.reload();
    await page.getByTestId('course-rating').getByTestId('rating-given').waitFor();
    const again = await call<MyCourseRatingDto>(trainee.token, 'GET', `/learning/courses/${courseA.id}/rating`);
    expect(again.rating).toMatchObject({ usefulness: 5, clarity: 5, comment: COMMENT });
    expect(again.rating?.createdAt).toBe(mine.rating?.createdAt);

    await context.close();
    expect(problems()).toEqual([]);
  });

  it('shows the trainer their courses against the 85% norm with the comments, never who rated', async () => {
    const trainer = await apiToken('trainer');
    const report = await call<TrainerRatingsDto>(trainer, 'GET', '/ratings/courses');
    const a = report.courses.find((c) => c.courseId === courseA.id);
    // 郑晓丽 (5, 5), then (5, 5) (3, 2) (4, 3) (2, 3) (5, 4): 3 of 6 satisfied.
    expect(a).toMatchObject({ count: 6, satisfaction: 50, meetsNorm: false, enoughRatings: true });
    expect(JSON.stringify(report)).not.toContain(TRAINEE_NAME);

    for (const viewport of [DESKTOP, PHONE_390]) {
      const { context, page, problems: pageProblems } = await newPage(browser, viewport);
      seen.push(pageProblems);
      await signInAs(page, 'trainer');
      await page.getByTestId('open-ratings').click();
      await page.waitForURL((url) => url.pathname === '/teach/ratings');
      await page.getByTestId('page-title').filter({ hasText: '课程评价' }).waitFor();

      // Under the norm first: course A heads the list, marked 未达标; course B meets it on a small sample.
      const rows = page.getByTestId('course-ratings').getByTestId('rating-row');
      await rows.first().waitFor();
      await expectAttribute(rows.first(), 'data-id', courseA.id);
      const rowA = page.locator(`[data-testid=rating-row][data-id="${courseA.id}"]`);
      await expectText(rowA.getByTestId('rating-verdict'), '未达标');
      await expectText(rowA.getByTestId('satisfaction'), '50%');
      const rowB = page.locator(`[data-testid=rating-row][data-id="${courseB.id}"]`);
      await expectText(rowB.getByTestId('rating-verdict'), '达标');
      await expectText(rowB.getByTestId('rating-small-sample'), '样本不足');

      // Course A's detail (the first with ratings) shows the phone trainee's comment, without a name.
      const detail = page.getByTestId('course-rating-detail');
      await detail.getByTestId('detail-title').filter({ hasText: courseA.title }).waitFor();
      await detail.getByTestId('rating-comment').filter({ hasText: COMMENT }).waitFor();
      await expect(page.locator('body').innerText()).resolves.not.toContain(TRAINEE_NAME);
      await expect(page.locator('body').innerText()).resolves.not.toContain(trainee.username);
      await screenshot(page, 'ratings-teach');
      if (viewport === DESKTOP) {
        await detail.scrollIntoViewIfNeeded();
        await screenshot(page, 'ratings-teach-detail');
      } else {
        // Picking another course shows its comments (and scrolls to them, far below the list on a phone).
        await rowB.tap();
        await detail.getByTestId('detail-title').filter({ hasText: courseB.title }).waitFor();
        await detail.getByTestId('rating-comment').filter({ hasText: '很实用。' }).waitFor();
        // The detail's title is scrolled into view, below the fixed header.
        await page.waitForFunction(() => {
          const title = document.querySelector('[data-testid=detail-title]')?.getBoundingClientRect();
          return title !== undefined && title.top >= 56 && title.bottom <= window.innerHeight;
        });
        await screenshot(page, 'ratings-teach-detail');
      }
      await context.close();
    }
    expect(problems()).toEqual([]);
  });

  it('shows the province administrator satisfaction by course, trainer and cohort with the comments', async () => {
    for (const viewport of [DESKTOP, PHONE_390]) {
      const { context, page, problems: pageProblems } = await newPage(browser, viewport);
      seen.push(pageProblems);
      await signInAs(page, 'zj-admin');
      if (viewport === DESKTOP) {
        await page.getByTestId('nav-ratings').click();
      } else {
        await page.goto(`${BASE_URL}/admin/ratings`);
      }
      await page.waitForURL((url) => url.pathname === '/admin/ratings');
      await page.getByTestId('page-title').filter({ hasText: '评训满意度' }).waitFor();
      await page.getByTestId('rating-overview').waitFor();
      await page.getByTestId('satisfaction-chart').locator('canvas').waitFor();
      const rowA = page.getByTestId('by-course').locator(`[data-testid=rating-row][data-id="${courseA.id}"]`);
      await expectText(rowA.getByTestId('rating-verdict'), '未达标');
      await page.getByTestId('rating-comment').filter({ hasText: COMMENT }).waitFor();
      await expect(page.locator('body').innerText()).resolves.not.toContain(TRAINEE_NAME);
      await screenshot(page, 'ratings-admin');

      if (viewport === DESKTOP) {
        // By trainer: the demo trainer's courses combined.
        await page.getByRole('tab', { name: /按培训师/ }).click();
        await page
          .getByTestId('by-trainer')
          .locator('[data-testid=rating-row]')
          .filter({ hasText: '陈雅琴' })
          .waitFor();
        // The comments of one course.
        await page.getByTestId('comments-card').scrollIntoViewIfNeeded();
        await page.getByTestId('comment-course-filter').click();
        await page.locator('nz-option-item').filter({ hasText: courseB.title }).click();
        await page.getByTestId('rating-comment').filter({ hasText: '很实用。' }).waitFor();
        await expectCount(page.getByTestId('rating-comment'), 1);
        await screenshot(page, 'ratings-admin-comments');
      }
      await context.close();
    }
    expect(problems()).toEqual([]);
  });
});
