import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type {
  AnnualRequirementDto,
  CohortDashboardDto,
  CohortDto,
  CohortSummaryDto,
  CohortTraineeDto,
  EnrolRuleResultDto,
  JobDto,
  NotificationPage,
  Page,
} from '@lingyan/contracts';
import { annualPace, isBehindPace } from '@lingyan/domain';
import { chinaToday } from '../../api/src/cohorts/cohort-access';
import { userId } from './support/api-helpers';
import {
  sql,
  completeModule,
  createCadres,
  createCohort,
  createProgram,
  day,
  download,
  enrol,
  insertCohort,
  reconcile,
  upload,
  csvText,
  VILLAGES,
  waitForJob,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const BOM = [0xef, 0xbb, 0xbf];
const REGION_HEADERS = ['地区代码', '地区', '层级', '报名人数', '已完成', '完成率（%）', '学习中', '未开始', '已逾期'];

describe('cohorts: region scope, enrolment, transfers, reminders, exports', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  let anji: string;
  let trainee: string;
  let trainer: string;
  let p: ProgramFixture;
  let other: ProgramFixture;
  let draft: ProgramFixture;
  /** The seeded province cohort, with 姜海峰 (淳安县) and 宋春燕 (安吉县). */
  let demo: string;
  /** A cohort of 安吉县 made by its admin. */
  let anjiCohort: string;
  /** A province cohort of program P for enrolment tests. */
  let main: string;
  let c1: Cadre;
  let c2: Cadre;
  let a1: Cadre;
  /** Cadres only the two tests of known bugs use, so a failure there cannot spill into other tests. */
  let c3: Cadre;
  let a2: Cadre;

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan, anji, trainee, trainer] = await Promise.all(
      ['zj-admin', 'chunan-admin', 'anji-admin', 'trainee', 'trainer'].map((u) => bearer(t, u)),
    );
    p = await createProgram(t, { title: '范围测试轮训', requiredCredits: 0.5, courses: [{ required: true }] });
    other = await createProgram(t, { title: '另一个项目', requiredCredits: 0.25, courses: [{ required: true }] });
    draft = await createProgram(t, {
      title: '草稿项目',
      requiredCredits: 1,
      status: 'draft',
      courses: [{ required: true }],
    });
    [{ id: demo }] = await sql<{ id: string }>(
      t,
      `SELECT id FROM cohort WHERE name = '2026年度村干部全员轮训（第一期）'`,
    );
    anjiCohort = await insertCohort(t, {
      programId: p.id,
      name: '安吉县第一期',
      regionCode: '330523',
      createdBy: 'anji-admin',
    });
    main = await insertCohort(t, { programId: p.id, name: '全省第二期', regionCode: '33', createdBy: 'zj-admin' });
    [c1, c2, a1, c3, a2] = await createCadres(t, [
      { username: 'cadre-xiajiang', name: '下姜学员', village: VILLAGES.xiajiang, phone: '13700000001' },
      { username: 'cadre-langdong', name: '浪洞学员', village: VILLAGES.langdong, phone: '13700000002' },
      { username: 'cadre-anji', name: '安吉学员', village: VILLAGES.anji, phone: '13700000003' },
      { username: 'cadre-wenping', name: '文屏学员', village: VILLAGES.wenping, position: 'member' },
      { username: 'cadre-kangshan', name: '康山学员', village: VILLAGES.anjiKangshan, position: 'member' },
    ]);
  });
  afterAll(() => t.close());

  const get = (token: string, path: string) => request(t.http).get(path).set('Authorization', token);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.http).post(path).set('Authorization', token).send(body);
  const dashboard = async (token: string, cohortId: string, region?: string) => {
    const response = await get(token, `/api/cohorts/${cohortId}/dashboard${region ? `?region=${region}` : ''}`);
    expect(response.status).toBe(200);
    return response.body as CohortDashboardDto;
  };
  const trainees = async (token: string, cohortId: string, query = '') => {
    const response = await get(token, `/api/cohorts/${cohortId}/trainees?limit=100${query}`);
    expect(response.status).toBe(200);
    return response.body as Page<CohortTraineeDto>;
  };
  const countAt = async (cohortId: string, code: string) =>
    (
      await sql<{ enrolled: number; in_progress: number; completed: number }>(
        t,
        `SELECT enrolled, in_progress, completed FROM completion_count WHERE cohort_id = $1 AND region_code = $2`,
        [cohortId, code],
      )
    )[0] ?? { enrolled: 0, in_progress: 0, completed: 0 };

  /** Every route of the cohort API, for one cohort (and a job id). */
  const routes = (cohortId: string, jobId: string, someone: string) =>
    [
      ['get', `/api/cohorts/${cohortId}`],
      ['patch', `/api/cohorts/${cohortId}`, { name: '改名' }],
      ['get', `/api/cohorts/${cohortId}/dashboard`],
      ['get', `/api/cohorts/${cohortId}/trainees`],
      ['post', `/api/cohorts/${cohortId}/enrolments`, { userIds: [someone] }],
      ['post', `/api/cohorts/${cohortId}/enrolments/rule`, { positions: ['secretary'], regionCode: '330127' }],
      ['post', `/api/cohorts/${cohortId}/enrolments/withdraw`, { userIds: [someone], reason: '调动' }],
      ['post', `/api/cohorts/${cohortId}/enrolments/${someone}/transfer`, { villageCode: VILLAGES.xiajiang }],
      ['post', `/api/cohorts/${cohortId}/reminders`, { filter: 'not_completed' }],
      ['get', `/api/cohorts/${cohortId}/export/regions`],
      ['get', `/api/cohorts/${cohortId}/export/trainees?format=xlsx`],
      ['get', `/api/cohorts/${cohortId}/jobs`],
      ['post', `/api/cohorts/${cohortId}/reconcile`],
      ['get', `/api/jobs/${jobId}`],
      ['get', `/api/jobs/${jobId}/errors`],
      ['post', `/api/jobs/${jobId}/confirm`],
      ['post', `/api/jobs/${jobId}/resume`],
      ['post', `/api/jobs/${jobId}/cancel`],
    ] as Array<[method: 'get' | 'post' | 'patch', path: string, body?: object]>;
  const call = (token: string, [method, path, body]: [string, string, object?]) => {
    const r = request(t.http)[method as 'get' | 'post' | 'patch' | 'put'](path).set('Authorization', token);
    return body ? r.send(body) : r;
  };

  /** What a refused request must leave as it was. */
  const snapshot = () =>
    sql(
      t,
      `SELECT (SELECT count(*) FROM cohort)::int AS cohorts, (SELECT count(*) FROM cohort_admin)::int AS admins,
              (SELECT count(*) FROM enrolment WHERE withdrawn_at IS NULL)::int AS active,
              (SELECT count(*) FROM enrolment)::int AS enrolments, (SELECT count(*) FROM job)::int AS jobs,
              (SELECT count(*) FROM notification)::int AS notifications,
              (SELECT string_agg(region_code, ',' ORDER BY id) FROM app_user) AS homes,
              (SELECT string_agg(name || due_on, ',' ORDER BY id) FROM cohort) AS names,
              (SELECT coalesce(sum(enrolled + 7 * completed + 3 * in_progress), 0)::int FROM completion_count) AS counts,
              (SELECT count(*) FROM annual_requirement)::int AS annual,
              (SELECT string_agg(credit_hours::text, ',') FROM annual_requirement) AS hours`,
    );

  describe('who may call', () => {
    it('answers 401 without a token and 403 to every role but admin, on every route', async () => {
      const jobId = randomUUID();
      const all = [
        ...routes(demo, jobId, c1.id),
        ['get', '/api/cohorts'],
        ['get', '/api/cohorts/programs'],
        ['get', '/api/cohorts/imports/template'],
        ['post', '/api/cohorts', { programId: p.id, name: 'x', regionCode: '33' }],
        ['get', '/api/annual-requirement'],
        ['put', '/api/annual-requirement', { creditHours: 1 }],
      ] as Array<[string, string, object?]>;
      const before = await snapshot();
      for (const route of all) {
        expect([route[1], (await request(t.http)[route[0] as 'get'](route[1])).status]).toEqual([route[1], 401]);
        for (const token of [trainee, trainer, c1.token]) {
          const response = await call(token, route);
          expect([route[0], route[1], response.status]).toEqual([route[0], route[1], 403]);
        }
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('淳安县’s admin never sees 安吉县', () => {
    it('shows them their county of the province cohort, and nothing above or beside it', async () => {
      const view = await dashboard(chunan, demo);
      expect(view.region).toMatchObject({ code: '330127', name: '淳安县', level: 'county' });
      expect(view.breadcrumb.map((r) => r.code)).toEqual(['330127']);
      expect(view.counts.enrolled).toBe(1);
      expect(view.children.every((c) => c.region.code.startsWith('330127'))).toBe(true);
      for (const region of ['330523', '3305', '33', '3301', VILLAGES.anji, '330523201']) {
        const response = await get(chunan, `/api/cohorts/${demo}/dashboard?region=${region}`);
        expect([region, response.status, response.body.error]).toEqual([region, 403, 'OUT_OF_SCOPE']);
      }
      const village = await dashboard(chunan, demo, VILLAGES.xiajiang);
      expect(village.breadcrumb.map((r) => r.code)).toEqual(['330127', '330127111', VILLAGES.xiajiang]);
      expect(village.children).toEqual([]);
    });

    it('lists only 淳安县’s trainees of the province cohort, and refuses 安吉县’s list and exports', async () => {
      const list = await trainees(chunan, demo);
      expect(list.items.map((i) => i.name)).toEqual(['姜海峰']);
      expect(list.items.every((i) => i.regionCode.startsWith('330127'))).toBe(true);
      const everyone = await trainees(zj, demo);
      expect(everyone.items.map((i) => i.name).sort()).toEqual(['姜海峰', '宋春燕'].sort());
      for (const path of [
        `/api/cohorts/${demo}/trainees?region=330523`,
        `/api/cohorts/${demo}/trainees?region=${VILLAGES.anji}`,
        `/api/cohorts/${demo}/export/trainees?region=330523`,
        `/api/cohorts/${demo}/export/trainees?region=330523&format=xlsx`,
        `/api/cohorts/${demo}/export/regions?region=330523`,
        `/api/cohorts/${demo}/export/regions?region=33&format=xlsx`,
        `/api/cohorts/${demo}/trainees?q=${encodeURIComponent('宋春燕')}&region=33`,
      ]) {
        const response = await get(chunan, path);
        expect([path, response.status]).toEqual([path, 403]);
      }
      const searched = await trainees(chunan, demo, `&q=${encodeURIComponent('宋春燕')}`);
      expect(searched.total).toBe(0);
      const csv = (await download(t, chunan, `/api/cohorts/${demo}/export/trainees`)).body as Buffer;
      expect(csv.toString('utf8')).toContain('姜海峰');
      expect(csv.toString('utf8')).not.toContain('宋春燕');
      const regions = (await download(t, chunan, `/api/cohorts/${demo}/export/regions`)).body as Buffer;
      const lines = parse(regions.toString('utf8').slice(1));
      expect(lines.slice(1).every((l) => l[0].startsWith('330127'))).toBe(true);
    });

    it('hides a cohort of 安吉县 entirely (404) from 淳安县’s admin, and shows it to the province', async () => {
      const started = await post(anji, `/api/cohorts/${anjiCohort}/reconcile`);
      expect(started.status).toBe(202);
      const jobId = (started.body as JobDto).id;
      await waitForJob(t, anji, jobId);

      const before = await snapshot();
      for (const route of routes(anjiCohort, jobId, c1.id)) {
        const response = await call(chunan, route);
        expect([route[0], route[1], response.status]).toEqual([route[0], route[1], 404]);
        expect(['COHORT_NOT_FOUND', 'JOB_NOT_FOUND']).toContain(response.body.error);
      }
      const imported = await upload(
        t,
        chunan,
        anjiCohort,
        Buffer.from(csvText([['姓名', '手机号', '村', '职务']])),
        'a.csv',
      );
      expect(imported.status).toBe(404);
      expect(await snapshot()).toEqual(before);

      const listed = (await get(chunan, '/api/cohorts?limit=100')).body as Page<CohortSummaryDto>;
      expect(listed.items.map((c) => c.id)).not.toContain(anjiCohort);
      expect(listed.items.map((c) => c.id)).toContain(demo);
      const province = (await get(zj, '/api/cohorts?limit=100')).body as Page<CohortSummaryDto>;
      expect(province.items.map((c) => c.id)).toEqual(expect.arrayContaining([demo, anjiCohort, main]));
      expect((await get(zj, `/api/cohorts/${anjiCohort}`)).status).toBe(200);
      expect((await get(zj, `/api/jobs/${jobId}`)).status).toBe(200);
      expect((await get(anji, `/api/cohorts/${anjiCohort}`)).status).toBe(200);
      const fromAnji = await dashboard(zj, anjiCohort);
      expect(fromAnji.region.code).toBe('330523');
      expect((await get(zj, `/api/cohorts/${anjiCohort}/dashboard?region=330127`)).status).toBe(403);
    });

    it('lets the province admin see both counties of the province cohort', async () => {
      const view = await dashboard(zj, demo);
      expect(view.region.code).toBe('33');
      expect(view.counts.enrolled).toBe(2);
      const cities = new Map(view.children.map((c) => [c.region.code, c.enrolled]));
      expect([cities.get('3301'), cities.get('3305')]).toEqual([1, 1]);
      expect((await dashboard(zj, demo, '330523')).counts.enrolled).toBe(1);
      expect((await dashboard(zj, demo, '330127')).counts.enrolled).toBe(1);
    });

    it('keeps 安吉县’s trainees of the province cohort out of 淳安县’s hands', async () => {
      const trainee2 = await userId(t, 'trainee2');
      const before = await snapshot();
      const enrolled = await post(chunan, `/api/cohorts/${demo}/enrolments`, { userIds: [a1.id] });
      expect([enrolled.status, enrolled.body.error]).toEqual([404, 'USER_NOT_FOUND']);
      const withdrawn = await post(chunan, `/api/cohorts/${demo}/enrolments/withdraw`, {
        userIds: [trainee2],
        reason: '不是我县的',
      });
      expect([withdrawn.status, withdrawn.body]).toEqual([200, { withdrawn: 0 }]);
      const moved = await post(chunan, `/api/cohorts/${demo}/enrolments/${trainee2}/transfer`, {
        villageCode: VILLAGES.xiajiang,
      });
      expect([moved.status, moved.body.error]).toEqual([404, 'ENROLMENT_NOT_FOUND']);
      const reminded = await post(chunan, `/api/cohorts/${demo}/reminders`, { userIds: [trainee2] });
      expect([reminded.status, reminded.body.error]).toEqual([404, 'ENROLMENT_NOT_FOUND']);
      const regionRemind = await post(chunan, `/api/cohorts/${demo}/reminders`, {
        filter: 'not_completed',
        region: '330523',
      });
      expect(regionRemind.status).toBe(403);
      const rule = await post(chunan, `/api/cohorts/${demo}/enrolments/rule`, {
        positions: ['secretary'],
        regionCode: '330523',
      });
      expect(rule.status).toBe(403);
      // Nor may they move their own trainee into 安吉县.
      const [jiang] = await sql<{ id: string }>(t, `SELECT id FROM app_user WHERE username = 'trainee'`);
      const away = await post(chunan, `/api/cohorts/${demo}/enrolments/${jiang.id}/transfer`, {
        villageCode: VILLAGES.anji,
      });
      expect(away.status).toBe(403);
      const created = await post(chunan, '/api/cohorts', {
        programId: p.id,
        name: '越界',
        regionCode: '330523',
        startsOn: day(0),
        endsOn: day(30),
        enrolUntil: day(10),
        dueOn: day(20),
      });
      expect([created.status, created.body.error]).toEqual([403, 'OUT_OF_SCOPE']);
      expect(await snapshot()).toEqual(before);
    });

    it('lets a county admin read the annual requirement but not set it', async () => {
      const read = await get(chunan, '/api/annual-requirement');
      expect(read.status).toBe(200);
      expect(read.body).toEqual({
        year: Number(chinaToday().slice(0, 4)),
        creditHours: 10,
        paceToday: annualPace(10, chinaToday()),
      });
      const before = await snapshot();
      const set = await request(t.http)
        .put('/api/annual-requirement')
        .set('Authorization', chunan)
        .send({ creditHours: 99 });
      expect([set.status, set.body.error]).toEqual([403, 'FORBIDDEN']);
      expect(await snapshot()).toEqual(before);
      // …nor change a province cohort they do not manage.
      const patched = await request(t.http)
        .patch(`/api/cohorts/${demo}`)
        .set('Authorization', chunan)
        .send({ name: 'x' });
      expect([patched.status, patched.body.error]).toEqual([403, 'FORBIDDEN']);
      expect(((await get(chunan, `/api/cohorts/${demo}`)).body as CohortDto).canManage).toBe(false);
    });
  });

  describe('bad input: 400 (or 404 / 409 / 403), and nothing changes', () => {
    const valid = () => ({
      programId: p.id,
      name: '新班次',
      regionCode: '330127',
      startsOn: day(0),
      endsOn: day(60),
      enrolUntil: day(20),
      dueOn: day(50),
    });
    const cases: Array<[string, () => [string, string, object?], number, string]> = [
      [
        'ends before it starts',
        () => ['post', '/api/cohorts', { ...valid(), endsOn: day(-1) }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'enrolment closing after the deadline',
        () => ['post', '/api/cohorts', { ...valid(), enrolUntil: day(51) }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a deadline before the start',
        () => ['post', '/api/cohorts', { ...valid(), dueOn: day(-1), enrolUntil: day(-2) }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a date that does not exist',
        () => ['post', '/api/cohorts', { ...valid(), startsOn: '2026-02-30' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a date in another format',
        () => ['post', '/api/cohorts', { ...valid(), dueOn: '2026/12/01' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a malformed program id',
        () => ['post', '/api/cohorts', { ...valid(), programId: 'p-1' }],
        400,
        'VALIDATION_FAILED',
      ],
      ['an empty name', () => ['post', '/api/cohorts', { ...valid(), name: '  ' }], 400, 'VALIDATION_FAILED'],
      [
        'a malformed region',
        () => ['post', '/api/cohorts', { ...valid(), regionCode: '3301270' }],
        400,
        'VALIDATION_FAILED',
      ],
      ['an unknown field', () => ['post', '/api/cohorts', { ...valid(), owner: 'me' }], 400, 'VALIDATION_FAILED'],
      [
        'a non-admin as cohort admin',
        () => ['post', '/api/cohorts', { ...valid(), adminIds: [c1.id] }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown program',
        () => ['post', '/api/cohorts', { ...valid(), programId: randomUUID() }],
        404,
        'PROGRAM_NOT_FOUND',
      ],
      [
        'a draft program',
        () => ['post', '/api/cohorts', { ...valid(), programId: draft.id }],
        409,
        'PROGRAM_NOT_READY',
      ],
      [
        'a region outside the admin’s',
        () => ['post', '/api/cohorts', { ...valid(), regionCode: '33' }],
        403,
        'OUT_OF_SCOPE',
      ],
      ['a malformed cohort id', () => ['get', '/api/cohorts/not-a-uuid'], 400, 'VALIDATION_FAILED'],
      ['an unknown cohort', () => ['get', `/api/cohorts/${randomUUID()}/dashboard`], 404, 'COHORT_NOT_FOUND'],
      ['a list limit over 100', () => ['get', '/api/cohorts?limit=101'], 400, 'VALIDATION_FAILED'],
      ['a malformed program filter', () => ['get', '/api/cohorts?programId=x'], 400, 'VALIDATION_FAILED'],
      [
        'a malformed dashboard region',
        () => ['get', `/api/cohorts/${demo}/dashboard?region=abc`],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown dashboard region',
        () => ['get', `/api/cohorts/${demo}/dashboard?region=330127999999`],
        404,
        'REGION_NOT_FOUND',
      ],
      ['a trainee limit over 100', () => ['get', `/api/cohorts/${demo}/trainees?limit=101`], 400, 'VALIDATION_FAILED'],
      [
        'an unknown status filter',
        () => ['get', `/api/cohorts/${demo}/trainees?status=done`],
        400,
        'VALIDATION_FAILED',
      ],
      ['an unknown sort', () => ['get', `/api/cohorts/${demo}/trainees?sort=age`], 400, 'VALIDATION_FAILED'],
      ['an unknown order', () => ['get', `/api/cohorts/${demo}/trainees?order=up`], 400, 'VALIDATION_FAILED'],
      [
        'a behindPace that is not a boolean',
        () => ['get', `/api/cohorts/${demo}/trainees?behindPace=yes`],
        400,
        'VALIDATION_FAILED',
      ],
      ['zero inactive days', () => ['get', `/api/cohorts/${demo}/trainees?inactiveDays=0`], 400, 'VALIDATION_FAILED'],
      [
        'an export format of pdf',
        () => ['get', `/api/cohorts/${demo}/export/trainees?format=pdf`],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a region export format of xls',
        () => ['get', `/api/cohorts/${demo}/export/regions?format=xls`],
        400,
        'VALIDATION_FAILED',
      ],
      ['a template format of pdf', () => ['get', '/api/cohorts/imports/template?format=pdf'], 400, 'VALIDATION_FAILED'],
      ['no one to enrol', () => ['post', `/api/cohorts/${main}/enrolments`, { userIds: [] }], 400, 'VALIDATION_FAILED'],
      [
        'a malformed user id',
        () => ['post', `/api/cohorts/${main}/enrolments`, { userIds: ['u1'] }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown user',
        () => ['post', `/api/cohorts/${main}/enrolments`, { userIds: [randomUUID()] }],
        404,
        'USER_NOT_FOUND',
      ],
      [
        'an account that is not a trainee',
        () => ['post', `/api/cohorts/${main}/enrolments`, { userIds: [mentorId] }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown position',
        () => ['post', `/api/cohorts/${main}/enrolments/rule`, { positions: ['boss'], regionCode: '330127' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'no positions',
        () => ['post', `/api/cohorts/${main}/enrolments/rule`, { positions: [], regionCode: '330127' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a withdrawal without a reason',
        () => ['post', `/api/cohorts/${demo}/enrolments/withdraw`, { userIds: [c1.id] }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a withdrawal with an empty reason',
        () => ['post', `/api/cohorts/${demo}/enrolments/withdraw`, { userIds: [c1.id], reason: ' ' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a transfer naming both',
        () => [
          'post',
          `/api/cohorts/${demo}/enrolments/${jiangId}/transfer`,
          { villageCode: VILLAGES.langdong, cohortId: main },
        ],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a transfer naming neither',
        () => ['post', `/api/cohorts/${demo}/enrolments/${jiangId}/transfer`, {}],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a transfer to a township',
        () => ['post', `/api/cohorts/${demo}/enrolments/${jiangId}/transfer`, { villageCode: '330127111' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a transfer to an unknown village',
        () => ['post', `/api/cohorts/${demo}/enrolments/${jiangId}/transfer`, { villageCode: '330127111999' }],
        404,
        'REGION_NOT_FOUND',
      ],
      [
        'a transfer of a malformed user id',
        () => ['post', `/api/cohorts/${demo}/enrolments/x/transfer`, { villageCode: VILLAGES.langdong }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a transfer to a malformed cohort',
        () => ['post', `/api/cohorts/${demo}/enrolments/${jiangId}/transfer`, { cohortId: 'c' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a transfer to a cohort of another program',
        () => ['post', `/api/cohorts/${demo}/enrolments/${jiangId}/transfer`, { cohortId: main }],
        400,
        'VALIDATION_FAILED',
      ],
      ['a reminder to nobody', () => ['post', `/api/cohorts/${demo}/reminders`, {}], 400, 'VALIDATION_FAILED'],
      [
        'a reminder with ids and a filter',
        () => ['post', `/api/cohorts/${demo}/reminders`, { userIds: [jiangId], filter: 'overdue' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown reminder filter',
        () => ['post', `/api/cohorts/${demo}/reminders`, { filter: 'everyone' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'zero inactive days to remind',
        () => ['post', `/api/cohorts/${demo}/reminders`, { filter: 'inactive', inactiveDays: 0 }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'negative annual hours',
        () => ['put', '/api/annual-requirement', { creditHours: -1 }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'annual hours as text',
        () => ['put', '/api/annual-requirement', { creditHours: '50' }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'annual hours over 1000',
        () => ['put', '/api/annual-requirement', { creditHours: 1001 }],
        400,
        'VALIDATION_FAILED',
      ],
      ['a malformed job id', () => ['get', '/api/jobs/not-a-uuid'], 400, 'VALIDATION_FAILED'],
      ['an unknown job', () => ['get', `/api/jobs/${randomUUID()}`], 404, 'JOB_NOT_FOUND'],
      [
        'a job error limit over 100',
        () => ['get', `/api/jobs/${randomUUID()}/errors?limit=101`],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a change making the deadline precede the start',
        () => ['patch', `/api/cohorts/${main}`, { dueOn: day(-20), enrolUntil: day(-21) }],
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a change to a date that does not exist',
        () => ['patch', `/api/cohorts/${main}`, { endsOn: '2026-13-01' }],
        400,
        'VALIDATION_FAILED',
      ],
    ];
    let mentorId: string;
    let jiangId: string;
    beforeAll(async () => {
      [mentorId, jiangId] = await Promise.all([userId(t, 'mentor'), userId(t, 'trainee')]);
    });

    it.each(cases)('refuses %s', async (_, route, status, error) => {
      // The province admin, or for cohort creation the county admin (so "outside the region" exists).
      const [method, path] = route();
      const token = method === 'post' && path === '/api/cohorts' ? chunan : zj;
      const before = await snapshot();
      const response = await call(token, route());
      expect([response.status, response.body.error]).toEqual([status, error]);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('cohorts: create, read, list, change', () => {
    let created: CohortDto;

    it('creates a county cohort of a published program for the county admin', async () => {
      const programs = (await get(chunan, '/api/cohorts/programs')).body as Array<{ id: string }>;
      expect(programs.map((x) => x.id)).toEqual(expect.arrayContaining([p.id, other.id]));
      expect(programs.map((x) => x.id)).not.toContain(draft.id);

      created = await createCohort(t, chunan, { programId: p.id, name: '淳安县书记轮训第一期', regionCode: '330127' });
      expect(created).toMatchObject({
        name: '淳安县书记轮训第一期',
        program: { id: p.id, title: '范围测试轮训', requiredCredits: 0.5 },
        region: { code: '330127', name: '淳安县', level: 'county' },
        counts: { enrolled: 0, notStarted: 0, inProgress: 0, completed: 0, overdue: 0, completionRate: 0 },
        canManage: true,
        admins: [],
        createdBy: { name: '方志远' },
      });
      expect((await get(anji, `/api/cohorts/${created.id}`)).status).toBe(404);
      const fromProvince = (await get(zj, `/api/cohorts/${created.id}`)).body as CohortDto;
      expect(fromProvince.canManage).toBe(true);
    });

    it('finds it by name and by program, paged', async () => {
      expect(created).toBeDefined();
      const byName = (await get(chunan, `/api/cohorts?q=${encodeURIComponent('书记轮训')}`))
        .body as Page<CohortSummaryDto>;
      expect(byName.items.map((c) => c.id)).toEqual([created.id]);
      const byProgram = (await get(zj, `/api/cohorts?programId=${p.id}&limit=100`)).body as Page<CohortSummaryDto>;
      expect(byProgram.items.map((c) => c.id)).toEqual(expect.arrayContaining([created.id, main, anjiCohort]));
      expect(byProgram.items.every((c) => c.program.id === p.id)).toBe(true);
      const paged = (await get(zj, `/api/cohorts?programId=${p.id}&limit=1&page=2`)).body as Page<CohortSummaryDto>;
      expect(paged).toMatchObject({ total: byProgram.total, page: 2, limit: 1 });
      expect(paged.items).toHaveLength(1);
    });

    it('changes its name, dates and administrators', async () => {
      expect(created).toBeDefined();
      const response = await request(t.http)
        .patch(`/api/cohorts/${created.id}`)
        .set('Authorization', chunan)
        .send({ name: '淳安县书记轮训（改）', dueOn: day(55) });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: '淳安县书记轮训（改）', dueOn: day(55), startsOn: created.startsOn });

      // A province cohort with the county admin as one of its administrators: they may change it.
      const [chunanId] = await Promise.all([userId(t, 'chunan-admin')]);
      const shared = await createCohort(t, zj, { programId: p.id, name: '共管班次', adminIds: [chunanId] });
      expect(shared.admins.map((a) => a.username)).toEqual(['chunan-admin']);
      const asAdmin = (await get(chunan, `/api/cohorts/${shared.id}`)).body as CohortDto;
      expect(asAdmin.canManage).toBe(true);
      const renamed = await request(t.http)
        .patch(`/api/cohorts/${shared.id}`)
        .set('Authorization', chunan)
        .send({ name: '共管班次（改）' });
      expect(renamed.status).toBe(200);
      const dropped = await request(t.http)
        .patch(`/api/cohorts/${shared.id}`)
        .set('Authorization', zj)
        .send({ adminIds: [] });
      expect(dropped.body.admins).toEqual([]);
      expect(((await get(chunan, `/api/cohorts/${shared.id}`)).body as CohortDto).canManage).toBe(false);
    });
  });

  describe('paging', () => {
    it('tells the total of cohorts on a page past the end too', async () => {
      const first = (await get(zj, '/api/cohorts?limit=1')).body as Page<CohortSummaryDto>;
      expect(first.total).toBeGreaterThanOrEqual(3);
      const beyond = (await get(zj, '/api/cohorts?limit=1&page=1000')).body as Page<CohortSummaryDto>;
      expect(beyond).toEqual({ items: [], total: first.total, page: 1000, limit: 1 });
    });
  });

  describe('enrolment', () => {
    it('enrols individually, counts once, withdraws with a reason and re-enrols with the progress kept', async () => {
      const first = await post(zj, `/api/cohorts/${main}/enrolments`, { userIds: [c1.id, c2.id] });
      expect([first.status, first.body]).toEqual([200, { enrolled: 2, alreadyEnrolled: 0 }]);
      const again = await post(zj, `/api/cohorts/${main}/enrolments`, { userIds: [c1.id, c2.id] });
      expect(again.body).toEqual({ enrolled: 0, alreadyEnrolled: 2 });
      expect((await dashboard(zj, main, '330127')).counts).toMatchObject({ enrolled: 2, notStarted: 2 });
      const home = await get(c1.token, '/api/learning/programs');
      expect(home.body.map((x: { id: string }) => x.id)).toContain(p.id);

      await completeModule(t, c1.token, p.modules[0]);
      expect((await dashboard(zj, main, VILLAGES.xiajiang)).counts).toMatchObject({ enrolled: 1, inProgress: 1 });

      const withdrawn = await post(zj, `/api/cohorts/${main}/enrolments/withdraw`, {
        userIds: [c1.id],
        reason: '调任乡镇',
      });
      expect(withdrawn.body).toEqual({ withdrawn: 1 });
      expect((await trainees(zj, main)).items.map((i) => i.userId)).toEqual([c2.id]);
      expect((await dashboard(zj, main, '330127')).counts).toMatchObject({ enrolled: 1, inProgress: 0 });
      const [row] = await sql<{ withdrawn_reason: string }>(
        t,
        `SELECT withdrawn_reason FROM enrolment WHERE cohort_id = $1 AND user_id = $2`,
        [main, c1.id],
      );
      expect(row.withdrawn_reason).toBe('调任乡镇');
      expect((await get(c1.token, '/api/learning/programs')).body.map((x: { id: string }) => x.id)).not.toContain(p.id);
      // Withdrawing again changes nothing.
      expect(
        (await post(zj, `/api/cohorts/${main}/enrolments/withdraw`, { userIds: [c1.id], reason: '再次' })).body,
      ).toEqual({
        withdrawn: 0,
      });

      const back = await post(chunan, `/api/cohorts/${main}/enrolments`, { userIds: [c1.id] });
      expect(back.body).toEqual({ enrolled: 1, alreadyEnrolled: 0 });
      const [item] = (await trainees(zj, main, `&q=${encodeURIComponent('下姜学员')}`)).items;
      expect(item).toMatchObject({ userId: c1.id, status: 'in_progress', earnedCredits: 0.25, requiredCredits: 0.5 });
      expect((await dashboard(zj, main, '330127')).counts).toMatchObject({ enrolled: 2, inProgress: 1, notStarted: 1 });
    });

    it('filters, sorts and pages the trainee list', async () => {
      const inProgress = await trainees(zj, main, '&status=in_progress');
      expect(inProgress.items.map((i) => i.userId)).toEqual([c1.id]);
      const notStarted = await trainees(zj, main, '&status=not_started');
      expect(notStarted.items.map((i) => i.userId)).toEqual([c2.id]);
      expect((await trainees(zj, main, '&status=overdue')).total).toBe(0);
      const byCredits = await trainees(zj, main, '&sort=credits&order=desc');
      expect(byCredits.items.map((i) => i.userId)).toEqual([c1.id, c2.id]);
      const page2 = (await get(zj, `/api/cohorts/${main}/trainees?sort=credits&order=desc&limit=1&page=2`)).body;
      expect(page2).toMatchObject({ total: 2, page: 2, limit: 1 });
      expect(page2.items.map((i: CohortTraineeDto) => i.userId)).toEqual([c2.id]);
      const inactive = await trainees(zj, main, '&inactiveDays=1');
      expect(inactive.items.map((i) => i.userId)).toEqual([c2.id]);
      const byPhone = await trainees(zj, main, '&q=13700000002');
      expect(byPhone.items.map((i) => i.userId)).toEqual([c2.id]);
      const [langdong] = (await trainees(zj, main, `&region=330127101`)).items;
      expect(langdong).toMatchObject({ userId: c2.id, regionCode: VILLAGES.langdong });
      expect(langdong.regionLabel).toContain('淳安县');
    });

    it('refuses enrolment after the enrolment deadline (409), changing nothing', async () => {
      const closed = await insertCohort(t, {
        programId: p.id,
        name: '已截止',
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      await sql(t, `UPDATE cohort SET enrol_until = $2 WHERE id = $1`, [closed, day(-1)]);
      const before = await snapshot();
      const response = await post(zj, `/api/cohorts/${closed}/enrolments`, { userIds: [c1.id] });
      expect([response.status, response.body.error]).toEqual([409, 'ENROLMENT_CLOSED']);
      expect(await snapshot()).toEqual(before);
    });

    it('enrols by rule in the background: every secretary of 淳安县, once', async () => {
      const ruled = await insertCohort(t, { programId: p.id, name: '按规则', regionCode: '33', createdBy: 'zj-admin' });
      const [{ n }] = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM app_user
          WHERE region_code LIKE '330127%' AND position = 'secretary' AND 'trainee' = ANY(roles) AND active`,
      );
      expect(n).toBeGreaterThanOrEqual(2);
      const started = await post(chunan, `/api/cohorts/${ruled}/enrolments/rule`, {
        positions: ['secretary'],
        regionCode: '330127',
      });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ kind: 'enrol_rule', cohortId: ruled, total: n });
      const done = await waitForJob(t, chunan, started.body.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        processed: n,
        result: { matched: n, enrolled: n, alreadyEnrolled: 0 },
      });
      expect((await dashboard(zj, ruled)).counts.enrolled).toBe(n);
      const second = await waitForJob(
        t,
        zj,
        (await post(zj, `/api/cohorts/${ruled}/enrolments/rule`, { positions: ['secretary'], regionCode: '330127' }))
          .body.id,
      );
      expect(second.result as EnrolRuleResultDto).toEqual({ matched: n, enrolled: 0, alreadyEnrolled: n });
      const jobs = (await get(chunan, `/api/cohorts/${ruled}/jobs`)).body as JobDto[];
      expect(jobs.map((j) => j.id)).toEqual([second.id, done.id]);
    });
  });

  describe('transfers', () => {
    it('moves a trainee to another village: the counts move at every level, the progress stays', async () => {
      // c1 (下姜村, in progress) goes to 浪洞村: another township of the same county.
      const progressBefore = await sql(t, `SELECT module_id, status FROM module_progress WHERE user_id = $1`, [c1.id]);
      const before = {
        village: await countAt(main, VILLAGES.xiajiang),
        township: await countAt(main, '330127111'),
        county: await countAt(main, '330127'),
        newVillage: await countAt(main, VILLAGES.wenping),
        newTownship: await countAt(main, '330127101'),
      };
      const moved = await post(chunan, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, {
        villageCode: VILLAGES.wenping,
      });
      expect(moved.status).toBe(204);
      expect(await countAt(main, VILLAGES.xiajiang)).toEqual({
        enrolled: before.village.enrolled - 1,
        in_progress: before.village.in_progress - 1,
        completed: 0,
      });
      expect((await countAt(main, '330127111')).enrolled).toBe(before.township.enrolled - 1);
      expect(await countAt(main, '330127')).toEqual(before.county);
      expect(await countAt(main, VILLAGES.wenping)).toEqual({
        enrolled: before.newVillage.enrolled + 1,
        in_progress: before.newVillage.in_progress + 1,
        completed: 0,
      });
      expect((await countAt(main, '330127101')).enrolled).toBe(before.newTownship.enrolled + 1);
      expect(await sql(t, `SELECT module_id, status FROM module_progress WHERE user_id = $1`, [c1.id])).toEqual(
        progressBefore,
      );
      const [item] = (await trainees(zj, main, `&region=${VILLAGES.wenping}`)).items;
      expect(item).toMatchObject({
        userId: c1.id,
        regionCode: VILLAGES.wenping,
        status: 'in_progress',
        earnedCredits: 0.25,
      });

      // The province admin moves them on to 安吉县: 淳安县 loses them, 安吉县 and 湖州市 gain them.
      const province = await countAt(main, '33');
      expect(
        (await post(zj, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, { villageCode: VILLAGES.anji })).status,
      ).toBe(204);
      expect(await countAt(main, '33')).toEqual(province);
      expect((await countAt(main, '330523')).in_progress).toBe(1);
      expect((await countAt(main, '3305')).in_progress).toBe(1);
      expect((await trainees(chunan, main)).items.map((i) => i.userId)).not.toContain(c1.id);
      expect((await trainees(anji, main)).items.map((i) => i.userId)).toContain(c1.id);
      // …and back.
      expect(
        (await post(zj, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, { villageCode: VILLAGES.xiajiang }))
          .status,
      ).toBe(204);
      expect((await countAt(main, '330523')).in_progress).toBe(0);
      const job = await reconcile(t, zj, main);
      expect(job.result).toMatchObject({ mismatched: 0 });
    });

    it('moves a trainee to another cohort of the same program, keeping the status', async () => {
      const next = await insertCohort(t, {
        programId: p.id,
        name: '全省第三期',
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      const from = await countAt(main, '33');
      const moved = await post(zj, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, { cohortId: next });
      expect(moved.status).toBe(204);
      expect(await countAt(main, '33')).toEqual({
        enrolled: from.enrolled - 1,
        in_progress: from.in_progress - 1,
        completed: 0,
      });
      expect(await countAt(next, VILLAGES.xiajiang)).toEqual({ enrolled: 1, in_progress: 1, completed: 0 });
      const [row] = await sql<{ source: string; status: string }>(
        t,
        `SELECT source, status FROM enrolment WHERE cohort_id = $1 AND user_id = $2`,
        [next, c1.id],
      );
      expect(row).toEqual({ source: 'transfer', status: 'in_progress' });

      // Back into the first cohort too; then a transfer to where they already are is refused.
      await enrol(t, zj, main, [c1.id]);
      const otherProgram = await insertCohort(t, {
        programId: other.id,
        name: '别的项目',
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      const before = await snapshot();
      const twice = await post(zj, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, { cohortId: next });
      expect(twice.status).toBe(400);
      const wrong = await post(zj, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, { cohortId: otherProgram });
      expect(wrong.status).toBe(400);
      const hidden = await post(chunan, `/api/cohorts/${main}/enrolments/${c1.id}/transfer`, { cohortId: anjiCohort });
      expect(hidden.status).toBe(404);
      expect(await snapshot()).toEqual(before);
    });

    it('does not transfer a trainee into a cohort whose region does not include them', async () => {
      // anjiCohort runs the same program for 安吉县 only; c3 lives in 淳安县.
      const source = await insertCohort(t, {
        programId: p.id,
        name: '转出班次',
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      await enrol(t, zj, source, [c3.id]);
      const before = await snapshot();
      const response = await post(zj, `/api/cohorts/${source}/enrolments/${c3.id}/transfer`, { cohortId: anjiCohort });
      expect([400, 403]).toContain(response.status);
      expect(await snapshot()).toEqual(before);
    });

    it('never leaves an enrolment outside its cohort’s region, where no admin could see or withdraw it', async () => {
      // a2 of 安吉县 in 安吉县’s cohort; moving them to 淳安县 through that cohort takes them out of its region.
      await enrol(t, anji, anjiCohort, [a2.id]);
      const response = await post(zj, `/api/cohorts/${anjiCohort}/enrolments/${a2.id}/transfer`, {
        villageCode: VILLAGES.xiajiang,
      });
      const outside = await sql(
        t,
        `SELECT e.user_id FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
          WHERE e.withdrawn_at IS NULL AND NOT e.region_path <@ c.region_path`,
      );
      expect({ status: response.status, outside }).toEqual({ status: response.status, outside: [] });
      if (response.status === 204) {
        // Had the move been allowed, the cohort would at least still list them.
        expect((await trainees(zj, anjiCohort)).items.map((i) => i.userId)).toContain(a2.id);
      }
    });
  });

  describe('reminders', () => {
    /** The reminders in a trainee's bell (enrolling sends its own notifications too). */
    const notificationsOf = async (token: string) =>
      ((await get(token, '/api/notifications?limit=100')).body as NotificationPage).items.filter(
        (n) => n.kind === 'reminder',
      );
    const unread = async (token: string) =>
      ((await get(token, '/api/notifications/unread-count')).body as { unread: number }).unread;

    it('sends an in-app reminder, once a day at most', async () => {
      const unreadBefore = await unread(c2.token);
      const sent = await post(chunan, `/api/cohorts/${main}/reminders`, { userIds: [c2.id], message: '请本周内完成' });
      expect([sent.status, sent.body]).toEqual([200, { sent: 1, skipped: 0 }]);
      const [note] = await notificationsOf(c2.token);
      expect(note).toMatchObject({ kind: 'reminder', title: '请抓紧完成「全省第二期」的学习', readAt: null });
      expect(note.body).toContain('方志远：请本周内完成');
      expect(await unread(c2.token)).toBe(unreadBefore + 1);
      expect((await trainees(zj, main, '&q=13700000002')).items[0].remindedAt).not.toBeNull();

      const again = await post(zj, `/api/cohorts/${main}/reminders`, { userIds: [c2.id] });
      expect(again.body).toEqual({ sent: 0, skipped: 1 });
      expect(await notificationsOf(c2.token)).toHaveLength(1);

      // Everyone not completed: c1 gets one, c2 was reminded today.
      const bulk = await post(zj, `/api/cohorts/${main}/reminders`, { filter: 'not_completed' });
      expect(bulk.body).toEqual({ sent: 1, skipped: 1 });
      expect(await notificationsOf(c1.token)).toHaveLength(1);

      await sql(t, `UPDATE enrolment SET reminded_at = now() - interval '25 hours' WHERE cohort_id = $1`, [main]);
      expect((await post(zj, `/api/cohorts/${main}/reminders`, { userIds: [c2.id] })).body).toEqual({
        sent: 1,
        skipped: 0,
      });
      expect(await notificationsOf(c2.token)).toHaveLength(2);
      // Nobody overdue before the deadline.
      expect((await post(zj, `/api/cohorts/${main}/reminders`, { filter: 'overdue' })).body).toEqual({
        sent: 0,
        skipped: 0,
      });
    });

    it('reminds a county admin’s own trainees only, and the overdue after the deadline', async () => {
      const trainee2 = await userId(t, 'trainee2');
      const county = await post(chunan, `/api/cohorts/${demo}/reminders`, { filter: 'not_completed' });
      expect(county.body).toEqual({ sent: 1, skipped: 0 });
      expect(await notificationsOf(trainee)).toHaveLength(1);
      expect(await sql(t, `SELECT 1 FROM notification WHERE user_id = $1 AND kind = 'reminder'`, [trainee2])).toEqual(
        [],
      );

      const late = await insertCohort(t, {
        programId: p.id,
        name: '已逾期班次',
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      await enrol(t, zj, late, [c2.id, a1.id]);
      await sql(t, `UPDATE cohort SET starts_on = $2, enrol_until = $3, due_on = $3 WHERE id = $1`, [
        late,
        day(-30),
        day(-1),
      ]);
      const view = await dashboard(zj, late);
      expect(view.counts).toMatchObject({ enrolled: 2, overdue: 2, completionRate: 0 });
      expect((await trainees(zj, late, '&status=overdue')).total).toBe(2);
      expect((await trainees(chunan, late, '&status=overdue')).items.map((i) => i.userId)).toEqual([c2.id]);
      const overdue = await post(chunan, `/api/cohorts/${late}/reminders`, { filter: 'overdue' });
      expect(overdue.body).toEqual({ sent: 1, skipped: 0 });
      const inactive = await post(zj, `/api/cohorts/${late}/reminders`, { filter: 'inactive', inactiveDays: 3 });
      expect(inactive.body).toEqual({ sent: 1, skipped: 1 });
    });
  });

  describe('the annual requirement', () => {
    it('is set by the province admin and shown with the pace on the dashboard and the trainee list', async () => {
      const today = chinaToday();
      expect((await get(zj, '/api/annual-requirement')).body).toMatchObject({ creditHours: 10 });
      const set = await request(t.http)
        .put('/api/annual-requirement')
        .set('Authorization', zj)
        .send({ creditHours: 50 });
      expect(set.status).toBe(200);
      const annual = set.body as AnnualRequirementDto;
      expect(annual).toEqual({ year: Number(today.slice(0, 4)), creditHours: 50, paceToday: annualPace(50, today) });
      expect((await get(chunan, '/api/annual-requirement')).body).toEqual(annual);
      expect((await dashboard(chunan, main)).annual).toEqual(annual);
      const list = await trainees(zj, main);
      for (const item of list.items) {
        expect(item.paceCredits).toBe(annual.paceToday);
        expect(item.behindPace).toBe(isBehindPace(item.yearCredits, annual.paceToday));
      }
      expect(list.items.find((i) => i.userId === c1.id)?.yearCredits).toBe(0.25);
      const behind = await trainees(zj, main, '&behindPace=true');
      expect(behind.total).toBe(list.items.filter((i) => i.behindPace).length);
    });
  });

  describe('exports', () => {
    const csvRows = (bytes: Buffer) => {
      expect([...bytes.subarray(0, 3)]).toEqual(BOM);
      return parse(bytes.subarray(3).toString('utf8'));
    };
    const xlsxRows = async (bytes: Buffer) => {
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const table: unknown[][] = [];
      sheet.eachRow((row) => table.push((row.values as unknown[]).slice(1)));
      return table;
    };

    it('exports the region table as CSV (UTF-8 with BOM) and XLSX with Chinese headers', async () => {
      const csv = await download(t, zj, `/api/cohorts/${demo}/export/regions`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''`);
      const table = csvRows(csv.body as Buffer);
      expect(table[0]).toEqual(REGION_HEADERS);
      const byCode = new Map(table.slice(1).map((r) => [r[0], r]));
      expect(byCode.get('3301')?.slice(1, 4)).toEqual(['杭州市', '市', '1']);
      expect(byCode.get('3305')?.slice(1, 4)).toEqual(['湖州市', '市', '1']);

      const xlsx = await download(t, zj, `/api/cohorts/${demo}/export/regions?format=xlsx&region=330127`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const sheet = await xlsxRows(xlsx.body as Buffer);
      expect(sheet[0]).toEqual(REGION_HEADERS);
      expect(sheet.slice(1).every((r) => String(r[0]).startsWith('330127'))).toBe(true);
      // Counts stay numbers in the workbook.
      expect(sheet.slice(1).every((r) => typeof r[3] === 'number')).toBe(true);
    });

    it('neutralises names a spreadsheet would run as formulas, in CSV and XLSX', async () => {
      const names = ['=HYPERLINK("http://evil.example","点我")', '＋1', '@SUM(A1)', '-2+3', '＝1+1', '\t=1'];
      const ids: string[] = [];
      for (const [i, name] of names.entries()) {
        const created = await post(zj, '/api/users', {
          username: `formula-${i}`,
          name,
          password: 'Formula#2026',
          roles: ['trainee'],
          regionCode: VILLAGES.xiajiang,
        });
        expect(created.status).toBe(201);
        ids.push(created.body.id);
      }
      await enrol(t, zj, main, ids);
      // As stored (the users API trims names, so the tab case arrives as "=1").
      const stored = new Map(
        (
          await sql<{ username: string; name: string }>(
            t,
            `SELECT username, name FROM app_user WHERE username LIKE 'formula-%'`,
          )
        ).map((r) => [r.username, r.name]),
      );

      const csv = csvRows((await download(t, chunan, `/api/cohorts/${main}/export/trainees`)).body as Buffer);
      expect(csv[0].slice(0, 3)).toEqual(['姓名', '用户名', '手机号']);
      const csvNames = new Map(csv.slice(1).map((r) => [r[1], r[0]]));
      const xlsx = await xlsxRows(
        (await download(t, chunan, `/api/cohorts/${main}/export/trainees?format=xlsx`)).body as Buffer,
      );
      expect(xlsx[0].slice(0, 3)).toEqual(['姓名', '用户名', '手机号']);
      const xlsxNames = new Map(xlsx.slice(1).map((r) => [String(r[1]), r[0]]));
      for (const [i] of names.entries()) {
        const name = stored.get(`formula-${i}`) as string;
        expect(csvNames.get(`formula-${i}`)).toBe(`'${name}`);
        expect(xlsxNames.get(`formula-${i}`)).toBe(`'${name}`);
      }
      // No cell of either file starts with a formula character.
      const risky = /^[=+\-@＝＋－＠\t\r]/;
      expect(csv.flat().filter((c) => risky.test(c))).toEqual([]);
      expect(xlsx.flat().filter((c) => typeof c === 'string' && risky.test(c))).toEqual([]);
    });

    it('offers the import template as CSV and XLSX', async () => {
      const csv = csvRows((await download(t, chunan, '/api/cohorts/imports/template')).body as Buffer);
      expect(csv[0]).toEqual(['姓名', '手机号', '用户名', '村（社区）', '职务']);
      expect(csv.length).toBeGreaterThan(1);
      const xlsx = await xlsxRows(
        (await download(t, chunan, '/api/cohorts/imports/template?format=xlsx')).body as Buffer,
      );
      expect(xlsx[0]).toEqual(['姓名', '手机号', '用户名', '村（社区）', '职务']);
    });
  });
});
