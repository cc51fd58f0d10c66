import { Browser, Page } from 'playwright-core';
import { BASE_URL, DESKTOP, PHONE, launch, newPage, realProblems, signInAs, uniqueSuffix } from './support/browser';
import { expectText, expectTextContaining } from './support/expect-page';

const rows = (page: Page) => page.getByTestId('user-row');

/** Waits until the visible rows are exactly these names (in any order). */
async function expectRows(page: Page, names: string[]): Promise<void> {
  const wanted = [...names].sort().join(',');
  await page.waitForFunction(
    (expected) => {
      const found = [...document.querySelectorAll('[data-testid=user-row]')]
        .map((row) => row.querySelector('a')?.textContent?.trim() ?? '')
        .sort()
        .join(',');
      return found === expected;
    },
    wanted,
    { timeout: 15_000 },
  );
}

/** Waits until the visible rows include all of `include` and none of `exclude` (other tests may add users). */
async function expectRowsWith(page: Page, include: string[], exclude: string[] = []): Promise<void> {
  await page.waitForFunction(
    ([wanted, unwanted]) => {
      const found = new Set(
        [...document.querySelectorAll('[data-testid=user-row]')].map(
          (row) => row.querySelector('a')?.textContent?.trim() ?? '',
        ),
      );
      return wanted.every((name) => found.has(name)) && unwanted.every((name) => !found.has(name));
    },
    [include, exclude] as const,
    { timeout: 15_000 },
  );
}

const CHUNAN = ['姜海峰', '方志远', '李卫东'];

async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: label }).first().click();
}

async function pickRegionBySearch(page: Page, pickerTestId: string, query: string, name: string): Promise<void> {
  await page.getByTestId(pickerTestId).getByTestId('region-search').click();
  const input = page.getByTestId('region-search-input');
  await input.fill(query);
  await page.getByTestId('region-hits').locator('button').filter({ hasText: name }).first().click();
  await page.getByTestId(pickerTestId).getByText(name).waitFor();
}

