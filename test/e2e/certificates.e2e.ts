import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import type { CohortCertificateDto, CohortSummaryDto, CohortTraineeDto, Page as Paged } from '@lingyan/contracts';
import { apiToken, call } from './support/api';
import { BASE_URL, DESKTOP, PHONE, launch, newPage, realProblems, screenshot, signIn } from './support/browser';
import { expectAttribute, expectCount, expectText } from './support/expect-page';

/**
 * Certificates (结业证书): a cadre of the demo cohort who completed it collects their certificate and
 * downloads the PDF; anyone, signed out, opens `/verify/<code>` on a phone and sees it confirmed; the
 * province administrator issues the cohort's certificates and revokes this one, and the page then
 * says it was revoked, and why. An unknown code is said to be unknown.
 *
 * The cadre is one of the demo crowd who completed the demo cohort and has no certificate yet (found
 * through the API), so the demo trainees' own state is left as the seed made it.
 */

const DEMO_COHORT = '2026年度村干部全员轮训（第一期）';
const REASON = '经核查，培训期间存在代学行为';

/** The demo cohort, and a cadre of it who completed it and holds no certificate of it yet. */
async function findCadre(): Promise<{ cohortId: string; cadre: CohortTraineeDto }> {
  const admin = await apiToken('zj-admin');
  const cohorts = await call<Paged<CohortSummaryDto>>(admin, 'GET', `/cohorts?q=${encodeURIComponent(DEMO_COHORT)}`);
  const cohort = cohorts.items.find((c) => c.name === DEMO_COHORT);
  if (!cohort) throw new Error('the demo cohort is missing');
  const completed = await call<Paged<CohortTraineeDto>>(
    admin,
    'GET',
    `/cohorts/${cohort.id}/trainees?status=completed&limit=50&sort=name`,
  );
  for (const trainee of completed.items.filter((t) => t.username.startsWith('demo-'))) {
    const held = await call<Paged<CohortCertificateDto>>(
      admin,
      'GET',
      `/cohorts/${cohort.id}/certificates?q=${encodeURIComponent(trainee.username)}`,
    );
    if (held.total === 0) return { cohortId: cohort.id, cadre: trainee };
  }
  throw new Error('no completed demo cadre without a certificate');
}

async function verifyResult(page: Page, code: string) {
  await page.goto(`${BASE_URL}/verify/${code}`);
  const result = page.getByTestId('verify-result');
  await result.waitFor();
  return result;
}

