import { Browser } from 'playwright-core';
import {
  ACCOUNTS,
  BASE_URL,
  DESKTOP,
  PHONE,
  headerUserName,
  launch,
  newPage,
  realProblems,
  signIn,
  signInAs,
} from './support/browser';
import { expectEventually, expectText, expectTextContaining } from './support/expect-page';

describe('signing in and out', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(ACCOUNTS.map((a) => [a.username, a.home, a.title, a.name] as const))(
    '%s lands on %s (%s) with their name in the header',
    async (username, home, title, name) => {
      const { context, page, problems } = await newPage(browser, DESKTOP);
      await signIn(page, username);
      await page.waitForURL((url) => url.pathname === home);
      await expectText(page.getByTestId('page-title'), title);
      await expectText(headerUserName(page), name);
      // the navigation offers the home of the user's role
      await expectEventually(
        () => page.locator('[data-testid=nav]:visible').getByText(title, { exact: true }).count(),
        (n) => n > 0,
        `number of navigation entries ${title}`,
        'more than 0',
      );
      expect(realProblems(problems)).toEqual([]);
      await context.close();
    },
  );

  it('rejects a wrong password with a translated message and stays on the login page', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, 'trainee', 'wrong-password-1A');
    await expectTextContaining(page.getByTestId('login-error'), '用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('sends a signed-out visitor to the login page with a return URL, and back there after signing in', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto(`${BASE_URL}/admin/users?role=trainee`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('returnUrl')).toBe('/admin/users?role=trainee');
    await page.locator('#login-username').fill('chunan-admin');
    await page.locator('#login-password').fill('Lingyan@2026');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    await expectText(page.getByTestId('page-title'), '用户管理');
    await context.close();
  });

  it('sends a user to their own home when they open another role’s area', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signInAs(page, 'trainee');
    await page.goto(`${BASE_URL}/admin/users`);
    await page.waitForURL((url) => url.pathname === '/learn');
    await expectText(page.getByTestId('page-title'), '我的学习');
    await context.close();
  });

  it('shows the profile with name, roles, region and position', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signInAs(page, 'trainee');
    await page.getByTestId('user-menu').click();
    await page.getByText('个人资料', { exact: true }).last().click();
    await page.waitForURL((url) => url.pathname === '/profile');
    const profile = page.getByTestId('profile');
    await profile.getByText('杭州市 / 淳安县 / 枫树岭镇 / 下姜村').waitFor();
    await expectTextContaining(profile, ['姜海峰', '学员', '书记']);
    await context.close();
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('signs out on %s and returns to the login page; the session is gone', async (_label, viewport) => {
    const { context, page } = await newPage(browser, viewport);
    await signInAs(page, 'mentor');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('#login-username').waitFor();
    // reloading a protected page does not sign the user back in
    await page.goto(`${BASE_URL}/mentor`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.evaluate(() => localStorage.getItem('lingyan.session'))).toBeNull();
    await context.close();
  });
});
