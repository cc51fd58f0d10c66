/**
 * `npm run seed:scale`: loads a province-scale data set for the issue-4 benchmark, in minutes, with
 * server-side INSERT … SELECT over generate_series (nothing row by row crosses the wire):
 *
 *   - 126,000 trainees (SCALE_TRAINEES to change), about 5 in each of Zhejiang's 25,547 real villages;
 *   - one published rotation program of 6 courses and 24 modules (scale-curriculum.ts);
 *   - one cohort over the whole province (浙江省, 33) with every trainee enrolled;
 *   - progress for about 60% of them (the share varies by county), as a prefix of the curriculum
 *     spread over the last 12 weeks: module_progress, module_open, one progress_event per
 *     module_progress row (the last report; its union of windows is in module_progress) and ledger
 *     entries for completed modules — about 5 million rows;
 *   - each enrolment's status, credits and dates derived from those rows in set-based SQL by the
 *     program's rule; the completion counts per region are then rebuilt in one GROUP BY.
 *
 * Target: DATABASE_URL, or an embedded PostgreSQL in SCALE_DATA_DIR (default .data/scale, port
 * SCALE_PG_PORT, default 54339) — see scale-target.ts. Runs in one transaction: it loads everything or
 * nothing, and a second run finds the data and does nothing. The big tables' indexes are rebuilt after
 * their rows are in (deferred-indexes.ts), which makes the load about twice as fast. About 3 minutes on
 * a busy 2-core machine.
 */
import '../api/support/register-paths';
import 'reflect-metadata';
import { Client } from 'pg';
import { hashPassword } from '../../api/src/auth/passwords';
import { DEMO_PASSWORD } from '../../api/src/database/seed/demo-data';
import { dropIndexes } from './deferred-indexes';
import { loadScaleProgress } from './seed-scale-progress';
import { SCALE_COURSES, SCALE_REQUIRED_CREDITS } from './scale-curriculum';
import { openScaleTarget } from './scale-target';

export const SCALE_SEED = 'scale';
export const SCALE_PROGRAM_TITLE = '村社干部全员轮训（省级规模数据）';
export const SCALE_COHORT_NAME = '浙江省村社干部全员轮训·规模测试班';

export interface ScaleData {
  programId: string;
  cohortId: string;
  trainees: number;
}

/** Common surnames, and characters of given names, for names like 王建国 or 李芳. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤楼应俞章';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国文志红海燕春梅林波斌宇浩凯鹏晨辉成龙飞亮俊峰松雪琴立新永庆德福荣根水土金发忠良益民晓丹慧婷云月萍琳彬锋亚东升';

/** The scale data already in the database, or null. */
export async function findScaleData(client: Client): Promise<ScaleData | null> {
  const rows = await client.query<{ program_id: string; cohort_id: string; trainees: number }>(
    `SELECT c.program_id, c.id AS cohort_id,
            (SELECT count(*)::int FROM enrolment e WHERE e.cohort_id = c.id AND e.source = 'seed') AS trainees
       FROM seed_run s JOIN cohort c ON c.name = $2
      WHERE s.name = $1`,
    [SCALE_SEED, SCALE_COHORT_NAME],
  );
  const row = rows.rows[0];
  return row ? { programId: row.program_id, cohortId: row.cohort_id, trainees: row.trainees } : null;
}

export interface SeedOptions {
  trainees: number;
  log: (message: string) => void;
}

