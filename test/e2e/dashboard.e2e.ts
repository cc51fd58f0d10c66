import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { BASE_URL, DESKTOP, PHONE, launch, newPage, realProblems, screenshot, signInAs } from './support/browser';
import { expectAttribute, expectCount, expectRead, expectText, literally } from './support/expect-page';

/**
 * The completion dashboard (the administrators' home): the province administrator drills by click from
 * 浙江省 down to 下姜村 and finds the demo trainee; the 淳安县 administrator starts at 淳安县 and cannot
 * climb above it.
 */

/** The seeded demo cohort (other tests may add newer cohorts, so it is chosen by name). */
const DEMO_COHORT = '2026年度村干部全员轮训';
const PATH = ['浙江省', '杭州市', '淳安县', '枫树岭镇', '下姜村'];

const current = (page: Page) => page.getByTestId('crumb-current');
const crumbLinks = (page: Page) => page.getByTestId('crumb-link');
/** The name link of a child region in the region table. */
const regionLink = (page: Page, name: string) =>
  page
    .getByTestId('region-row')
    .locator('a')
    .filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) });

async function chooseDemoCohort(page: Page): Promise<void> {
  const select = page.getByTestId('cohort-select');
  await select.waitFor();
  if (!(await select.innerText()).includes(DEMO_COHORT)) {
    await select.click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: DEMO_COHORT }).first().click();
  }
  await select.filter({ hasText: DEMO_COHORT }).waitFor();
}

/** Waits until the region shown is `name` and its figures are loaded (not the previous level's). */
async function expectAt(page: Page, name: string): Promise<void> {
  await current(page).filter({ hasText: name }).waitFor();
  await page.locator('[data-testid=dashboard][aria-busy=false]').waitFor();
}

async function crumbNames(page: Page): Promise<string[]> {
  const links = (await crumbLinks(page).allInnerTexts()).map((t) => t.trim());
  return [...links, (await current(page).innerText()).trim()];
}

/** The charts are drawn (ECharts is loaded on demand) and described for screen readers. */
async function expectCharts(page: Page, childName: string): Promise<void> {
  const chart = page.getByTestId('region-chart');
  await chart.locator('canvas').waitFor();
  await expectAttribute(chart, 'aria-label', literally(childName));
  await expectAttribute(chart, 'role', 'img');
}

describe('completion dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the province admin drill from 浙江省 down to 下姜村 and find the demo trainee', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'zj-admin');
    await chooseDemoCohort(page);
    await expectAt(page, '浙江省');
    // the choice is in the URL, so the page can be shared and reloaded
    expect(new URL(page.url()).searchParams.get('cohort')).toBeTruthy();

    const enrolled = Number((await page.getByTestId('stat-enrolled').locator('.value').innerText()).replace(/,/g, ''));
    expect(enrolled).toBeGreaterThan(0);
    await expectText(page.getByTestId('annual-requirement'), /每年须完成 [\d.]+ 学时/);
    await expectCharts(page, '杭州市');
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    await screenshot(page, 'dashboard-province');

    // the region table exports as the server names it (UTF-8 with BOM, so Excel shows the Chinese)
    await page.getByTestId('export-regions').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('杭州市');

    // down by click, one level at a time; each level's breadcrumb is the path so far
    for (let level = 1; level < PATH.length; level++) {
      await regionLink(page, PATH[level]).click();
      await expectAt(page, PATH[level]);
      await expectRead(() => crumbNames(page), PATH.slice(0, level + 1), 'breadcrumb');
      expect(new URL(page.url()).searchParams.get('region')).toBeTruthy();
      if (level === 2) await screenshot(page, 'dashboard-county');
    }

    // a village has no sub-regions: its trainees are listed instead
    const trainees = page.getByTestId('village-trainees');
    await trainees.getByText('姜海峰').first().waitFor();
    await expectCount(page.getByTestId('region-table'), 0);
    await screenshot(page, 'dashboard-village');

    // the back button climbs back up; a breadcrumb link jumps up several levels
    await page.goBack();
    await expectAt(page, '枫树岭镇');
    await crumbLinks(page).filter({ hasText: '杭州市' }).click();
    await expectAt(page, '杭州市');
    await expectRead(() => crumbNames(page), ['浙江省', '杭州市'], 'breadcrumb');

    // the trainee tab lists the whole region's trainees
    await page.getByRole('tab', { name: '学员名单' }).click();
    await page.getByTestId('tab-trainees').getByTestId('cohort-trainees').waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('trainees');

    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('starts the 淳安县 admin at 淳安县 and keeps them below it (phone)', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    await signInAs(page, 'chunan-admin');
    await chooseDemoCohort(page);
    await expectAt(page, '淳安县');
    await expectRead(() => crumbNames(page), ['淳安县'], 'breadcrumb');
    await expectCount(crumbLinks(page), 0);
    await page.getByTestId('dashboard-stats').getByText('完成率').waitFor();
    // only the province sets the annual requirement
    await expectCount(page.getByTestId('annual-edit'), 0);
    await expectCharts(page, '枫树岭镇');
    await screenshot(page, 'dashboard-chunan');

    await regionLink(page, '枫树岭镇').click();
    await expectAt(page, '枫树岭镇');
    await expectRead(() => crumbNames(page), ['淳安县', '枫树岭镇'], 'breadcrumb');
    await screenshot(page, 'dashboard-chunan-township');

    // a link to a region above their own (here 杭州市) shows no figures of it
    const cohort = new URL(page.url()).searchParams.get('cohort') ?? '';
    await page.goto(`${BASE_URL}/admin?cohort=${encodeURIComponent(cohort)}&region=3301`);
    await page.getByTestId('dashboard-error').waitFor();
    await expectCount(page.getByTestId('dashboard-stats'), 0);
    await page.getByTestId('dashboard-error').getByRole('button', { name: '回到最上级' }).click();
    await expectAt(page, '淳安县');

    expect(realProblems(problems, [403])).toEqual([]);
    await context.close();
  });
});
