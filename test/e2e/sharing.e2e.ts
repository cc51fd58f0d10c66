import type { Browser } from 'playwright-core';
import type { AuthoredCourseDto, MyProgramDto, NotificationPage, PostDto } from '@lingyan/contracts';
import sharp from 'sharp';
import { apiToken, call } from './support/api';
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
import { expectCount, expectRead, expectText, expectTextContaining } from './support/expect-page';

/**
 * A keyword no other post has: four Han characters picked at random, so that a search for it finds
 * this run's post (runs against the same database leave their posts behind).
 */
function uniqueHan(): string {
  const pool = '枫栗桐柚榧杉桂榆槐樟柿梨桃杏梅柑橙荷菱藕莲菘芹苋葵荠蒿蓼蕨';
  return Array.from({ length: 4 }, () => pool[Math.floor(Math.random() * pool.length)]).join('');
}

/** A 2,400 × 1,600 photo (a JPEG of gradients and noise, about a megabyte), as a phone takes it. */
async function phonePhoto(): Promise<Buffer> {
  const width = 2400;
  const height = 1600;
  const pixels = Buffer.alloc(width * height * 3);
  let x = 2463534242;
  for (let i = 0; i < pixels.length; i += 3) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const p = i / 3;
    pixels[i] = (p % width) / 10 + (x & 0x1f);
    pixels[i + 1] = Math.floor(p / width) / 7 + ((x >>> 8) & 0x1f);
    pixels[i + 2] = 90 + ((x >>> 16) & 0x3f);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

const KEYWORD = uniqueHan();
const TITLE = `${KEYWORD}：白茶合作社保底加分红`;
const BODY = '我们村依托白茶产业，成立股份经济合作社，村民以茶园入股。\n\n每年保底分红，效益好时再按股二次分红。';
const COMMENT = '保底分红的钱从哪里来？我们村也想学。';

/**
 * 书记讲给书记听 end to end: the demo trainee writes a post with a photo on a phone, linked to a
 * course of their program; trainee2 finds it by a Chinese keyword, comments and marks it useful; the
 * trainer features it on the course's page and turns it into a case module of a draft course; the
 * author sees the notifications and the post on top of the course page.
 */
describe('experience sharing (书记讲给书记听)', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let course: { id: string; title: string };
  let caseCourse: AuthoredCourseDto;
  let postId: string;

  beforeAll(async () => {
    browser = await launch();
    const programs = await call<MyProgramDto[]>(await apiToken('trainee'), 'GET', '/learning/programs');
    const first = programs.flatMap((p) => p.courses)[0];
    course = { id: first.id, title: first.title };
    caseCourse = await call<AuthoredCourseDto>(await apiToken('trainer'), 'POST', '/curriculum/courses', {
      title: `白茶产业案例选编 ${KEYWORD}`,
      summary: '从书记们的经验分享中精选的产业发展案例。',
      category: 'industry',
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

  it('lets the demo trainee write a post with a photo on a phone', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'trainee');
    await page.goto(`${BASE_URL}/share`);
    await page.getByTestId('write-post').click();
    await page.waitForURL((url) => url.pathname === '/share/write');

    await page.getByTestId('editor-title').fill(TITLE);
    await page.getByTestId('editor-body').fill(BODY);
    // the first change made a draft; it keeps saving itself
    await page.waitForURL((url) => /^\/share\/posts\/[0-9a-f-]{36}\/edit$/.test(url.pathname));
    await page.getByTestId('editor-tag-suggestions').getByText('产业发展').click();
    await page.getByTestId('editor-course').click();
    await page
      .locator('.ant-select-dropdown .ant-select-item-option')
      .filter({ hasText: course.title })
      .first()
      .click();
    // and the module it grew from
    await page.getByTestId('editor-module').click();
    const moduleOption = page
      .locator('.ant-select-dropdown .ant-select-item-option')
      .filter({ hasText: /1\. / })
      .first();
    const moduleLabel = (await moduleOption.innerText()).trim();
    await moduleOption.click();

    // a photo straight from the camera: uploaded with progress, shrunk by the server, put in the body
    const photo = await phonePhoto();
    await page.getByTestId('editor-body').click();
    await page.getByTestId('editor-body').press('End');
    await page
      .getByTestId('editor-photo-file')
      .setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    const inBody = /!\[照片\]\(\/api\/media\/[0-9a-f-]{36}\)/;
    await expectRead(
      async () => inBody.test(await page.getByTestId('editor-body').inputValue()),
      true,
      'photo in the body',
      { timeout: 30_000 },
    );
    const body = await page.getByTestId('editor-body').inputValue();
    expect(body.startsWith(BODY)).toBe(true);
    // the draft on the server has it (autosaved)
    const draftId = new URL(page.url()).pathname.split('/')[3];
    const token = await apiToken('trainee');
    await expectRead(
      async () => inBody.test((await call<PostDto>(token, 'GET', `/sharing/posts/${draftId}`)).body ?? ''),
      true,
      'photo in the saved draft',
      { timeout: 15_000 },
    );
    await page.getByTestId('editor-preview-tab').click();
    await expectRead(
      () => page.locator('[data-testid=editor-preview] img').evaluate((img: HTMLImageElement) => img.naturalWidth),
      1280,
      'width of the photo in the preview',
    );
    await screenshot(page, 'sharing-editor-photo');

    await page.getByTestId('editor-publish').click();
    await page.waitForURL((url) => /^\/share\/posts\/[0-9a-f-]{36}$/.test(url.pathname));
    postId = page.url().split('/').pop() as string;
    await expectText(page.getByTestId('post-title'), TITLE);
    await expectTextContaining(page.getByTestId('post-author'), '下姜村');
    await expectTextContaining(page.getByTestId('post-course'), course.title);
    await expectTextContaining(page.getByTestId('post-module'), moduleLabel.replace(/^\d+\. /, ''));
    const shown = page.getByTestId('post-body').locator('img');
    await expectRead(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth), 1280, 'width of the photo');
    expect(photo.length).toBeGreaterThan(500_000);
    await screenshot(page, 'sharing-post-author');
    await context.close();
  });

  it('lets the other trainee find it by a Chinese keyword, comment and mark it useful', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'trainee2');
    // from the menu, as on a phone
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-share').click();
    await page.waitForURL((url) => url.pathname === '/share');
    await page.getByTestId('feed-search').fill(KEYWORD);
    await page.getByTestId('feed-search').press('Enter');
    const card = page.locator(`[data-testid=post-card][data-post="${postId}"]`);
    await expectTextContaining(card, TITLE);
    await screenshot(page, 'sharing-search');
    await card.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === `/share/posts/${postId}`);

    await page.getByTestId('comment-input').fill(COMMENT);
    await page.getByTestId('comment-send').click();
    await expectTextContaining(page.getByTestId('comment').first(), COMMENT);
    await page.getByTestId('useful-toggle').click();
    await expectText(page.getByTestId('useful-count'), '1');
    // what the server keeps, not only what the page shows
    const token = await apiToken('trainee2');
    await expectRead(
      async () => {
        const post = await call<PostDto>(token, 'GET', `/sharing/posts/${postId}`);
        return [post.usefulCount, post.markedUseful, post.commentCount];
      },
      [1, true, 1],
      'post as trainee2 reads it',
    );
    await screenshot(page, 'sharing-post-reader');
    await context.close();
  });

  it('lets the trainer feature it on the course page and turn it into a case module', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'trainer');
    await page.goto(`${BASE_URL}/share/posts/${postId}`);
    await expectText(page.getByTestId('post-title'), TITLE);
    await page.getByTestId('post-feature').click();
    await expectTextContaining(page.getByTestId('post-featured'), '精选');

    await page.getByTestId('post-case').click();
    await page.getByTestId('case-course').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: caseCourse.title }).click();
    await page.getByTestId('case-confirm').click();
    await expectTextContaining(page.getByTestId('case-made'), caseCourse.title);
    await screenshot(page, 'sharing-post-trainer');

    const trainer = await apiToken('trainer');
    const authored = await call<AuthoredCourseDto>(trainer, 'GET', `/curriculum/courses/${caseCourse.id}`);
    const made = authored.modules.find((m) => m.title === `案例：${TITLE}`);
    expect(made).toBeDefined();
    // the case credits the author and links back to the post
    await page.getByTestId('case-open').click();
    await page.waitForURL((url) => url.pathname === `/teach/courses/${caseCourse.id}`);
    await expectTextContaining(page.locator('body'), `案例：${TITLE}`);
    await context.close();
  });

  it('tells the author, and shows the post on top of the course page', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'trainee');
    await page.goto(`${BASE_URL}/notifications`);
    const list = page.getByTestId('notifications-list');
    await expectTextContaining(list, '被选为课程案例');
    await expectTextContaining(list, `“${TITLE}”被精选到课程页`);
    await expectTextContaining(list, `觉得“${TITLE}”有用`);
    await expectTextContaining(list, `评论了“${TITLE}”`);
    await screenshot(page, 'sharing-notifications');

    const told = await call<NotificationPage>(await apiToken('trainee'), 'GET', '/notifications');
    const about = told.items.filter((n) => n.link === `/share/posts/${postId}`);
    expect(about.map((n) => n.kind)).toEqual(['sharing', 'sharing', 'sharing', 'sharing']);

    await page.goto(`${BASE_URL}/learn/courses/${course.id}`);
    const featured = page.getByTestId('course-featured').locator(`[data-testid=featured-post][data-post="${postId}"]`);
    await expectTextContaining(featured, TITLE);
    await expectCount(featured, 1);
    await screenshot(page, 'sharing-course-featured');
    await context.close();
  });
});