/** Loads the scale data in one transaction; returns what was there already when it was. */
export async function seedScale(client: Client, options: SeedOptions): Promise<ScaleData & { loaded: boolean }> {
  const existing = await findScaleData(client);
  if (existing) return { ...existing, loaded: false };
  const clash = await client.query(`SELECT 1 FROM app_user WHERE lower(username) = 's000001'`);
  if (clash.rowCount) {
    throw new Error('This database has users named s000001… but no completed scale seed: load into a fresh database.');
  }
  const { log } = options;
  const step = async <T>(
    name: string,
    work: () => Promise<T>,
    rows?: (result: T) => number,
    unit = 'rows',
  ): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    const count = rows ? ` ${rows(result).toLocaleString('en-US').padStart(10)} ${unit.padEnd(7)}` : ''.padStart(19);
    log(`  ${name.padEnd(46)}${count}  ${(ms / 1000).toFixed(1).padStart(6)} s`);
    return result;
  };
  const affected = (r: { rowCount: number | null }) => r.rowCount ?? 0;

  const hash = await step('hash the shared password (argon2id)', () => hashPassword(DEMO_PASSWORD));
  await client.query('BEGIN');
  try {
    // Bulk-load settings for this transaction only; nothing changes for other sessions.
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL work_mem = '128MB'`);
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await client.query(`SET LOCAL jit = off`);
    // Deterministic pseudo-random numbers from a key: the same data on every machine.
    await client.query(`
      CREATE FUNCTION pg_temp.h(key bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (hashint8(key * 1000 + salt)::bigint & 2147483647)::int $$`);
    await client.query(`
      CREATE FUNCTION pg_temp.u(key bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT pg_temp.h(key, salt) / 2147483648.0 $$`);

    const [admin] = (await client.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'zj-admin'`)).rows;
    const [owner] = (
      await client.query<{ id: string }>(`SELECT id FROM app_user WHERE username IN ('trainer', 'zj-admin')
                                           ORDER BY username = 'trainer' DESC LIMIT 1`)
    ).rows;
    if (!admin || !owner) throw new Error('the demo accounts zj-admin and trainer are missing');

    await client.query(`CREATE TEMP TABLE scale_trainee (user_id uuid PRIMARY KEY, g int NOT NULL, region_code text)
                        ON COMMIT DROP`);
    const userIndexes = await dropIndexes(client, ['app_user']);
    await step(
      'trainees (app_user)',
      () =>
        client.query(
          `WITH v AS (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS n FROM region WHERE level = 'village'),
                nv AS (SELECT count(*)::int AS c FROM v),
                ins AS (
                  INSERT INTO app_user (username, name, phone, password_hash, roles, position, region_code, created_at,
                                        updated_at)
                  SELECT 's' || lpad(g::text, 6, '0'),
                         substr($2::text, 1 + pg_temp.h(g, 1) % char_length($2::text), 1)
                           || substr($3::text, 1 + pg_temp.h(g, 2) % char_length($3::text), 1)
                           || CASE WHEN pg_temp.h(g, 3) % 4 <> 0
                                   THEN substr($3::text, 1 + pg_temp.h(g, 4) % char_length($3::text), 1) ELSE '' END,
                         '139' || lpad(g::text, 8, '0'),
                         $4, ARRAY['trainee'],
                         (ARRAY['secretary', 'director', 'member', 'reserve', 'member'])[1 + ((g - 1) / nv.c) % 5],
                         v.code, now() - interval '120 days', now() - interval '120 days'
                    FROM generate_series(1, $1::int) g CROSS JOIN nv JOIN v ON v.n = (g - 1) % nv.c
                  RETURNING id, username, region_code)
           INSERT INTO scale_trainee SELECT id, substr(username, 2)::int, region_code FROM ins`,
          [options.trainees, SURNAMES, GIVEN, hash],
        ),
      affected,
    );
    await step('  rebuild app_user indexes', userIndexes, (n) => n, 'indexes');

    const start = await client.query<{ starts_on: string; due_on: string; year: number }>(
      `SELECT (current_date - 84)::text AS starts_on, (current_date + 35)::text AS due_on,
              extract(year FROM current_date - 84)::int AS year`,
    );
    const { starts_on: startsOn, due_on: dueOn, year } = start.rows[0];
    const programId = await step('program, 6 courses, 24 modules', () =>
      createProgram(client, owner.id, { startsOn, dueOn, year }),
    );
    await client.query(`ANALYZE scale_trainee`);

    const [cohort] = (
      await client.query<{ id: string }>(
        `INSERT INTO cohort (program_id, name, region_code, starts_on, ends_on, enrol_until, due_on, created_by,
                             created_at, updated_at)
         VALUES ($1, $2, '33', $3, $4, $4::date - 7, $4, $5, $3::date, $3::date) RETURNING id`,
        [programId, SCALE_COHORT_NAME, startsOn, dueOn, admin.id],
      )
    ).rows;
    await client.query(`INSERT INTO cohort_admin (cohort_id, user_id) VALUES ($1, $2)`, [cohort.id, admin.id]);

    await loadScaleProgress(client, { programId, startsOn, step });

    // The per-statement count triggers are switched off for the load and the counts rebuilt in one
    // GROUP BY at the end (in this transaction, so nobody sees the gap); the row trigger that copies the
    // village's path stays on.
    await client.query(`ALTER TABLE enrolment DISABLE TRIGGER tg_enrolment_counts_insert,
                                              DISABLE TRIGGER tg_enrolment_counts_update`);
    const enrolmentIndexes = await dropIndexes(client, ['enrolment']);
    await step(
      'cohort enrolments, status by the rule',
      () => client.query(ENROLMENT_SQL, [cohort.id, programId, admin.id, startsOn]),
      affected,
    );
    await step('  rebuild enrolment indexes', enrolmentIndexes, (n) => n, 'indexes');
    await step(
      'completion counts (every region level)',
      () => rebuildCounts(client, cohort.id),
      (n) => n,
    );
    await client.query(`ALTER TABLE enrolment ENABLE TRIGGER tg_enrolment_counts_insert,
                                              ENABLE TRIGGER tg_enrolment_counts_update`);
    await client.query(`INSERT INTO seed_run (name) VALUES ($1)`, [SCALE_SEED]);
    await step('commit', () => client.query('COMMIT'));
    return { programId, cohortId: cohort.id, trainees: options.trainees, loaded: true };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function createProgram(
  client: Client,
  ownerId: string,
  dates: { startsOn: string; dueOn: string; year: number },
): Promise<string> {
  const [program] = (
    await client.query<{ id: string }>(
      `INSERT INTO program (title, year, kind, required_credits, starts_on, ends_on, status, owner_id, description)
       VALUES ($1, $2, 'rotation', $3, $4, $5, 'published', $6, $7) RETURNING id`,
      [
        `${dates.year}年度${SCALE_PROGRAM_TITLE}`,
        dates.year,
        SCALE_REQUIRED_CREDITS,
        dates.startsOn,
        dates.dueOn,
        ownerId,
        '五门必修课全部完成，并从全部课程取得规定学时。',
      ],
    )
  ).rows;
  for (const [coursePosition, course] of SCALE_COURSES.entries()) {
    const [row] = (
      await client.query<{ id: string }>(
        `INSERT INTO course (title, summary, category, sequential, status, owner_id, published_at)
         VALUES ($1, $2, $3, $4, 'published', $5, $6::date) RETURNING id`,
        [course.title, `${course.title}（轮训课程）`, course.category, course.sequential, ownerId, dates.startsOn],
      )
    ).rows;
    await client.query(
      `INSERT INTO program_course (program_id, course_id, required, position) VALUES ($1, $2, $3, $4)`,
      [program.id, row.id, course.required, coursePosition],
    );
    for (const m of course.modules) {
      await client.query(
        `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits, duration_seconds,
                             external_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          row.id,
          m.position,
          m.kind,
          m.title,
          m.kind === 'article' ? `## ${m.title}\n\n本节为规模测试数据，正文从略。` : null,
          m.estimatedMinutes,
          m.credits,
          m.durationSeconds,
          m.kind === 'video' ? `https://media.lingyan.example/scale/${m.ord + 1}.mp4` : null,
        ],
      );
    }
  }
  return program.id;
}