describe('certificates', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('are downloaded by the trainee, confirmed by the public page, and revoked by an administrator', async () => {
    const { cohortId, cadre } = await findCadre();

    // The trainee collects the certificate from "我的证书" and downloads the PDF.
    const trainee = await newPage(browser, DESKTOP);
    await signIn(trainee.page, cadre.username);
    await trainee.page.waitForURL((url) => url.pathname === '/learn');
    await trainee.page.getByTestId('certificates-link').click();
    await trainee.page.getByTestId('page-title').filter({ hasText: '我的证书' }).waitFor();
    const claimable = trainee.page.getByTestId('claimable').first();
    await claimable.getByText(DEMO_COHORT).waitFor();
    await claimable.getByTestId('claim-certificate').click();
    const card = trainee.page.getByTestId('certificate').first();
    await card.getByTestId('certificate-status').filter({ hasText: '有效' }).waitFor();
    const code = await card.getByTestId('certificate-code').getAttribute('data-code');
    const serial = (await card.getByTestId('certificate-serial').innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(serial).toMatch(/^LY-\d{4}-\d{6,}$/);
    await screenshot(trainee.page, 'certificates-mine');

    const [download] = await Promise.all([
      trainee.page.waitForEvent('download'),
      card.getByTestId('download-certificate').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`结业证书-${serial}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FontFile2');
    expect(pdf.length).toBeLessThan(1_000_000);
    expect(realProblems(trainee.problems)).toEqual([]);
    await trainee.context.close();

    // Anyone, signed out, on a phone: the QR code's page confirms it, with the name masked.
    const visitor = await newPage(browser, PHONE);
    const valid = await verifyResult(visitor.page, code as string);
    await expectAttribute(valid, 'data-status', 'valid');
    await visitor.page.getByTestId('verify-headline').filter({ hasText: '证书有效' }).waitFor();
    const holder = (await visitor.page.getByTestId('verify-holder').innerText()).trim();
    expect(holder).toContain('*');
    expect(holder).not.toBe(cadre.name);
    expect(holder[0]).toBe(cadre.name[0]);
    await expectText(visitor.page.getByTestId('verify-serial'), serial);
    await visitor.page.getByTestId('verify-program').waitFor();
    await screenshot(visitor.page, 'certificate-verify-valid');

    // The province administrator issues the cohort's certificates, then revokes this one.
    const admin = await newPage(browser, DESKTOP);
    await signIn(admin.page, 'zj-admin');
    await admin.page.waitForURL((url) => url.pathname === '/admin');
    await admin.page.goto(`${BASE_URL}/admin/cohorts/${cohortId}`);
    await admin.page.getByTestId('cohort-certificates-link').click();
    await admin.page.getByTestId('page-title').filter({ hasText: '结业证书' }).waitFor();
    await admin.page.getByTestId('issue-certificates').click();
    await admin.page.locator('.ant-popover').getByRole('button', { name: '确定' }).click();
    await admin.page
      .locator('.ant-message')
      .getByText(/新颁发 \d+ 份；已有证书 \d+ 人/)
      .waitFor();

    await admin.page.getByTestId('certificate-search').fill(serial);
    const row = admin.page.locator(`[data-testid=certificate-row][data-serial="${serial}"]`);
    // The search (by serial) narrows the list to this one certificate.
    await admin.page.getByTestId('certificate-total').filter({ hasText: '共 1 份' }).waitFor();
    await row.waitFor();
    await expectCount(admin.page.getByTestId('certificate-row'), 1);
    await screenshot(admin.page, 'certificates-cohort');
    await row.getByTestId('revoke-certificate').click();
    const dialog = admin.page.getByTestId('revoke-dialog');
    await dialog.getByTestId('revoke-reason').fill(REASON);
    await admin.page.locator('.ant-modal-footer').getByRole('button', { name: '确认撤销' }).click();
    await admin.page.locator('.ant-message').getByText('证书已撤销', { exact: true }).waitFor();
    await row.getByTestId('certificate-row-status').filter({ hasText: '已撤销' }).waitFor();
    await row.getByText(REASON).waitFor();
    expect(realProblems(admin.problems)).toEqual([]);
    await admin.context.close();

    // The page now says it was revoked, and why.
    const revoked = await verifyResult(visitor.page, code as string);
    await expectAttribute(revoked, 'data-status', 'revoked');
    await visitor.page
      .getByTestId('verify-headline')
      .filter({ hasText: `证书已撤销（原因：${REASON}）` })
      .waitFor();
    await screenshot(visitor.page, 'certificate-verify-revoked');

    // A code typed in by hand that no certificate has.
    await visitor.page.getByTestId('verify-input').fill('0000-0000-0000-0000-0000');
    await visitor.page.getByTestId('verify-submit').click();
    await visitor.page.waitForURL((url) => url.pathname === '/verify/00000000000000000000');
    await visitor.page.locator('[data-testid=verify-result][data-status=unknown]').waitFor();
    await visitor.page.getByTestId('verify-headline').filter({ hasText: '未找到该证书' }).waitFor();
    await expectCount(visitor.page.getByTestId('verify-facts'), 0);
    await screenshot(visitor.page, 'certificate-verify-unknown');
    expect(realProblems(visitor.problems)).toEqual([]);
    await visitor.context.close();
  });
});
