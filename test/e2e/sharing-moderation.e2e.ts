import type { Browser, Page } from 'playwright-core';
import type { ModerationReportDto, NotificationPage, PostCommentDto, PostDto, PostFeedDto } from '@lingyan/contracts';
import { apiToken, call, newTrainee } from './support/api';
import {
  BASE_URL,
  DESKTOP,
  PHONE,
  launch,
  newPage,
  realProblems,
  screenshot,
  signInAs,
  type PageProblems,
} from './support/browser';
import { expectCount, expectTextContaining } from './support/expect-page';

const STAMP = Date.now();
/** A word no other post has: the stamp's digits as Han characters (so the search cuts it into pairs). */
const WORD = `鹭${[...String(STAMP).slice(-7)].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('')}`;
const TITLE = `${WORD}村道保洁承包到户的做法`;
const BODY = '我们把村道保洁按户承包，每月评比一次，评上“清洁户”的在村务公开栏表扬。';
const COMMENT = '想了解更多的，加我微信私聊，代办各类证照价格优惠。';
const POST_REASON = '标题和内容对不上，像是复制别人的';
const COMMENT_REASON = '评论里有广告';
const HIDE_REASON = '内容与本村实际情况不符，请核实后重新发布';

/**
 * 举报处理 end to end: a new trainee of 下姜村 publishes a post, the demo trainee comments on it, and
 * the demo trainee2 reports both (the comment from the post page, on a phone). The trainer opens 举报处理 from the navigation — on a desktop, then on
 * a phone — hides the post with a reason (required) and dismisses the report of the comment. The post
 * then leaves search, and its author is told why through the bell.
 */