/**
 * Every trainee enrolled in the cohort, with the status the program's rule gives from the progress and
 * ledger rows: completed when every module of every required course is complete and the program's
 * credits are earned — at the later of the last required module's completion and the ledger entry that
 * reached the credits; in progress when anything was done; otherwise not started.
 */
const ENROLMENT_SQL = `
  WITH pm AS (
         SELECT m.id, pc.required FROM program_course pc
           JOIN module m ON m.course_id = pc.course_id AND m.retired_at IS NULL
          WHERE pc.program_id = $2),
       need AS (SELECT count(*) FILTER (WHERE required) AS required_modules,
                       (SELECT required_credits FROM program WHERE id = $2) AS credits
                  FROM pm),
       activity AS (
         SELECT mp.user_id, max(mp.last_activity_at) AS last_activity_at,
                count(*) FILTER (WHERE pm.required AND mp.status = 'complete') AS required_done,
                max(mp.completed_at) FILTER (WHERE pm.required) AS required_done_at
           FROM module_progress mp JOIN pm ON pm.id = mp.module_id
          GROUP BY mp.user_id),
       ledger AS (
         SELECT user_id, sum(credits) AS earned,
                min(created_at) FILTER (WHERE running >= (SELECT credits FROM need)) AS credits_met_at
           FROM (SELECT cl.user_id, cl.credits, cl.created_at,
                        sum(cl.credits) OVER (PARTITION BY cl.user_id ORDER BY cl.created_at, cl.id) AS running
                   FROM credit_ledger cl JOIN pm ON pm.id = cl.module_id) l
          GROUP BY user_id),
       verdict AS (
         SELECT a.user_id, a.last_activity_at, coalesce(l.earned, 0) AS earned,
                CASE WHEN a.required_done = need.required_modules AND l.credits_met_at IS NOT NULL
                     THEN greatest(a.required_done_at, l.credits_met_at) END AS completed_at
           FROM activity a CROSS JOIN need LEFT JOIN ledger l ON l.user_id = a.user_id)
  INSERT INTO enrolment (cohort_id, user_id, region_code, source, enrolled_by, enrolled_at, status, earned_credits,
                         last_activity_at, completed_at)
  SELECT $1, t.user_id, t.region_code, 'seed', $3, $4::date,
         CASE WHEN v.completed_at IS NOT NULL THEN 'completed'
              WHEN v.user_id IS NOT NULL THEN 'in_progress' ELSE 'not_started' END,
         coalesce(v.earned, 0), v.last_activity_at, v.completed_at
    FROM scale_trainee t LEFT JOIN verdict v ON v.user_id = t.user_id
   ORDER BY t.region_code`;

