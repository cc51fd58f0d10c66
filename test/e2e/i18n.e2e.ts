import { Browser, Page } from 'playwright-core';
import { BASE_URL, DESKTOP, PHONE, headerUserName, launch, newPage, signIn } from './support/browser';
import { expectCount, expectRead, expectText, expectTextContaining } from './support/expect-page';

const documentLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

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
    await expectRead(() => documentLang(page), 'zh-CN', 'language of the document');
    await expectRead(() => page.title(), '领雁 · 村干部培训平台', 'title of the page');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectCount(page.getByText('Username', { exact: true }), 1);
    await expectRead(() => documentLang(page), 'en', 'language of the document');

    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('lingyan.lang'))).toBe('en');
    // the API's error codes are translated too
    await page.locator('#login-username').fill('trainee');
    await page.locator('#login-password').fill('Wrong-password-1');
    await page.locator('form button[type=submit]').click();
    await expectTextContaining(page.getByTestId('login-error'), 'Wrong username or password.');
    await context.close();
  });

  it('switches the app from the header (pages, ng-zorro texts) and keeps it after a reload', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, 'chunan-admin');
    await page.getByTestId('page-title').filter({ hasText: '管理后台' }).waitFor();

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('page-title').filter({ hasText: 'Administration' }).waitFor();
    await expectTextContaining(page.locator('[data-testid=nav]:visible'), 'Users');
    await expectText(headerUserName(page), '方志远');

    await page.goto(`${BASE_URL}/admin/users`);
    await page.getByTestId('page-title').filter({ hasText: 'Users' }).waitFor();
    await page.getByTestId('user-row').first().waitFor();
    // ng-zorro's own texts follow (the page-size changer of the table)
    await page.locator('.ant-pagination-options').getByText('20 / page').waitFor();
    await expectTextContaining(page.locator('thead'), 'Region');

    await page.reload();
    await page.getByTestId('page-title').filter({ hasText: 'Users' }).waitFor();
    await expectRead(() => page.title(), 'Lingyan · Village Leader Training', 'title of the page');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('page-title').filter({ hasText: '用户管理' }).waitFor();
    await page.locator('.ant-pagination-options').getByText('20 条/页').waitFor();
    await page.reload();
    await page.getByTestId('page-title').filter({ hasText: '用户管理' }).waitFor();
    await expectRead(() => documentLang(page), 'zh-CN', 'language of the document');
    await context.close();
  });
});