describe('sharing moderation (举报处理)', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let author: string;
  let reader: string;
  let postId: string;
  let postReport: ModerationReportDto;
  let commentReport: ModerationReportDto;
  let commentId: string;

  /** The open report of the post (null) or of a comment, as the trainer's queue has it. */
  const openReport = async (of: string | null) => {
    const queue = await call<ModerationReportDto[]>(await apiToken('trainer'), 'GET', '/sharing/moderation/reports');
    const found = queue.find((r) => r.postId === postId && r.commentId === of);
    if (!found) throw new Error(`no open report of ${of ? 'the comment' : 'the post'}`);
    return found;
  };

  const reportOf = (page: Page, report: ModerationReportDto) =>
    page.locator(`[data-testid=report][data-report="${report.id}"]`);
  const searchFor = async (token: string) =>
    (await call<PostFeedDto>(token, 'GET', `/sharing/search?q=${encodeURIComponent(WORD)}`)).items.map((p) => p.id);

  beforeAll(async () => {
    browser = await launch();
    const admin = await apiToken('zj-admin');
    author = await newTrainee(admin, `mod-${STAMP}`, '叶晓东', '330127111264');
    const post = await call<PostDto>(author, 'POST', '/sharing/posts', { title: TITLE, body: BODY, tags: [] });
    postId = post.id;
    await call<PostDto>(author, 'POST', `/sharing/posts/${postId}/publish`);

    const commenter = await apiToken('trainee');
    const comments = await call<PostCommentDto[]>(commenter, 'POST', `/sharing/posts/${postId}/comments`, {
      body: COMMENT,
      parentId: null,
    });
    const comment = comments.find((c) => c.body === COMMENT);
    if (!comment) throw new Error('the comment was not added');

    commentId = comment.id;

    reader = await apiToken('trainee2');
    await call(reader, 'POST', '/sharing/reports', { postId, reason: POST_REASON });
    postReport = await openReport(null);
    // before it is hidden, the post is found by its word
    expect(await searchFor(reader)).toContain(postId);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    const found = seen.flatMap((p) => realProblems(p));
    seen.length = 0;
    expect(found).toEqual([]);
  });

  it('lets a reader report a comment from the post page on a phone', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'trainee2');
    await page.goto(`${BASE_URL}/share/posts/${postId}`);
    const comment = page.locator(`[data-testid=comment][data-comment="${commentId}"]`);
    await comment.getByTestId('comment-report').tap();
    const dialog = page.getByTestId('report-dialog');
    await dialog.waitFor();
    // a reason is required
    await page.getByTestId('report-confirm').tap();
    await expectTextContaining(dialog, '请填写举报原因');
    await page.getByTestId('report-reason').fill(COMMENT_REASON);
    await screenshot(page, 'sharing-report-phone');
    await page.getByTestId('report-confirm').tap();
    await page.locator('.ant-message').getByText('已举报').waitFor();
    await dialog.waitFor({ state: 'detached' });
    commentReport = await openReport(commentId);
    expect(commentReport.reason).toBe(COMMENT_REASON);
    expect(commentReport.reporterName).toBe('宋春燕');
    await context.close();
  });

  it('shows the trainer both reports from the navigation on a desktop', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'trainer');
    await page.getByTestId('nav-moderation').click();
    await page.waitForURL((url) => url.pathname === '/share/moderation');
    const post = reportOf(page, postReport);
    await expectTextContaining(post.getByTestId('report-kind'), '举报经验');
    await expectTextContaining(post.getByTestId('report-post'), TITLE);
    await expectTextContaining(post.getByTestId('report-content'), '村道保洁按户承包');
    await expectTextContaining(post.getByTestId('report-reason'), POST_REASON);
    await expectTextContaining(post, ['叶晓东 · 下姜村', '宋春燕 举报']);
    const comment = reportOf(page, commentReport);
    await expectTextContaining(comment.getByTestId('report-kind'), '举报评论');
    await expectTextContaining(comment.getByTestId('report-content'), COMMENT);
    await expectTextContaining(comment.getByTestId('report-reason'), COMMENT_REASON);
    await expectTextContaining(comment, '姜海峰 · 下姜村书记');
    await post.scrollIntoViewIfNeeded();
    await screenshot(page, 'sharing-moderation');
    await context.close();
  });

  it('has the trainer dismiss the comment’s report and hide the post with a reason on a phone', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'trainer');
    await page.getByTestId('nav-toggle').tap();
    await page.getByTestId('nav-moderation').tap();
    await page.waitForURL((url) => url.pathname === '/share/moderation');
    const post = reportOf(page, postReport);
    await expectTextContaining(post.getByTestId('report-reason'), POST_REASON);
    await post.scrollIntoViewIfNeeded();
    await screenshot(page, 'sharing-moderation-phone');

    // 驳回举报 asks first; the comment stays as it is
    const comment = reportOf(page, commentReport);
    await comment.getByTestId('report-dismiss').tap();
    await page.locator('.ant-popover').getByText('驳回这条举报？').waitFor();
    await page.locator('.ant-popover').getByRole('button', { name: '驳回' }).tap();
    await comment.waitFor({ state: 'detached' });
    await page.locator('.ant-message').getByText('举报已驳回').waitFor();
    // 隐藏 asks for the reason told to the author, and sends nothing without one
    await post.getByTestId('report-hide').tap();
    await post.getByTestId('hide-confirm').tap();
    await expectTextContaining(post.getByTestId('hide-form'), '请填写隐藏的原因');
    await post.getByTestId('hide-reason').fill(HIDE_REASON);
    await post.getByTestId('hide-form').scrollIntoViewIfNeeded();
    await screenshot(page, 'sharing-moderation-hide-phone');
    await post.getByTestId('hide-confirm').tap();
    await post.waitFor({ state: 'detached' });
    await page.locator('.ant-message').getByText('经验已隐藏，已通知作者').waitFor();

    await expectCount(page.locator(`[data-testid=report][data-report="${postReport.id}"]`), 0);
    await screenshot(page, 'sharing-moderation-done-phone');
    await context.close();
  });

  it('takes the hidden post out of search, keeps the comment, and tells the author why', async () => {
    const queue = await call<ModerationReportDto[]>(await apiToken('trainer'), 'GET', '/sharing/moderation/reports');
    expect(queue.map((r) => r.id)).not.toContain(postReport.id);
    expect(queue.map((r) => r.id)).not.toContain(commentReport.id);

    expect(await searchFor(reader)).not.toContain(postId);
    const missing = await fetch(`${BASE_URL}/api/sharing/posts/${postId}`, {
      headers: { Authorization: `Bearer ${reader}` },
    });
    expect(missing.status).toBe(404);

    const told = await call<NotificationPage>(author, 'GET', '/notifications');
    const notice = told.items.find((n) => n.kind === 'sharing' && n.title.includes(TITLE) && n.title.includes('隐藏'));
    expect(notice?.title).toBe(`您的分享“${TITLE}”已被隐藏`);
    expect(notice?.body).toContain(HIDE_REASON);

    // the author still reads the post, and why it was hidden
    const own = await call<PostDto>(author, 'GET', `/sharing/posts/${postId}`);
    expect(own.hiddenReason).toBe(HIDE_REASON);
  });
});
