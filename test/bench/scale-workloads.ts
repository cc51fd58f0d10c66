/**
 * What the scale bench sends: the naive completion report, progress events of many trainees, and a
 * 126,000-row cadre list. Kept apart from the measuring (scale.bench.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/**
 * The naive way, as the report pages of other LMSs do it: for every trainee enrolled under the region,
 * recount completion from the progress and ledger rows by the program's rule, then group by child region.
 */
export const NAIVE_REPORT_SQL = `
  WITH pm AS (
         SELECT m.id, pc.required FROM program_course pc
           JOIN module m ON m.course_id = pc.course_id AND m.retired_at IS NULL
          WHERE pc.program_id = $2),
       need AS (SELECT count(*) FILTER (WHERE required) AS required_modules,
                       (SELECT required_credits FROM program WHERE id = $2) AS credits
                  FROM pm),
       trainee AS (
         SELECT e.user_id, u.region_path FROM enrolment e JOIN app_user u ON u.id = e.user_id
          WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL AND u.region_path <@ $3::ltree),
       progress AS (
         SELECT mp.user_id, count(*) FILTER (WHERE pm.required AND mp.status = 'complete') AS required_done
           FROM module_progress mp JOIN pm ON pm.id = mp.module_id JOIN trainee t ON t.user_id = mp.user_id
          GROUP BY mp.user_id),
       credits AS (
         SELECT cl.user_id, sum(cl.credits) AS earned
           FROM credit_ledger cl JOIN pm ON pm.id = cl.module_id JOIN trainee t ON t.user_id = cl.user_id
          GROUP BY cl.user_id),
       status AS (
         SELECT t.region_path,
                CASE WHEN p.required_done = need.required_modules AND coalesce(c.earned, 0) >= need.credits
                     THEN 'completed'
                     WHEN p.user_id IS NOT NULL OR c.user_id IS NOT NULL THEN 'in_progress'
                     ELSE 'not_started' END AS status
           FROM trainee t CROSS JOIN need
           LEFT JOIN progress p ON p.user_id = t.user_id
           LEFT JOIN credits c ON c.user_id = t.user_id)
  SELECT subpath(region_path, nlevel($3::ltree), 1)::text AS region, count(*)::int AS enrolled,
         (count(*) FILTER (WHERE status = 'not_started'))::int AS not_started,
         (count(*) FILTER (WHERE status = 'in_progress'))::int AS in_progress,
         (count(*) FILTER (WHERE status = 'completed'))::int AS completed
    FROM status GROUP BY 1 ORDER BY 1`;

export interface EventTarget {
  userId: string;
  username: string;
  moduleId: string;
  kind: 'article' | 'video';
  durationSeconds: number | null;
  /** Where the trainee is in a video: the next segment starts here. */
  from: number;
}

/**
 * Trainees of the cohort who have not started or are in progress, drawn at random, each with the module
 * they would study next (the first one not complete in curriculum order: open even in a sequential course). The server
 * noted them opening it ten minutes ago, as GET /api/learning/modules/:id does, so a report of the last
 * 15 seconds is plausible.
 */
export async function eventTargets(
  client: Client,
  cohortId: string,
  programId: string,
  status: 'not_started' | 'in_progress',
  count: number,
): Promise<EventTarget[]> {
  const rows = await client.query<{
    user_id: string;
    username: string;
    module_id: string;
    kind: 'article' | 'video';
    duration_seconds: number | null;
    furthest: number | null;
  }>(
    `SELECT e.user_id, u.username, n.id AS module_id, n.kind, n.duration_seconds, n.furthest
       FROM (SELECT user_id FROM enrolment
              WHERE cohort_id = $1 AND status = $4 AND withdrawn_at IS NULL
              ORDER BY random() LIMIT $3) e
       JOIN app_user u ON u.id = e.user_id
       CROSS JOIN LATERAL (
         SELECT m.id, m.kind, m.duration_seconds, mp.furthest_position AS furthest
           FROM program_course pc
           JOIN module m ON m.course_id = pc.course_id AND m.retired_at IS NULL
           LEFT JOIN module_progress mp ON mp.user_id = e.user_id AND mp.module_id = m.id
          WHERE pc.program_id = $2 AND coalesce(mp.status, 'not_started') <> 'complete'
          ORDER BY pc.position, m.position LIMIT 1) n`,
    [cohortId, programId, count, status],
  );
  await client.query(
    `INSERT INTO module_open (user_id, module_id, opened_at)
     SELECT * , now() - interval '10 minutes' FROM unnest($1::uuid[], $2::uuid[])
     ON CONFLICT DO NOTHING`,
    [rows.rows.map((r) => r.user_id), rows.rows.map((r) => r.module_id)],
  );
  return rows.rows.map((r) => ({
    userId: r.user_id,
    username: r.username,
    moduleId: r.module_id,
    kind: r.kind,
    durationSeconds: r.duration_seconds,
    from: Math.floor(r.furthest ?? 0),
  }));
}

export interface ProgressEvent {
  eventId: string;
  moduleId: string;
  startedAt: string;
  endedAt: string;
  position: number;
  segmentStart?: number;
  segmentEnd?: number;
}

/** A client's report of the last 15 seconds: reading on in an article, or playing on in a video. */
export function progressEvent(target: EventTarget, now: number): ProgressEvent {
  const window = { eventId: randomUUID(), moduleId: target.moduleId };
  const startedAt = new Date(now - 15_000).toISOString();
  const endedAt = new Date(now).toISOString();
  if (target.kind === 'video' && target.durationSeconds) {
    const start = Math.min(target.from, Math.max(0, target.durationSeconds - 15));
    return { ...window, startedAt, endedAt, position: start + 15, segmentStart: start, segmentEnd: start + 15 };
  }
  return { ...window, startedAt, endedAt, position: 0.5 };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国文志红海燕春梅林波斌宇浩凯鹏晨辉成龙飞亮俊峰松雪琴立新',
];
const POSITIONS = ['书记', '主任', '委员', '后备干部', '委员'];

/** Usernames and phones of the imported cadres: none exist in the scale data. */
export const IMPORT_USERNAME_PREFIX = 'b';

/**
 * A cadre list as a county office would export it from Excel ("CSV UTF-8", with a BOM): 姓名, 手机号,
 * 用户名, 村（社区） (12-digit codes of real villages of the province), 职务 in Chinese.
 */
export async function importCsv(client: Client, rows: number): Promise<Buffer> {
  const villages = (
    await client.query<{ code: string }>(
      `SELECT code FROM region WHERE level = 'village' AND path <@ '33' ORDER BY code`,
    )
  ).rows.map((r) => r.code);
  const lines = ['姓名,手机号,用户名,村（社区）,职务'];
  for (let i = 1; i <= rows; i += 1) {
    const name =
      SURNAMES[(i * 7919) % SURNAMES.length] +
      GIVEN[(i * 104_729) % GIVEN.length] +
      (i % 4 === 0 ? '' : GIVEN[(i * 15_485_863) % GIVEN.length]);
    const village = villages[(i * 7) % villages.length];
    lines.push(
      `${name},137${String(i).padStart(8, '0')},${IMPORT_USERNAME_PREFIX}${String(i).padStart(6, '0')},${village},${POSITIONS[i % POSITIONS.length]}`,
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
