import { Browser, Page } from 'playwright-core';
import {
  BASE_URL,
  DESKTOP,
  PASSWORD,
  PHONE,
  launch,
  newPage,
  realProblems,
  screenshot,
  signInAs,
  uniqueSuffix,
} from './support/browser';
import { expectCount, expectRead, expectText, expectTextContaining } from './support/expect-page';

/**
 * The 淳安县 administrator imports cadres into the demo cohort: a file with one row outside their
 * region shows the row error in the preview; the fixed file imports, and the cohort counts the new
 * trainees.
 */

const DEMO_COHORT = '2026年度村干部全员轮训';
const HEADER = '姓名,手机号,用户名,村（社区）,职务';

/** Eight random digits after a 13x prefix: new phones on every run, so the test also works on a reused server. */
function phone(): string {
  return `13${Math.floor(Math.random() * 10)}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

function csv(rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  const text = [HEADER, ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
  return { name: '淳安县导入名单.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function enrolledCount(page: Page): Promise<number> {
  const text = await page.getByTestId('cohort-summary').getByTestId('cohort-enrolled').innerText();
  return Number(text.trim());
}

async function upload(page: Page, file: ReturnType<typeof csv>): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles(file);
  await page.getByTestId('import-file-name').filter({ hasText: file.name }).waitFor();
  await page.getByTestId('import-password').fill(PASSWORD);
  await page.getByTestId('import-upload').click();
  // the check runs in the background; the preview replaces its progress when the job is ready
  await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
}

const summary = (page: Page, id: string) => page.getByTestId('import-summary').getByTestId(id);

/**
 * Opens the import tab at its form. The tab reattaches to an import waiting for confirmation (left by
 * an earlier run on the same server): cancel that one first.
 */
async function openImportForm(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '批量导入' }).click();
  const form = page.getByTestId('import-upload');
  const pending = page.getByTestId('import-cancel');
  await form.or(pending).first().waitFor();
  if (await pending.isVisible()) await pending.click();
  await form.waitFor();
}

describe('cohort import (chunan-admin)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a row error in the preview, then imports the fixed file and counts the new trainees', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    await signInAs(page, 'chunan-admin');

    // the demo cohort, found through the cohort list
    await page.goto(`${BASE_URL}/admin/cohorts`);
    await page.getByTestId('page-title').filter({ hasText: '班次管理' }).waitFor();
    const row = page.getByTestId('cohort-row').filter({ hasText: DEMO_COHORT }).first();
    await row.waitFor();
    const listed = Number((await row.getByTestId('cohort-enrolled').innerText()).trim());
    await screenshot(page, 'cohort-list');
    await row.getByRole('link', { name: new RegExp(DEMO_COHORT) }).click();
    await page.getByTestId('page-title').filter({ hasText: DEMO_COHORT }).waitFor();
    await expectRead(() => enrolledCount(page), listed, 'trainees enrolled in the cohort’s header');
    const before = listed;
    expect(before).toBeGreaterThan(0);

    await openImportForm(page);

    // a tag of this run in the names, so that the trainee search finds exactly these three
    const tag = uniqueSuffix();
    const people = [
      { name: `导入甲${tag}`, phone: phone(), village: '330127111264', position: '书记' },
      { name: `导入乙${tag}`, phone: phone(), village: '淳安县枫树岭镇源塘村', position: '村委会委员' },
      // 黄杜村 lies in 安吉县: outside the 淳安县 administrator's region
      { name: `导入丙${tag}`, phone: phone(), village: '330523201202', position: '主任' },
    ];
    const rows = people.map((p) => [p.name, p.phone, '', p.village, p.position]);

    // 1. the file with the bad row: previewed, nothing written
    await upload(page, csv(rows));
    await expectText(summary(page, 'sum-rows'), '3');
    await expectText(summary(page, 'sum-valid'), '2');
    await expectText(summary(page, 'sum-errors'), '1');
    await expectText(summary(page, 'sum-new'), '2');
    const errorRow = page.getByTestId('import-error-row');
    await errorRow.first().waitFor();
    await expectCount(errorRow, 1);
    // the header is row 1: the third person is on row 4
    await expectText(errorRow.locator('td').first(), '4');
    await expectText(errorRow.getByTestId('import-error-message'), /不在您的管辖范围内/);
    await screenshot(page, 'cohort-import-preview');

    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-upload').waitFor();
    await expectRead(() => enrolledCount(page), before, 'trainees enrolled in the cohort’s header');

    // 2. the fixed file: a 淳安县 village instead
    people[2].village = '淳安县枫树岭镇铜山村';
    await upload(page, csv(people.map((p) => [p.name, p.phone, '', p.village, p.position])));
    await expectText(summary(page, 'sum-valid'), '3');
    await expectText(summary(page, 'sum-errors'), '0');
    await expectText(summary(page, 'sum-enrol'), '3');
    await expectTextContaining(page.getByTestId('sum-encoding'), 'UTF-8');
    await page.getByTestId('import-confirm').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').filter({ hasText: '开始导入' }).click();

    const progress = page.getByTestId('import-progress');
    await page.locator('[data-testid=import-progress][data-status=succeeded]').waitFor({ timeout: 60_000 });
    await expectText(progress.getByTestId('result-created').locator('strong'), '3');
    await expectText(progress.getByTestId('result-enrolled').locator('strong'), '3');
    await expectText(progress.getByTestId('result-skipped').locator('strong'), '0');
    await screenshot(page, 'cohort-import-done');

    // the header counts them…
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid=cohort-summary] [data-testid=cohort-enrolled]')?.textContent?.trim() ===
        String(expected),
      before + 3,
      { timeout: 15_000 },
    );
    // …and so do the trainee list and the cohort list
    await page.getByRole('tab', { name: '学员' }).click();
    await page.getByTestId('trainee-search').fill(tag);
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[data-testid=trainee-row] [data-testid=trainee-name]')]
          .map((el) => el.textContent?.trim())
          .sort()
          .join(',') === expected,
      people
        .map((p) => p.name)
        .sort()
        .join(','),
      { timeout: 15_000 },
    );
    await expectText(page.getByTestId('trainees-total'), '共 3 名学员');
    await screenshot(page, 'cohort-trainees-imported');

    await page.goto(`${BASE_URL}/admin/cohorts`);
    const after = page
      .getByTestId('cohort-row')
      .filter({ hasText: DEMO_COHORT })
      .first()
      .getByTestId('cohort-enrolled');
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[data-testid=cohort-row]')].some(
          (r) =>
            r.textContent?.includes('2026年度村干部全员轮训') &&
            r.querySelector('[data-testid=cohort-enrolled]')?.textContent?.trim() === String(expected),
        ),
      before + 3,
      { timeout: 15_000 },
    );
    await expectText(after, String(before + 3));

    // the cancelled preview and the failed upload attempts raised nothing unexpected
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('shows the import page and its preview usably on a phone', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    await signInAs(page, 'chunan-admin');
    await page.goto(`${BASE_URL}/admin/cohorts`);
    await page.getByTestId('cohort-row').filter({ hasText: DEMO_COHORT }).first().getByRole('link').click();
    await page.getByTestId('page-title').filter({ hasText: DEMO_COHORT }).waitFor();
    await openImportForm(page);
    await screenshot(page, 'cohort-import-form');

    await upload(
      page,
      csv([
        ['手机测试', phone(), '', '330127111264', '书记'],
        ['职务不对', phone(), '', '330127111264', '村长'],
      ]),
    );
    await expectText(page.getByTestId('import-error-message'), /职务无法识别/);
    await page.getByTestId('import-preview').scrollIntoViewIfNeeded();
    await screenshot(page, 'cohort-import-preview');
    // leaving nothing behind for other tests
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-upload').waitFor();
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});
