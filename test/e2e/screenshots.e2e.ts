import { Browser } from 'playwright-core';
import { BASE_URL, DESKTOP, PHONE, launch, newPage, realProblems, screenshot, signInAs } from './support/browser';

/**
 * Screenshots of every main page at 360×740 and 1280×800 into test/e2e/screenshots/ (git-ignored),
 * each taken after asserting that the page shows its real content.
 */
describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('screenshots on %s', (label, viewport) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('login page', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(page, 'login');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it.each([
    ['trainee', 'home-learn'],
    ['trainer', 'home-teach'],
    ['mentor', 'home-mentor'],
  ])('home of %s', async (username, name) => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, username);
    await page.getByText('即将上线').first().waitFor();
    await screenshot(page, name);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('admin home, user list, user form, profile and navigation', async () => {
    const { context, page, problems } = await newPage(browser, viewport);
    await signInAs(page, 'chunan-admin');
    await page.getByTestId('admin-stats').getByText('账号总数').waitFor();
    await screenshot(page, 'home-admin');

    await page.goto(`${BASE_URL}/admin/users`);
    await page.getByTestId('user-row').filter({ hasText: '姜海峰' }).first().waitFor();
    await screenshot(page, 'user-list');

    await page.goto(`${BASE_URL}/admin/users/new`);
    await page.getByTestId('user-form').waitFor();
    await page.getByTestId('submit').click();
    await page.getByText('此项为必填项').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'user-form');

    await page.goto(`${BASE_URL}/admin/users?q=trainee`);
    await page
      .getByTestId('user-row')
      .filter({ hasText: '姜海峰' })
      .first()
      .getByRole('link', { name: '姜海峰' })
      .click();
    await page.locator('#f-name').waitFor();
    await page.getByTestId('f-region').getByText('下姜村').waitFor();
    await screenshot(page, 'user-form-edit');

    await page.goto(`${BASE_URL}/profile`);
    await page.getByTestId('profile').getByText('杭州市 / 淳安县').waitFor();
    await screenshot(page, 'profile');

    if (label === 'phone') {
      await page.getByTestId('nav-toggle').click();
      await page.locator('.ant-drawer').getByText('用户管理').waitFor();
      await screenshot(page, 'nav-drawer');
    }
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});
