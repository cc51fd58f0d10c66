import { Browser } from 'playwright-core';
import { BASE_URL, DESKTOP, PHONE, headerUserName, launch, newPage, signIn } from './support/browser';

describe('language switch', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches the login page to English and remembers it after a reload', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect(page.title()).resolves.toBe('领雁 · 村干部培训平台');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect(page.getByText('Username', { exact: true }).count()).resolves.toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('lingyan.lang'))).toBe('en');
    // the API's error codes are translated too
    await page.locator('#login-username').fill('trainee');
    await page.locator('#login-password').fill('Wrong-password-1');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('Wrong username or password.');
    await context.close();
  });

  it('switches the app from the header (pages, ng-zorro texts) and keeps it after a reload', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, 'chunan-admin');
    await page.getByTestId('page-title').filter({ hasText: '管理后台' }).waitFor();

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('page-title').filter({ hasText: 'Administration' }).waitFor();
    await expect(page.locator('[data-testid=nav]:visible').innerText()).resolves.toContain('Users');
    await expect(headerUserName(page).innerText()).resolves.toBe('方志远');

    await page.goto(`${BASE_URL}/admin/users`);
    await page.getByTestId('page-title').filter({ hasText: 'Users' }).waitFor();
    await page.getByTestId('user-row').first().waitFor();
    // ng-zorro's own texts follow (the page-size changer of the table)
    await page.locator('.ant-pagination-options').getByText('20 / page').waitFor();
    await expect(page.locator('thead').innerText()).resolves.toContain('Region');

    await page.reload();
    await page.getByTestId('page-title').filter({ hasText: 'Users' }).waitFor();
    await expect(page.title()).resolves.toBe('Lingyan · Village Leader Training');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('page-title').filter({ hasText: '用户管理' }).waitFor();
    await page.locator('.ant-pagination-options').getByText('20 条/页').waitFor();
    await page.reload();
    await page.getByTestId('page-title').filter({ hasText: '用户管理' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await context.close();
  });
});
