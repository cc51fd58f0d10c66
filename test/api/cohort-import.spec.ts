import ExcelJS from 'exceljs';
import request from 'supertest';
import type { ImportResultDto, ImportRowErrorDto, JobDto, NotificationPage, Page } from '@lingyan/contracts';
import {
  CADRE_PASSWORD,
  createCadres,
  createProgram,
  csvText,
  gbk,
  insertCohort,
  sql,
  upload,
  VILLAGES,
  waitForJob,
} from './support/cohort-helpers';
import { bearer, login, startTestApp, type TestApp } from './support/test-app';

const HEADER = ['姓名', '手机号', '用户名', '村（社区）', '职务'];

/** The phone of an account that exists before any import. */
const TAKEN_PHONE = '13500000099';

/**
 * One row of every kind: the row number (as a spreadsheet shows it) is the index + 2. Rows 2, 3 and
 * 11 are new cadres, row 12 is 姜海峰 (already in the cohort, found by phone), the rest are wrong.
 */
const MIXED: string[][] = [
  ['导入甲', '13600000001', '', VILLAGES.xiajiang, '书记'], // 2
  ['导入乙', '136 0000 0002', 'import-yi', '淳安县枫树岭镇下姜村', '村委会主任'], // 3
  ['导入丙', '13600000003', '', '淳安县不存在镇没有村', '委员'], // 4 unknown village
  ['导入丁', '13600000002', 'import-ding', VILLAGES.langdong, '委员'], // 5 phone of row 3
  ['导入戊', '13500000099', 'import-wu', VILLAGES.langdong, '委员'], // 6 another account's phone
  ['导入己', '13600000006', '', VILLAGES.langdong, '会计'], // 7 bad position
  ['导入庚', '13600000007', '', VILLAGES.anji, '书记'], // 8 安吉县, outside 淳安县
  ['导入辛', '13600000008', 'a b', VILLAGES.langdong, '书记'], // 9 bad username
  ['', '13600000009', '', VILLAGES.langdong, '书记'], // 10 no name
  ['导入壬', '13600000010', 'import-ren', '浙江省杭州市淳安县文昌镇浪洞村村民委员会', '后备干部'], // 11
  ['姜海峰', '13800000001', '', VILLAGES.xiajiang, '书记'], // 12 already enrolled
  ['李卫东', '13600000013', 'mentor', VILLAGES.xiajiang, '委员'], // 13 not a trainee
  ['宋春燕', '13800000002', 'trainee2', VILLAGES.xiajiang, '书记'], // 14 an account of 安吉县
];
const MIXED_ERRORS = [
  [4, 'unknown_village', 'village'],
  [5, 'duplicate_phone', 'phone'],
  [6, 'phone_taken', 'phone'],
  [7, 'bad_position', 'position'],
  [8, 'out_of_region', 'village'],
  [9, 'bad_username', 'username'],
  [10, 'missing_name', 'name'],
  [13, 'not_a_trainee', 'username'],
  [14, 'out_of_region', 'username'],
];

