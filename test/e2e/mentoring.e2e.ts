import type { Browser } from 'playwright-core';
import type { MentoringOversightDto } from '@lingyan/contracts';
import { apiToken, call } from './support/api';
import {
  DESKTOP,
  PHONE,
  launch,
  newPage,
  realProblems,
  screenshot,
  signInAs,
  type PageProblems,
} from './support/browser';
import { expectText, expectTextContaining } from './support/expect-page';

const MENTOR = '李卫东';
const TRAINEE = '姜海峰';
const TOPIC = '民宿带动村集体增收';
const NOTES = '到下姜村实地看了三家民宿，建议成立民宿合作社，统一接单、统一标准。';
const DEMO_COHORT = '2026年度村干部全员轮训（第一期）';
const REPLY = '李书记，合作社章程我们这周先起草，下周请您把关。';

/**
 * 导师帮带 end to end: the 淳安县 administrator pairs the demo mentor with the demo trainee from a
 * suggestion; the mentor accepts on a phone and logs a meeting; the trainee sees it and replies; the
 * administrator's coverage page counts the pairing. The demo mentor and trainee are otherwise unpaired
 * in the demo data, and no other browser test pairs them.
 */
describe('mentoring (导师帮带)', () => {
  let browser: Browser;
  const seen: PageProblems[] = [];
  let before: MentoringOversightDto;

  beforeAll(async () => {
    browser = await launch();
    before = await call<MentoringOversightDto>(await apiToken('chunan-admin'), 'GET', '/mentoring/oversight');
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    const found = seen.flatMap((p) => realProblems(p));
    seen.length = 0;
    expect(found).toEqual([]);
  });

  it('lets the county administrator pair the demo mentor with the demo trainee from a suggestion', async () => {
    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'chunan-admin');
    await page.getByTestId('nav-mentoring').click();
    await page.waitForURL((url) => url.pathname === '/admin/mentoring');
    await page.getByTestId('coverage-rate').waitFor();
    await page.getByRole('link', { name: /为学员安排导师/ }).click();
    await page.waitForURL((url) => url.pathname === '/admin/mentoring/pair');

    // other browser tests add cohorts: choose the demo cohort, where the demo trainee is enrolled
    await page.getByTestId('pair-cohort').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: DEMO_COHORT }).click();
    await expectTextContaining(page.getByTestId('pair-cohort'), DEMO_COHORT);
    await page.getByTestId('pair-search').fill(TRAINEE);
    const row = page.locator(`[data-testid=pair-trainee-row][data-trainee="${TRAINEE}"]`);
    await row.waitFor();
    await row.getByTestId('pair-trainee-open').click();
    const suggestion = page.locator(`[data-testid=suggestion][data-mentor="${MENTOR}"]`);
    await suggestion.waitFor();
    // the reasons in words: same county, places free
    await expectTextContaining(suggestion.getByTestId('suggestion-reasons'), '同一县（淳安县）');
    await expectTextContaining(suggestion.getByTestId('suggestion-reasons'), '还有 5/5 个名额');
    await screenshot(page, 'mentoring-suggestions');
    await suggestion.getByTestId('suggestion-pair').click();
    const current = page.getByTestId('current-pairing');
    await current.waitFor();
    await expectTextContaining(current, MENTOR);
    await expectTextContaining(current.getByTestId('current-status'), '待导师确认');
    await context.close();
  });

  it('has the mentor accept on a phone and log a meeting', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'mentor');
    const proposal = page.getByTestId('proposal').filter({ hasText: TRAINEE });
    await proposal.waitFor();
    await screenshot(page, 'mentoring-mentor-proposal');
    await proposal.getByTestId('accept-pairing').tap();
    const card = page.locator(`[data-testid=mentee-card][data-trainee="${TRAINEE}"]`);
    await card.waitFor();
    await expectTextContaining(card.getByTestId('mentee-last-contact'), '尚未交流');
    // the program is now one to evaluate the mentee in
    await expectTextContaining(
      page.getByTestId('mentor-program').filter({ hasText: '2026年度村社书记全员轮训' }),
      '结对学员 1 名 · 已评价 0 名',
    );

    await card.getByTestId('log-meeting').tap();
    const form = page.getByTestId('log-form');
    await form.waitFor();
    // nothing typed: the form says what is missing and sends nothing
    await form.getByTestId('log-submit').tap();
    await form.getByTestId('log-error').or(form.locator('.ant-form-item-explain-error')).first().waitFor();
    await form.getByTestId('log-mode-visit').tap();
    await form.getByTestId('log-topic').fill(TOPIC);
    await form.getByTestId('log-notes').fill(NOTES);
    await form.getByTestId('log-follow-up').fill('起草民宿合作社章程');
    await screenshot(page, 'mentoring-log-form');
    await form.getByTestId('log-submit').tap();
    await form.waitFor({ state: 'detached' });
    await expectText(card.getByTestId('mentee-last-contact'), /最近交流\s*(今天|\d+月\d+日)/);
    await screenshot(page, 'mentoring-mentor-home');
    await context.close();
  });

  it('shows the trainee the meeting on a phone, and carries their reply to the mentor', async () => {
    const { context, page, problems } = await newPage(browser, PHONE);
    seen.push(problems);
    await signInAs(page, 'trainee');
    await page.goto(`${page.url().replace(/\/learn.*$/, '')}/learn/mentor`);
    const mine = page.getByTestId('my-pairing').filter({ hasText: MENTOR });
    await mine.waitFor();
    await screenshot(page, 'mentoring-my-mentor');
    await mine.locator('a').first().tap();
    await page.waitForURL((url) => /^\/learn\/mentor\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('tab-log').tap();
    const entry = page.getByTestId('log-entry').filter({ hasText: TOPIC });
    await entry.waitFor();
    await expectTextContaining(entry, NOTES);
    await expectTextContaining(entry, '实地走访');
    await screenshot(page, 'mentoring-trainee-log');

    await page.getByTestId('tab-messages').tap();
    await page.getByTestId('message-input').fill(REPLY);
    await page.getByTestId('message-send').tap();
    await page.getByTestId('message').filter({ hasText: REPLY }).waitFor();
    await screenshot(page, 'mentoring-trainee-messages');
    await context.close();

    // the mentor sees the reply waiting, and reads it
    const mentor = await newPage(browser, PHONE);
    seen.push(mentor.problems);
    await signInAs(mentor.page, 'mentor');
    const card = mentor.page.locator(`[data-testid=mentee-card][data-trainee="${TRAINEE}"]`);
    await expectText(card.getByTestId('unread-badge'), /1/);
    await card.getByTestId('unread-badge').tap();
    await mentor.page.getByTestId('message').filter({ hasText: REPLY }).waitFor();
    // from the pairing, the mentee's final evaluation with the program's rubric
    await mentor.page.getByTestId('evaluate-mentee').tap();
    await mentor.page.waitForURL((url) => /^\/mentor\/programs\/[0-9a-f-]{36}\/evaluate$/.test(url.pathname));
    await expectTextContaining(mentor.page.getByTestId('evaluation-form').getByTestId('form-trainee'), TRAINEE);
    await mentor.context.close();
  });

  it('counts the pairing on the administrator’s coverage page', async () => {
    const after = await call<MentoringOversightDto>(await apiToken('chunan-admin'), 'GET', '/mentoring/oversight');
    expect(after.coverage.withMentor).toBe(before.coverage.withMentor + 1);
    expect(after.activePairings).toBe(before.activePairings + 1);

    const { context, page, problems } = await newPage(browser, DESKTOP);
    seen.push(problems);
    await signInAs(page, 'chunan-admin');
    await page.getByTestId('nav-mentoring').click();
    await page.waitForURL((url) => url.pathname === '/admin/mentoring');
    await expectTextContaining(
      page.getByTestId('coverage-counts'),
      `${after.coverage.withMentor}/${after.coverage.activeTrainees}`,
    );
    // 下姜村 is in 枫树岭镇: its row counts the pairing
    const township = page.locator('[data-testid=region-row][data-code="330127111"]');
    await expectTextContaining(township, '枫树岭镇');
    const mentorRow = page.getByTestId('mentor-load-row').filter({ hasText: MENTOR });
    await expectTextContaining(mentorRow, '1/5');
    await screenshot(page, 'mentoring-oversight');
    await context.close();

    // the same page on a phone
    const phone = await newPage(browser, PHONE);
    seen.push(phone.problems);
    await signInAs(phone.page, 'chunan-admin');
    await phone.page.goto(`${new URL(phone.page.url()).origin}/admin/mentoring`);
    await phone.page.getByTestId('coverage-rate').waitFor();
    await screenshot(phone.page, 'mentoring-oversight-phone');
    await phone.context.close();
  });
});