describe('user administration (chunan-admin)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the user list on a reloaded deep link', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'chunan-admin');
    await page.goto(`${BASE_URL}/admin/users`);
    await rows(page).filter({ hasText: '姜海峰' }).waitFor();
    await page.reload();
    await page.getByTestId('page-title').filter({ hasText: '用户管理' }).waitFor();
    await rows(page).filter({ hasText: '姜海峰' }).waitFor();
    // scoped to 淳安县: the Anji and province accounts are not listed
    await expectRowsWith(page, CHUNAN, ['宋春燕', '钱立群', '周建华']);
    await expectText(page.getByTestId('users-total'), /^共 \d+ 个账号$/);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('filters by role, search text, status and region', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signInAs(page, 'chunan-admin');
    await page.goto(`${BASE_URL}/admin/users`);
    await expectRowsWith(page, CHUNAN);

    await chooseOption(page, 'filter-role', '导师');
    await expectRows(page, ['李卫东']);
    expect(new URL(page.url()).searchParams.get('role')).toBe('mentor');
    await page.getByTestId('filter-role').locator('.ant-select-clear').click();
    await expectRowsWith(page, CHUNAN);

    await page.getByTestId('user-search').fill('姜海');
    await expectRows(page, ['姜海峰']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('姜海');
    await page.getByTestId('user-search').fill('');
    await expectRowsWith(page, CHUNAN);

    await chooseOption(page, 'filter-status', '已停用');
    await page.getByTestId('users-empty').getByText('没有符合条件的账号').waitFor();
    await page.getByText('清除筛选').click();
    await expectRowsWith(page, CHUNAN);

    await pickRegionBySearch(page, 'filter-region', '下姜', '下姜村');
    await expectRowsWith(page, ['姜海峰'], ['方志远', '李卫东']);
    expect(new URL(page.url()).searchParams.get('regionCode')).toBe('330127111264');
    await context.close();
  });

  it('picks a region in the lazily loaded tree', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signInAs(page, 'chunan-admin');
    await page.goto(`${BASE_URL}/admin/users`);
    await rows(page).first().waitFor();
    await page.getByTestId('filter-region').locator('nz-tree-select').click();
    const dropdown = page.locator('.ant-select-tree');
    // rooted at the admin's own county, its townships loaded
    await dropdown.getByText('淳安县', { exact: true }).waitFor();
    const township = dropdown
      .locator('nz-tree-node-title, .ant-select-tree-node-content-wrapper')
      .filter({ hasText: '枫树岭镇' });
    await township.first().waitFor();
    // expand the township: its villages are fetched on demand
    await dropdown
      .locator('.ant-select-tree-treenode')
      .filter({ hasText: '枫树岭镇' })
      .locator('.ant-select-tree-switcher')
      .click();
    await dropdown.getByText('下姜村', { exact: true }).click();
    await page.getByTestId('filter-region').getByText('淳安县 / 枫树岭镇 / 下姜村').waitFor();
    await expectRowsWith(page, ['姜海峰'], ['方志远', '李卫东']);
    await context.close();
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)(
    'creates a user on %s after a password the rules reject, and finds them in the list',
    async (_label, viewport) => {
      const { context, page, problems } = await newPage(browser, viewport);
      await signInAs(page, 'chunan-admin');
      await page.goto(`${BASE_URL}/admin/users`);
      await page.getByTestId('create-user').click();
      await page.waitForURL((url) => url.pathname === '/admin/users/new');
      await page.getByTestId('page-title').filter({ hasText: '新建用户' }).waitFor();

      const suffix = uniqueSuffix();
      const username = `e2e-${suffix}`;
      const name = `测试${suffix.slice(-4)}`;
      await page.locator('#f-username').fill(username);
      await page.locator('#f-name').fill(name);
      await page.locator('#f-password').fill('lingyan2026');
      await page.locator('#f-phone').fill('13900001234');
      await page.locator('#f-name').click();
      // the shared rule of @lingyan/domain, shown next to the field
      await page.getByText('密码需包含大写字母、小写字母、数字、符号中的至少三类').waitFor();

      await page.locator('#f-password').fill('Lingyan@2027');
      await page.getByText('密码需包含大写字母、小写字母、数字、符号中的至少三类').waitFor({ state: 'detached' });
      await chooseOption(page, 'f-position', '后备干部');
      await pickRegionBySearch(page, 'f-region', '下姜', '下姜村');
      await page.getByTestId('submit').click();

      await page.waitForURL((url) => url.pathname === '/admin/users' && url.searchParams.get('q') === username);
      await page.getByText(`已创建用户“${name}”`).waitFor();
      const row = rows(page).filter({ hasText: name });
      await row.waitFor();
      await expectTextContaining(row, [username, '学员', '后备干部', '下姜村']);

      // the same username again: 409 USERNAME_TAKEN shown on the form
      await page.goto(`${BASE_URL}/admin/users/new`);
      await page.locator('#f-username').fill(username);
      await page.locator('#f-name').fill(name);
      await page.locator('#f-password').fill('Lingyan@2027');
      await pickRegionBySearch(page, 'f-region', '下姜', '下姜村');
      await page.getByTestId('submit').click();
      await expectTextContaining(page.getByTestId('form-error'), '该用户名已被使用');
      expect(new URL(page.url()).pathname).toBe('/admin/users/new');

      expect(realProblems(problems, [409])).toEqual([]);
      await context.close();
    },
  );

  it('deactivates and reactivates a user after confirming, and refuses to deactivate oneself', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signInAs(page, 'chunan-admin');
    await page.goto(`${BASE_URL}/admin/users?q=mentor`);
    const row = rows(page).filter({ hasText: '李卫东' });
    await row.waitFor();

    await row.getByTestId('deactivate').click();
    await page.locator('.ant-popover').getByText('确定停用“李卫东”吗？停用后该账号将无法登录。').waitFor();
    await page.locator('.ant-popover').getByRole('button', { name: '确定' }).click();
    await page.getByText('已停用“李卫东”').waitFor();
    await row.getByText('已停用').waitFor();

    await row.getByTestId('reactivate').click();
    await page.locator('.ant-popover').getByRole('button', { name: '确定' }).click();
    await page.getByText('已启用“李卫东”').waitFor();
    await row.getByText('在用').waitFor();

    await page.goto(`${BASE_URL}/admin/users?q=chunan-admin`);
    const self = rows(page).filter({ hasText: '方志远' });
    await self.waitFor();
    await self.getByTestId('deactivate').click();
    await page.locator('.ant-popover').getByRole('button', { name: '确定' }).click();
    await page.getByText('不能停用自己的账号，也不能取消自己的管理员角色。').waitFor();
    await self.getByText('在用').waitFor();
    await context.close();
  });

  it('reaches courses and programs from the admin menu without being a trainer', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'zj-admin');
    await page.getByTestId('nav-programs').click();
    await page.waitForURL((url) => url.pathname === '/teach/programs');
    await page.getByText('2026年度村社书记全员轮训').first().waitFor();
    await page.getByTestId('nav-courses').click();
    await page.waitForURL((url) => url.pathname === '/teach');
    await page.getByText('网格智治与矛盾纠纷化解').first().waitFor();
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});
