import request from 'supertest';
import type { CohortDashboardDto, ReconcileResultDto } from '@lingyan/contracts';
import {
  sql,
  completeModule,
  createCadres,
  createProgram,
  enrol,
  insertCohort,
  entries,
  maintainedCounts,
  maintainedWeeks,
  recountedCounts,
  recountedWeeks,
  reconcile,
  statusChecks,
  strayEnrolments,
  touchModule,
  VILLAGES,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CHUNAN_VILLAGES = [VILLAGES.xiajiang, VILLAGES.langdong, VILLAGES.wenping];
const ALL_VILLAGES = [...CHUNAN_VILLAGES, VILLAGES.anji, VILLAGES.anjiKangshan];
/** COUNT_OPERATIONS=200 runs longer sequences when hunting a bug. */
const OPERATIONS = Number(process.env['COUNT_OPERATIONS'] ?? 40);
/** COUNT_SEEDS=1,2,3 replays given seeds; otherwise COUNT_RUNS (3) fresh ones, printed. */
const SEEDS = process.env['COUNT_SEEDS']
  ? process.env['COUNT_SEEDS'].split(',').map(Number)
  : Array.from({ length: Number(process.env['COUNT_RUNS'] ?? 3) }, () => Math.floor(Math.random() * 2 ** 31));

describe('completion counts: the maintained counts equal a full recount', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  /** P: course A required (2 modules), course B optional (2 modules), 0.75 h — A and one module of B. */
  let p: ProgramFixture;
  /** Q: course B (shared with P) and course C (1 module), both required, 0.5 h. */
  let q: ProgramFixture;
  const allCohorts: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan] = await Promise.all([bearer(t, 'zj-admin'), bearer(t, 'chunan-admin')]);
    p = await createProgram(t, {
      title: '属性测试轮训P',
      requiredCredits: 0.75,
      courses: [{ required: true }, { required: false }],
    });
    q = await createProgram(t, {
      title: '属性测试轮训Q',
      requiredCredits: 0.5,
      courses: [
        { required: true, courseId: p.courses[1].id },
        { required: true, modules: 1 },
      ],
    });
  });
  afterAll(() => t.close());

  /** Everything the maintained tables hold, beside the recount and the domain rule from scratch. */
  async function expectConsistent(cohortIds: readonly string[], label: string): Promise<void> {
    expect({ label, stray: await strayEnrolments(t, cohortIds) }).toEqual({ label, stray: [] });
    expect({ label, counts: entries(await maintainedCounts(t, cohortIds)) }).toEqual({
      label,
      counts: entries(await recountedCounts(t, cohortIds)),
    });
    expect({ label, weeks: entries(await maintainedWeeks(t, cohortIds)) }).toEqual({
      label,
      weeks: entries(await recountedWeeks(t, cohortIds)),
    });
    const wrong = (await statusChecks(t, cohortIds)).filter(
      (c) => c.stored !== c.expected || c.storedCredits !== c.expectedCredits,
    );
    expect({ label, wrong }).toEqual({ label, wrong: [] });
  }

  describe.each(SEEDS)('a random sequence of %d', (seed) => {
    it(`keeps the counts right through ${OPERATIONS} progress events, withdrawals, re-enrolments and transfers`, async () => {
      console.log(`completion-counts property test: seed ${seed} (replay with COUNT_SEEDS=${seed})`);
      const random = prng(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const prefix = `s${seed}`;

      const cadres: Cadre[] = await createCadres(
        t,
        Array.from({ length: 12 }, (_, i) => ({
          username: `${prefix}-${i}`,
          village: ALL_VILLAGES[i % ALL_VILLAGES.length],
          position: i % 3 === 0 ? 'secretary' : 'member',
        })),
      );
      // Cohorts are written directly: creating them is cohorts.spec's subject, not this one's.
      const c1 = await insertCohort(t, {
        programId: p.id,
        name: `${prefix}-一期`,
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      const c2 = await insertCohort(t, {
        programId: p.id,
        name: `${prefix}-二期`,
        regionCode: '33',
        createdBy: 'zj-admin',
      });
      const c3 = await insertCohort(t, {
        programId: q.id,
        name: `${prefix}-淳安`,
        regionCode: '330127',
        createdBy: 'chunan-admin',
      });
      const cohorts = [c1, c2, c3];
      allCohorts.push(...cohorts);
      const programOf = (cohortId: string) => (cohortId === c3 ? q : p);

      const villageOf = async (userId: string) =>
        (await sql<{ region_code: string }>(t, `SELECT region_code FROM app_user WHERE id = $1`, [userId]))[0]
          .region_code;
      const active = async () =>
        sql<{ cohort_id: string; user_id: string }>(
          t,
          `SELECT cohort_id, user_id FROM enrolment WHERE cohort_id = ANY($1) AND withdrawn_at IS NULL`,
          [cohorts],
        );
      const isActive = (list: Array<{ cohort_id: string; user_id: string }>, cohortId: string, userId: string) =>
        list.some((e) => e.cohort_id === cohortId && e.user_id === userId);

      // A first enrolment: most in one of the two province cohorts, half of 淳安's in the county cohort.
      for (const cadre of cadres) {
        if (random() < 0.8) await enrol(t, zj, random() < 0.5 ? c1 : c2, [cadre.id]);
        if (cadre.village.startsWith('330127') && random() < 0.5) await enrol(t, chunan, c3, [cadre.id]);
      }

      const log: string[] = [];
      const post = async (token: string, path: string, body: object, status: number) => {
        const response = await request(t.http).post(path).set('Authorization', token).send(body);
        if (response.status !== status) {
          throw new Error(
            `seed ${seed}, after ${log.join(' | ')}: ${path} ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      };

      for (let n = 1; n <= OPERATIONS; n++) {
        const roll = random();
        const enrolments = await active();
        if (roll < 0.45) {
          // Progress that completes a module (of either program; course B is in both).
          const cadre = pick(cadres);
          const module = pick([...p.modules, ...q.courses[1].modules]);
          log.push(`complete ${cadre.username} ${module.slice(0, 8)}`);
          await completeModule(t, cadre.token, module);
        } else if (roll < 0.55) {
          const cadre = pick(cadres);
          const module = pick([...p.modules, ...q.courses[1].modules]);
          log.push(`touch ${cadre.username} ${module.slice(0, 8)}`);
          await touchModule(t, cadre.token, module);
        } else if (roll < 0.67) {
          if (enrolments.length === 0) continue;
          const e = pick(enrolments);
          const village = await villageOf(e.user_id);
          // The county admin withdraws their own county's trainees; the province admin anyone.
          const token = village.startsWith('330127') && random() < 0.5 ? chunan : zj;
          log.push(`withdraw ${e.user_id.slice(0, 8)} from ${e.cohort_id.slice(0, 8)}`);
          await post(
            token,
            `/api/cohorts/${e.cohort_id}/enrolments/withdraw`,
            { userIds: [e.user_id], reason: '测试' },
            200,
          );
        } else if (roll < 0.8) {
          const cadre = pick(cadres);
          const cohortId = pick(cohorts);
          if (isActive(enrolments, cohortId, cadre.id)) continue;
          // The county cohort only takes 淳安县's trainees.
          if (cohortId === c3 && !(await villageOf(cadre.id)).startsWith('330127')) continue;
          log.push(`enrol ${cadre.username} in ${cohortId.slice(0, 8)}`);
          await post(zj, `/api/cohorts/${cohortId}/enrolments`, { userIds: [cadre.id] }, 200);
        } else if (roll < 0.9) {
          if (enrolments.length === 0) continue;
          const e = pick(enrolments);
          const inCounty = isActive(enrolments, c3, e.user_id);
          const current = await villageOf(e.user_id);
          const targets = (inCounty ? CHUNAN_VILLAGES : ALL_VILLAGES).filter((v) => v !== current);
          const village = pick(targets);
          log.push(`move ${e.user_id.slice(0, 8)} to ${village}`);
          await post(zj, `/api/cohorts/${e.cohort_id}/enrolments/${e.user_id}/transfer`, { villageCode: village }, 204);
        } else {
          const candidates = enrolments.filter(
            (e) => e.cohort_id !== c3 && !isActive(enrolments, e.cohort_id === c1 ? c2 : c1, e.user_id),
          );
          if (candidates.length === 0) continue;
          const e = pick(candidates);
          const target = e.cohort_id === c1 ? c2 : c1;
          log.push(`transfer ${e.user_id.slice(0, 8)} to ${target.slice(0, 8)}`);
          await post(zj, `/api/cohorts/${e.cohort_id}/enrolments/${e.user_id}/transfer`, { cohortId: target }, 204);
        }
        if (n % 10 === 0) await expectConsistent(cohorts, `seed ${seed}, after ${n}: ${log.join(' | ')}`);
      }

      // Something happened: some enrolment (withdrawn ones included) moved beyond "not started". A seed may
      // well leave every active enrolment in one status, so that is not asked.
      const [{ moved }] = await sql<{ moved: number }>(
        t,
        `SELECT count(*)::int AS moved FROM enrolment WHERE cohort_id = ANY($1) AND status <> 'not_started'`,
        [cohorts],
      );
      expect(moved).toBeGreaterThanOrEqual(1);

      // The reconcile job recounts from scratch and finds nothing to correct.
      const before = entries(await maintainedCounts(t, cohorts));
      for (const cohortId of cohorts) {
        const job = await reconcile(t, zj, cohortId);
        expect(job.status).toBe('succeeded');
        const result = job.result as ReconcileResultDto;
        expect({ seed, cohortId, mismatched: result.mismatched }).toEqual({ seed, cohortId, mismatched: 0 });
        const recounted = [...(await recountedCounts(t, [cohortId])).keys()];
        expect(result.checked).toBe(recounted.length);
        expect(programOf(cohortId)).toBeDefined();
      }
      expect(entries(await maintainedCounts(t, cohorts))).toEqual(before);
      await expectConsistent(cohorts, `seed ${seed}, after reconcile`);

      // A second reconcile has nothing at all to refresh.
      for (const cohortId of cohorts) {
        const again = (await reconcile(t, zj, cohortId)).result as ReconcileResultDto;
        expect(again).toMatchObject({ mismatched: 0, enrolmentsRefreshed: 0 });
      }
    });
  });

  it('answers a province dashboard from the same counts as the recount, at every child region', async () => {
    expect(allCohorts.length).toBeGreaterThan(0);
    for (const cohortId of allCohorts) {
      const recount = await recountedCounts(t, [cohortId]);
      const of = (code: string) => recount.get(`${cohortId}:${code}`) ?? [0, 0, 0, 0];
      const response = await request(t.http).get(`/api/cohorts/${cohortId}/dashboard`).set('Authorization', zj);
      expect(response.status).toBe(200);
      const dashboard = response.body as CohortDashboardDto;
      const top = dashboard.region.code;
      const { enrolled, notStarted, inProgress, completed } = dashboard.counts;
      expect([enrolled, notStarted, inProgress, completed]).toEqual(of(top));
      for (const child of dashboard.children) {
        expect([child.region.code, child.enrolled, child.notStarted, child.inProgress, child.completed]).toEqual([
          child.region.code,
          ...of(child.region.code),
        ]);
      }
      // The county admin's default view of the same cohort: 淳安县 only.
      const county = (await request(t.http).get(`/api/cohorts/${cohortId}/dashboard`).set('Authorization', chunan))
        .body as CohortDashboardDto;
      expect(county.region.code).toBe('330127');
      expect([
        county.counts.enrolled,
        county.counts.notStarted,
        county.counts.inProgress,
        county.counts.completed,
      ]).toEqual(of('330127'));
    }
  });

  it('makes the reconcile job find and repair counts and statuses changed behind its back', async () => {
    const cohortId = allCohorts[0];
    const recount = await recountedCounts(t, [cohortId]);
    const village = [...recount.keys()].find((k) => k.split(':')[1].length === 12) as string;
    expect(village).toBeDefined();
    // Two count rows wrong (one off by two, one gone), the weekly trend emptied…
    await sql(t, `UPDATE completion_count SET completed = completed + 2 WHERE cohort_id = $1 AND region_code = '33'`, [
      cohortId,
    ]);
    await sql(t, `DELETE FROM completion_count WHERE cohort_id = $1 AND region_code = $2`, [
      cohortId,
      village.split(':')[1],
    ]);
    await sql(t, `DELETE FROM completion_week WHERE cohort_id = $1`, [cohortId]);
    // …and one enrolment's status stale (the triggers count it as stored, so the counts agree with it).
    // An UPDATE answers [rows, count].
    const [updated] = (await sql(
      t,
      `UPDATE enrolment SET status = 'not_started'
        WHERE (cohort_id, user_id) IN (SELECT cohort_id, user_id FROM enrolment
                                        WHERE cohort_id = $1 AND status = 'in_progress' AND withdrawn_at IS NULL LIMIT 1)
        RETURNING user_id`,
      [cohortId],
    )) as unknown as [Array<{ user_id: string }>, number];
    const stale = updated.length;

    const job = await reconcile(t, zj, cohortId);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ mismatched: 2, enrolmentsRefreshed: stale });
    await expectConsistent([cohortId], 'after a repair');
    expect((await reconcile(t, zj, cohortId)).result).toMatchObject({ mismatched: 0, enrolmentsRefreshed: 0 });
  });

  it('flips the enrolment to completed and moves the counts in the progress request’s own transaction', async () => {
    const [cadre] = await createCadres(t, [{ username: 'finisher', village: VILLAGES.langdong }]);
    const cohort = {
      id: await insertCohort(t, { programId: p.id, name: '一次完成', regionCode: '33', createdBy: 'zj-admin' }),
    };
    await enrol(t, zj, cohort.id, [cadre.id]);
    const countsAt = async (code: string) =>
      (
        await sql<{ enrolled: number; not_started: number; in_progress: number; completed: number }>(
          t,
          `SELECT enrolled, not_started, in_progress, completed FROM completion_count
            WHERE cohort_id = $1 AND region_code = $2`,
          [cohort.id, code],
        )
      )[0];
    const path = ['33', '3301', '330127', '330127101', VILLAGES.langdong];
    for (const code of path) {
      expect(await countsAt(code)).toEqual({ enrolled: 1, not_started: 1, in_progress: 0, completed: 0 });
    }

    // The first module: in progress at once, at every level.
    const [a1, a2] = p.courses[0].modules;
    const [b1] = p.courses[1].modules;
    await completeModule(t, cadre.token, a1);
    for (const code of path) {
      expect(await countsAt(code)).toEqual({ enrolled: 1, not_started: 0, in_progress: 1, completed: 0 });
    }
    // The required course done, but 0.5 of 0.75 credit hours: still in progress.
    await completeModule(t, cadre.token, a2);
    expect(await countsAt('33')).toEqual({ enrolled: 1, not_started: 0, in_progress: 1, completed: 0 });

    // The last module: when the POST returns, the enrolment and every count row already say completed.
    const last = await completeModule(t, cadre.token, b1);
    expect(last.progress.status).toBe('complete');
    const [enrolment] = await sql<{ status: string; completed_at: Date | null; earned_credits: string }>(
      t,
      `SELECT status, completed_at, earned_credits FROM enrolment WHERE cohort_id = $1 AND user_id = $2`,
      [cohort.id, cadre.id],
    );
    expect(enrolment.status).toBe('completed');
    expect(enrolment.completed_at).not.toBeNull();
    expect(Number(enrolment.earned_credits)).toBe(0.75);
    for (const code of path) {
      expect(await countsAt(code)).toEqual({ enrolled: 1, not_started: 0, in_progress: 0, completed: 1 });
    }
    const weeks = await maintainedWeeks(t, [cohort.id]);
    expect(entries(weeks)).toEqual(entries(await recountedWeeks(t, [cohort.id])));
    expect([...weeks.values()]).toEqual([1, 1, 1, 1, 1]);

    const dashboard = (await request(t.http).get(`/api/cohorts/${cohort.id}/dashboard`).set('Authorization', zj))
      .body as CohortDashboardDto;
    expect(dashboard.counts).toMatchObject({ enrolled: 1, completed: 1, completionRate: 100 });
    expect(dashboard.trend.at(-1)).toMatchObject({ completed: 1, cumulative: 1 });

    // More progress after completion changes nothing.
    await completeModule(t, cadre.token, p.courses[1].modules[1]);
    expect(await countsAt('33')).toEqual({ enrolled: 1, not_started: 0, in_progress: 0, completed: 1 });
  });
});