describe('cadre import: preview, confirm, idempotence, encodings, scope', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  let anji: string;
  /** The seeded province cohort. */
  let demo: string;
  let anjiCohort: string;

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan, anji] = await Promise.all(['zj-admin', 'chunan-admin', 'anji-admin'].map((u) => bearer(t, u)));
    [{ id: demo }] = await sql<{ id: string }>(
      t,
      `SELECT id FROM cohort WHERE name = '2026年度村干部全员轮训（第一期）'`,
    );
    await createCadres(t, [{ username: 'phone-owner', village: VILLAGES.langdong, phone: TAKEN_PHONE }]);
    const program = await createProgram(t, { title: '导入测试', requiredCredits: 0.5, courses: [{ required: true }] });
    anjiCohort = await insertCohort(t, {
      programId: program.id,
      name: '安吉县第一期',
      regionCode: '330523',
      createdBy: 'anji-admin',
    });
  });
  afterAll(() => t.close());

  const post = (token: string, path: string) => request(t.http).post(path).set('Authorization', token);
  const get = (token: string, path: string) => request(t.http).get(path).set('Authorization', token);

  /** Everything an import may write, to compare before and after. */
  const state = async () =>
    (
      await sql(
        t,
        `SELECT (SELECT count(*) FROM app_user)::int AS users,
                (SELECT count(*) FROM enrolment)::int AS enrolments,
                (SELECT count(*) FROM program_enrolment)::int AS programs,
                (SELECT string_agg(cohort_id || region_code || enrolled || '/' || not_started || '/' || in_progress
                                   || '/' || completed, ',' ORDER BY cohort_id, region_code) FROM completion_count) AS counts,
                (SELECT string_agg(u.username || u.region_code || coalesce(u.phone, '') || u.name, ',' ORDER BY u.username)
                   FROM app_user u) AS accounts`,
      )
    )[0];

  /** Uploads a file and waits for the preview (or the failure). */
  async function preview(token: string, cohortId: string, file: Buffer, name: string): Promise<JobDto> {
    const started = await upload(t, token, cohortId, file, name);
    expect([started.status, started.body.status]).toEqual([202, 'validating']);
    expect(started.body).toMatchObject({ kind: 'import', cohortId, fileName: name });
    return waitForJob(t, token, started.body.id, ['ready', 'failed']);
  }

  async function confirm(token: string, job: JobDto): Promise<JobDto> {
    const confirmed = await post(token, `/api/jobs/${job.id}/confirm`);
    expect([confirmed.status, confirmed.body.status]).toEqual([200, 'queued']);
    return waitForJob(t, token, job.id, ['succeeded', 'failed']);
  }

  const mixedFile = Buffer.from(csvText([HEADER, ...MIXED]), 'utf8');

  describe('a file with one row of every kind', () => {
    let first: JobDto;

    it('previews every row with its errors and writes nothing', async () => {
      const before = await state();
      first = await preview(chunan, demo, mixedFile, '淳安县名单.csv');
      expect(first.status).toBe('ready');
      expect(first.preview).toEqual({
        rows: 13,
        validRows: 4,
        errorRows: 9,
        newAccounts: 3,
        alreadyEnrolled: 1,
        toEnrol: 3,
        encoding: 'utf-8',
      });
      expect([first.processed, first.total]).toEqual([13, 13]);
      const errors = (await get(chunan, `/api/jobs/${first.id}/errors?limit=100`)).body as Page<ImportRowErrorDto>;
      expect(errors.total).toBe(MIXED_ERRORS.length);
      expect(errors.items.map((e) => [e.row, e.code, e.field])).toEqual(MIXED_ERRORS);
      expect(errors.items.every((e) => e.message.length > 0)).toBe(true);
      expect(errors.items.find((e) => e.row === 4)?.value).toBe('淳安县不存在镇没有村');
      expect(await state()).toEqual(before);
    });

    it('pages the row errors', async () => {
      const page = (n: number) =>
        get(chunan, `/api/jobs/${first.id}/errors?limit=4&page=${n}`).then((r) => r.body as Page<ImportRowErrorDto>);
      const pages = await Promise.all([1, 2, 3].map(page));
      expect(pages.map((p) => p.items.length)).toEqual([4, 4, 1]);
      expect(pages.map((p) => p.total)).toEqual([9, 9, 9]);
      expect(pages.flatMap((p) => p.items.map((e) => e.row))).toEqual(MIXED_ERRORS.map((e) => e[0]));
      expect((await get(chunan, `/api/jobs/${first.id}/errors?limit=101`)).status).toBe(400);
    });

    it('still tells the total on a page past the end (as every other paged list does)', async () => {
      const beyond = (await get(chunan, `/api/jobs/${first.id}/errors?limit=4&page=4`)).body as Page<ImportRowErrorDto>;
      expect(beyond).toEqual({ items: [], total: 9, page: 4, limit: 4 });
    });

    it('imports only the valid rows once confirmed: new accounts that can sign in, enrolled and counted', async () => {
      const before = await state();
      const [county] = await sql<{ enrolled: number }>(
        t,
        `SELECT enrolled FROM completion_count WHERE cohort_id = $1 AND region_code = '330127'`,
        [demo],
      );
      const done = await confirm(chunan, first);
      expect(done.status).toBe('succeeded');
      expect(done.result as ImportResultDto).toEqual({
        accountsCreated: 3,
        enrolled: 3,
        alreadyEnrolled: 1,
        skippedRows: 9,
      });
      const after = await state();
      expect([after.users, after.enrolments]).toEqual([Number(before.users) + 3, Number(before.enrolments) + 3]);
      const [countyAfter] = await sql<{ enrolled: number }>(
        t,
        `SELECT enrolled FROM completion_count WHERE cohort_id = $1 AND region_code = '330127'`,
        [demo],
      );
      expect(countyAfter.enrolled).toBe(county.enrolled + 3);

      const accounts = await sql<{
        username: string;
        name: string;
        phone: string;
        region_code: string;
        position: string;
        roles: string[];
      }>(
        t,
        `SELECT username, name, phone, region_code, position, roles FROM app_user WHERE name LIKE '导入%' ORDER BY phone`,
      );
      expect(accounts).toEqual([
        {
          username: '13600000001',
          name: '导入甲',
          phone: '13600000001',
          region_code: VILLAGES.xiajiang,
          position: 'secretary',
          roles: ['trainee'],
        },
        {
          username: 'import-yi',
          name: '导入乙',
          phone: '13600000002',
          region_code: VILLAGES.xiajiang,
          position: 'director',
          roles: ['trainee'],
        },
        {
          username: 'import-ren',
          name: '导入壬',
          phone: '13600000010',
          region_code: VILLAGES.langdong,
          position: 'reserve',
          roles: ['trainee'],
        },
      ]);
      for (const username of ['13600000001', 'import-yi', 'import-ren']) {
        const session = await login(t, username, CADRE_PASSWORD);
        expect(session.user.roles).toEqual(['trainee']);
      }
      const listed = await get(chunan, `/api/cohorts/${demo}/trainees?q=${encodeURIComponent('导入')}`);
      expect(listed.body.total).toBe(3);
      const bell = (await get(chunan, '/api/notifications')).body as NotificationPage;
      expect(bell.items.some((n) => n.kind === 'job_finished')).toBe(true);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await state();
      const weeks = await sql(t, `SELECT * FROM completion_week ORDER BY 1, 2, 3`);
      const second = await preview(chunan, demo, mixedFile, '淳安县名单.csv');
      expect(second.preview).toMatchObject({
        rows: 13,
        validRows: 4,
        errorRows: 9,
        newAccounts: 0,
        alreadyEnrolled: 4,
        toEnrol: 0,
      });
      const done = await confirm(chunan, second);
      expect(done.result as ImportResultDto).toEqual({
        accountsCreated: 0,
        enrolled: 0,
        alreadyEnrolled: 4,
        skippedRows: 9,
      });
      expect(await state()).toEqual(before);
      expect(await sql(t, `SELECT * FROM completion_week ORDER BY 1, 2, 3`)).toEqual(weeks);
      const jobs = (await get(chunan, `/api/cohorts/${demo}/jobs`)).body as JobDto[];
      expect(jobs.slice(0, 2).map((j) => j.id)).toEqual([second.id, first.id]);
    });
  });

  describe('encodings and formats', () => {
    it('reads a GBK file, as Excel writes it on Chinese Windows', async () => {
      const file = gbk(
        csvText([
          ['姓名', '手机号', '村（社区）', '职务'],
          ['国标甲', '13600000021', '淳安县枫树岭镇下姜村', '书记'],
          ['国标乙', '13600000022', VILLAGES.langdong, '村委会主任'],
        ]),
      );
      expect(new TextDecoder('utf-8', { fatal: false }).decode(file)).not.toContain('国标');
      const job = await preview(chunan, demo, file, 'gbk.csv');
      expect(job.preview).toMatchObject({ rows: 2, validRows: 2, errorRows: 0, newAccounts: 2, encoding: 'gbk' });
      expect((await confirm(chunan, job)).result).toMatchObject({ accountsCreated: 2, enrolled: 2 });
      const names = await sql<{ name: string; region_code: string }>(
        t,
        `SELECT name, region_code FROM app_user WHERE phone IN ('13600000021', '13600000022') ORDER BY phone`,
      );
      expect(names).toEqual([
        { name: '国标甲', region_code: VILLAGES.xiajiang },
        { name: '国标乙', region_code: VILLAGES.langdong },
      ]);
    });

    it('reads UTF-8 with a BOM, with English headers in another order', async () => {
      const text = csvText([
        ['position', 'village', 'name', 'phone'],
        ['member', VILLAGES.wenping, '带BOM甲', '+86 136-0000-0031'],
        ['委员', VILLAGES.wenping, '带BOM乙', '13600000032'],
      ]);
      const job = await preview(
        chunan,
        demo,
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        'bom.csv',
      );
      expect(job.preview).toMatchObject({ rows: 2, validRows: 2, errorRows: 0, encoding: 'utf-8' });
      await confirm(chunan, job);
      expect(
        (
          await sql<{ name: string }>(
            t,
            `SELECT name FROM app_user WHERE phone IN ('13600000031', '13600000032') ORDER BY phone`,
          )
        ).map((r) => r.name),
      ).toEqual(['带BOM甲', '带BOM乙']);
    });

    it('reads an XLSX workbook, phone numbers stored as numbers included', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名单');
      sheet.addRow(['职务', '姓名', '手机号', '村（社区）']);
      sheet.addRow(['书记', '表格甲', 13600000041, VILLAGES.xiajiang]);
      sheet.addRow(['后备干部', '表格乙', '13600000042', '杭州市淳安县枫树岭镇下姜村']);
      sheet.addRow(['会计', '表格丙', 13600000043, VILLAGES.xiajiang]);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const job = await preview(chunan, demo, file, '名单.xlsx');
      expect(job.preview).toMatchObject({ rows: 3, validRows: 2, errorRows: 1, encoding: 'xlsx' });
      const errors = (await get(chunan, `/api/jobs/${job.id}/errors`)).body as Page<ImportRowErrorDto>;
      expect(errors.items.map((e) => [e.row, e.code])).toEqual([[4, 'bad_position']]);
      await confirm(chunan, job);
      expect(
        (
          await sql<{ username: string }>(t, `SELECT username FROM app_user WHERE name LIKE '表格%' ORDER BY username`)
        ).map((r) => r.username),
      ).toEqual(['13600000041', '13600000042']);
    });

    it('fails a file without the required columns, saying which', async () => {
      const before = await state();
      const job = await preview(
        chunan,
        demo,
        Buffer.from(
          csvText([
            ['姓名', '手机号', '村（社区）'],
            ['缺列', '13600000051', VILLAGES.xiajiang],
          ]),
        ),
        'missing.csv',
      );
      expect(job.status).toBe('failed');
      expect(job.error).toContain('职务');
      expect(job.error).toContain('position');
      expect(await state()).toEqual(before);
      // A resumed check fails the same way; the job cannot be confirmed.
      expect((await post(chunan, `/api/jobs/${job.id}/resume`)).status).toBe(200);
      expect((await waitForJob(t, chunan, job.id, ['failed'])).error).toContain('职务');
      expect((await post(chunan, `/api/jobs/${job.id}/confirm`)).status).toBe(409);
    });

    it('refuses a weak initial password and a request without a file, creating no job', async () => {
      const jobs = await sql(t, `SELECT count(*)::int AS n FROM job`);
      const weak = await upload(t, chunan, demo, mixedFile, 'weak.csv', 'password');
      expect([weak.status, weak.body.error]).toEqual([400, 'VALIDATION_FAILED']);
      expect(weak.body.details.map((d: { field: string }) => d.field)).toContain('initialPassword');
      const json = await post(chunan, `/api/cohorts/${demo}/imports`).send({ initialPassword: CADRE_PASSWORD });
      expect([json.status, json.body.error]).toEqual([400, 'VALIDATION_FAILED']);
      expect(await sql(t, `SELECT count(*)::int AS n FROM job`)).toEqual(jobs);
    });

    it('cancels a preview: nothing is written and it can no longer be confirmed', async () => {
      const before = await state();
      const job = await preview(
        chunan,
        demo,
        Buffer.from(csvText([HEADER, ['取消甲', '13600000061', '', VILLAGES.xiajiang, '书记']])),
        'cancel.csv',
      );
      const cancelled = await post(chunan, `/api/jobs/${job.id}/cancel`);
      expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
      const confirmed = await post(chunan, `/api/jobs/${job.id}/confirm`);
      expect([confirmed.status, confirmed.body.error]).toEqual([409, 'JOB_STATE_CONFLICT']);
      expect((await post(chunan, `/api/jobs/${job.id}/cancel`)).status).toBe(409);
      expect(await state()).toEqual(before);
    });
  });

  describe('region scope', () => {
    it('hides another county’s import (404) from 淳安县’s admin', async () => {
      const job = await preview(
        anji,
        anjiCohort,
        Buffer.from(csvText([HEADER, ['安吉甲', '13600000071', '', VILLAGES.anji, '书记']])),
        '安吉.csv',
      );
      expect(job.status).toBe('ready');
      for (const [method, path] of [
        ['get', `/api/jobs/${job.id}`],
        ['get', `/api/jobs/${job.id}/errors`],
        ['post', `/api/jobs/${job.id}/confirm`],
        ['post', `/api/jobs/${job.id}/resume`],
        ['post', `/api/jobs/${job.id}/cancel`],
        ['get', `/api/cohorts/${anjiCohort}/jobs`],
      ] as const) {
        const response = await (method === 'get' ? get(chunan, path) : post(chunan, path));
        expect([path, response.status]).toEqual([path, 404]);
      }
      expect((await get(zj, `/api/jobs/${job.id}`)).status).toBe(200);
      expect((await get(anji, `/api/jobs/${job.id}`)).body.status).toBe('ready');
    });

    it('hides 安吉县’s import into the province cohort, with its cadres’ names and phones, from 淳安县’s admin', async () => {
      const job = await preview(
        anji,
        demo,
        Buffer.from(csvText([HEADER, ['安吉乙', '13600000072', '', VILLAGES.anji, '会计']])),
        '安吉进省班.csv',
      );
      expect(job.preview).toMatchObject({ rows: 1, errorRows: 1 });
      const seen = {
        job: (await get(chunan, `/api/jobs/${job.id}`)).status,
        errors: (await get(chunan, `/api/jobs/${job.id}/errors`)).status,
        listed: ((await get(chunan, `/api/cohorts/${demo}/jobs`)).body as JobDto[]).some((j) => j.id === job.id),
      };
      expect(seen).toEqual({ job: 404, errors: 404, listed: false });
      // The province admin, above both, sees it.
      expect((await get(zj, `/api/jobs/${job.id}/errors`)).body.items).toHaveLength(1);
    });

    it('marks rows outside a county cohort’s region, for the province admin too', async () => {
      const job = await preview(
        zj,
        anjiCohort,
        Buffer.from(
          csvText([
            HEADER,
            ['省里甲', '13600000081', '', VILLAGES.xiajiang, '书记'], // a village of 淳安县
            ['姜海峰', '13800000001', 'trainee', VILLAGES.anji, '书记'], // an account of 淳安县
            ['省里乙', '13600000082', '', VILLAGES.anjiKangshan, '委员'],
          ]),
        ),
        '省里导入.csv',
      );
      const errors = (await get(zj, `/api/jobs/${job.id}/errors`)).body as Page<ImportRowErrorDto>;
      expect(errors.items.map((e) => [e.row, e.code])).toEqual([
        [2, 'out_of_cohort_region'],
        [3, expect.stringMatching(/^out_of_(cohort_)?region$/)],
      ]);
      expect(job.preview).toMatchObject({ rows: 3, validRows: 1, errorRows: 2, toEnrol: 1 });
    });
  });
});
