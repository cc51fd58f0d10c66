import type { EntityManager } from 'typeorm';
import { CompletionService } from '../../cohorts/completion.service';

export const DEMO_COHORT_NAME = '2026年度村干部全员轮训（第一期）';

/** Fictional names for the demo crowd: surname × given name, enough for a few hundred distinct people. */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严',
];
const GIVEN = [
  '建国',
  '秀英',
  '卫东',
  '丽华',
  '志强',
  '海燕',
  '国平',
  '春梅',
  '晓峰',
  '玉兰',
  '永康',
  '雪芳',
  '立新',
  '红霞',
  '文斌',
  '美娟',
  '德明',
  '桂香',
  '振华',
  '小燕',
];
const POSITIONS = ['secretary', 'secretary', 'director', 'member', 'reserve'] as const;

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The demo rotation cohort of the demo program, scoped to the province, with both demo trainees and
 * — when `crowd` is set — a few hundred fictional cadres in villages across every city (more of them
 * in 淳安县) at every stage of the program, so the dashboard has something to show. Dates are set
 * relative to today so the cohort is always open.
 */
export async function seedDemoCohort(tx: EntityManager, crowd: boolean, passwordHash: string): Promise<boolean> {
  const [program]: Array<{ id: string }> = await tx.query(
    `SELECT id FROM program WHERE status = 'published' ORDER BY created_at LIMIT 1`,
  );
  const [admin]: Array<{ id: string }> = await tx.query(`SELECT id FROM app_user WHERE username = 'zj-admin'`);
  if (!program || !admin) return false;
  const [cohort]: Array<{ id: string }> = await tx.query(
    `INSERT INTO cohort (program_id, name, region_code, starts_on, ends_on, enrol_until, due_on, created_by)
     VALUES ($1, $2, '33', $3, $4, $5, $6, $7) RETURNING id`,
    [program.id, DEMO_COHORT_NAME, day(-84), day(150), day(60), day(120), admin.id],
  );

  if (crowd) {
    // Six villages in each of 淳安县's townships, then three in a spread of counties of every city.
    const villages: Array<{ code: string }> = await tx.query(
      `(SELECT code FROM (SELECT code, row_number() OVER (PARTITION BY parent_code ORDER BY code) AS n
                            FROM region WHERE level = 'village' AND code LIKE '330127%') v WHERE n <= 6)
       UNION ALL
       (SELECT code FROM (SELECT code, row_number() OVER (PARTITION BY substr(code, 1, 6) ORDER BY code) AS n
                            FROM region WHERE level = 'village' AND code NOT LIKE '330127%'
                              AND substr(code, 5, 2) IN ('02', '03', '21', '22', '81', '82')) v WHERE n <= 3)
       ORDER BY code`,
    );
    const rows = villages.map((v, i) => ({
      username: `demo-${String(i + 1).padStart(4, '0')}`,
      name: SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 3) % GIVEN.length],
      phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
      position: POSITIONS[i % POSITIONS.length],
      region: v.code,
    }));
    await tx.query(
      // Registered well before the demo accounts, so lists sorted newest first still start with those.
      `INSERT INTO app_user (username, name, phone, password_hash, roles, position, region_code, created_at, updated_at)
       SELECT u, n, p, $6, ARRAY['trainee'], pos, r, now() - interval '120 days', now() - interval '120 days'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
              AS t(u, n, p, pos, r)
       ON CONFLICT ((lower(username))) DO NOTHING`,
      [
        rows.map((r) => r.username),
        rows.map((r) => r.name),
        rows.map((r) => r.phone),
        rows.map((r) => r.position),
        rows.map((r) => r.region),
        passwordHash,
      ],
    );
    // Progress: by a fixed pattern, some finished everything (over the past weeks), some part, some nothing.
    await tx.query(
      `WITH crowd AS (
         SELECT id, (substr(username, 6)::int) AS n FROM app_user WHERE username LIKE 'demo-%'),
       modules AS (
         SELECT m.id, m.course_id, m.estimated_minutes,
                row_number() OVER (ORDER BY pc.position, m.position) AS k, count(*) OVER () AS total
           FROM program_course pc JOIN module m ON m.course_id = pc.course_id AND m.retired_at IS NULL
          WHERE pc.program_id = $1),
       done AS (
         SELECT c.id AS user_id, m.id AS module_id, m.course_id, m.estimated_minutes,
                now() - make_interval(days => (c.n * 37) % 80, hours => m.k::int) AS at
           FROM crowd c JOIN modules m
             ON m.k <= CASE WHEN c.n % 10 < 4 THEN m.total WHEN c.n % 10 < 8 THEN (c.n * 5) % m.total ELSE 0 END)
       INSERT INTO module_progress (user_id, module_id, status, active_seconds, reached_end, last_activity_at,
                                    completed_at, active_windows)
       SELECT user_id, module_id, 'complete', estimated_minutes * 60, true, at, at,
              tstzmultirange(tstzrange(at - make_interval(mins => estimated_minutes), at))
         FROM done`,
      [program.id],
    );
    await tx.query(
      `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule, created_at)
       SELECT mp.user_id, m.id, m.course_id, m.credits, 'module-minutes:demo', mp.completed_at
         FROM module_progress mp JOIN module m ON m.id = mp.module_id
         JOIN app_user u ON u.id = mp.user_id AND u.username LIKE 'demo-%'`,
    );
  }

  await tx.query(
    `INSERT INTO program_enrolment (program_id, user_id)
     SELECT $1, id FROM app_user WHERE 'trainee' = ANY(roles) AND (username IN ('trainee', 'trainee2') OR username LIKE 'demo-%')
     ON CONFLICT DO NOTHING`,
    [program.id],
  );
  await tx.query(
    `INSERT INTO enrolment (cohort_id, user_id, region_code, source, enrolled_by, enrolled_at)
     SELECT $1, u.id, u.region_code, 'seed', $2, now() - interval '80 days'
       FROM program_enrolment pe JOIN app_user u ON u.id = pe.user_id
      WHERE pe.program_id = $3 ORDER BY u.id`,
    [cohort.id, admin.id, program.id],
  );
  const enrolled: Array<{ user_id: string }> = await tx.query(`SELECT user_id FROM enrolment WHERE cohort_id = $1`, [
    cohort.id,
  ]);
  await new CompletionService(tx.connection).refresh(tx, {
    userIds: enrolled.map((e) => e.user_id),
    cohortId: cohort.id,
  });
  await tx.query(
    `INSERT INTO annual_requirement (region_code, year, credit_hours, updated_by)
     VALUES ('33', extract(year FROM now() AT TIME ZONE 'Asia/Shanghai'), 10, $1) ON CONFLICT DO NOTHING`,
    [admin.id],
  );
  return true;
}