/** The cohort's counts and weekly completions at every level of every trainee's path, from scratch. */
async function rebuildCounts(client: Client, cohortId: string): Promise<number> {
  await client.query(`DELETE FROM completion_count WHERE cohort_id = $1`, [cohortId]);
  await client.query(`DELETE FROM completion_week WHERE cohort_id = $1`, [cohortId]);
  const counts = await client.query(
    `INSERT INTO completion_count (cohort_id, region_code, enrolled, not_started, in_progress, completed)
     SELECT e.cohort_id, subpath(e.region_path, l - 1, 1)::text, count(*),
            count(*) FILTER (WHERE e.status = 'not_started'), count(*) FILTER (WHERE e.status = 'in_progress'),
            count(*) FILTER (WHERE e.status = 'completed')
       FROM enrolment e, generate_series(1, nlevel(e.region_path)) l
      WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL
      GROUP BY 1, 2`,
    [cohortId],
  );
  const weeks = await client.query(
    `INSERT INTO completion_week (cohort_id, region_code, week, completed)
     SELECT e.cohort_id, subpath(e.region_path, l - 1, 1)::text,
            date_trunc('week', e.completed_at AT TIME ZONE 'UTC')::date, count(*)
       FROM enrolment e, generate_series(1, nlevel(e.region_path)) l
      WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL AND e.status = 'completed'
      GROUP BY 1, 2, 3`,
    [cohortId],
  );
  return (counts.rowCount ?? 0) + (weeks.rowCount ?? 0);
}

/** Row counts of the tables the seed fills, and the province's counts as the dashboard reads them. */
export async function printScaleCounts(client: Client, data: ScaleData, log: (message: string) => void): Promise<void> {
  const tables = [
    'app_user',
    'program_enrolment',
    'enrolment',
    'module_open',
    'module_progress',
    'progress_event',
    'credit_ledger',
    'user_year_credits',
    'completion_count',
    'completion_week',
  ];
  const counts = await client.query<{ name: string; rows: string }>(
    tables.map((t) => `SELECT '${t}' AS name, count(*) AS rows FROM ${t}`).join(' UNION ALL '),
  );
  for (const row of counts.rows)
    log(`  ${row.name.padEnd(20)} ${Number(row.rows).toLocaleString('en-US').padStart(10)}`);
  const size = await client.query<{ size: string }>(
    `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  log(`  database size        ${size.rows[0].size.padStart(10)}`);
  const province = await client.query<Record<string, number>>(
    `SELECT enrolled, not_started, in_progress, completed FROM completion_count WHERE cohort_id = $1 AND region_code = '33'`,
    [data.cohortId],
  );
  const recount = await client.query<Record<string, number>>(
    `SELECT count(*)::int AS enrolled, count(*) FILTER (WHERE status = 'not_started')::int AS not_started,
            count(*) FILTER (WHERE status = 'in_progress')::int AS in_progress,
            count(*) FILTER (WHERE status = 'completed')::int AS completed
       FROM enrolment WHERE cohort_id = $1 AND withdrawn_at IS NULL`,
    [data.cohortId],
  );
  const kept = province.rows[0];
  const actual = recount.rows[0];
  log(
    `  浙江省 counts: ${JSON.stringify(kept)}${JSON.stringify(kept) === JSON.stringify(actual) ? ' (= recount)' : ` ≠ recount ${JSON.stringify(actual)}`}`,
  );
}

async function main(): Promise<void> {
  const log = (message: string) => console.log(message);
  const trainees = Number(process.env['SCALE_TRAINEES'] ?? 126_000);
  if (!Number.isInteger(trainees) || trainees < 1 || trainees > 999_999)
    throw new Error('SCALE_TRAINEES: 1 to 999,999');
  const started = performance.now();
  const target = await openScaleTarget({ fast: true, log });
  log(`seed:scale → ${target.description}`);
  const client = new Client({ connectionString: target.url, application_name: 'seed-scale' });
  try {
    await client.connect();
    const data = await seedScale(client, { trainees, log });
    if (!data.loaded) {
      log(
        `The scale data is already loaded (cohort ${data.cohortId}, ${data.trainees.toLocaleString('en-US')} trainees): nothing to do.`,
      );
    } else {
      const vacuum = performance.now();
      // Statistics for the planner and the visibility map for index-only scans, before anyone measures.
      await client.query(`VACUUM (ANALYZE) app_user, program_enrolment, enrolment, module_open, module_progress,
                          progress_event, credit_ledger, user_year_credits, completion_count, completion_week`);
      log(
        `  ${'VACUUM ANALYZE'.padEnd(46)}${''.padStart(19)}  ${((performance.now() - vacuum) / 1000).toFixed(1).padStart(6)} s`,
      );
    }
    await printScaleCounts(client, data, log);
    log(`seed:scale done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end().catch(() => undefined);
    await target.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
