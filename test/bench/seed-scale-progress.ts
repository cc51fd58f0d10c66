/**
 * The progress half of `npm run seed:scale` (see seed-scale.ts): which trainees studied what and when,
 * decided by hashes of the trainee's number so every run makes the same data, then written as
 * module_open, module_progress, progress_event and credit_ledger rows in one INSERT … SELECT each.
 *
 * About 60% of trainees have progress (35–85% by county); 40% of them (20–60% by county) finished
 * everything, the others stopped after a uniform number of modules. A trainee began somewhere in the
 * last 12 weeks and worked through the modules in curriculum order over a stretch of that time, so the
 * weekly completions rise towards today. The rows obey the rules the API applies to live events:
 * windows of at most 5 minutes, after the module was opened, never in the future; a completed article
 * was read to the end for its required time, a completed video watched in full.
 */
import type { Client } from 'pg';
import { dropIndexes } from './deferred-indexes';
import { SCALE_MODULES } from './scale-curriculum';

type Step = <T>(name: string, work: () => Promise<T>, rows?: (result: T) => number, unit?: string) => Promise<T>;

export async function loadScaleProgress(
  client: Client,
  options: { programId: string; startsOn: string; step: Step },
): Promise<void> {
  const { step } = options;
  const affected = (r: { rowCount: number | null }) => r.rowCount ?? 0;

  await client.query(
    `CREATE TEMP TABLE scale_module ON COMMIT DROP AS
     SELECT m.id, m.course_id, s.ord, m.kind, m.credits, m.duration_seconds AS duration, s.rule, s.req
       FROM program_course pc
       JOIN module m ON m.course_id = pc.course_id
       JOIN unnest($2::int[], $3::text[], $4::int[]) AS s(ord, rule, req) ON s.ord = pc.position * 4 + m.position
      WHERE pc.program_id = $1`,
    [
      options.programId,
      SCALE_MODULES.map((m) => m.ord),
      SCALE_MODULES.map((m) => m.rule),
      SCALE_MODULES.map((m) => m.requiredSeconds),
    ],
  );
  const total = SCALE_MODULES.length;

  // One row per trainee with progress: k modules complete (then one in progress, unless all are done),
  // starting at t0 and spread over span.
  await step(
    'progress plan (60% of trainees)',
    () =>
      client.query(
        `CREATE TEMP TABLE scale_plan ON COMMIT DROP AS
         SELECT user_id, g, k, k + (k < $1::int)::int AS touched, t0, (now() - t0) * (0.2 + 0.8 * s) AS span
           FROM (SELECT t.user_id, t.g,
                        CASE WHEN pg_temp.u(t.g, 12) < 0.2 + 0.4 * pg_temp.u(substr(t.region_code, 1, 6)::bigint, 22)
                             THEN $1::int ELSE floor(pg_temp.u(t.g, 13) * $1::int)::int END AS k,
                        now() - interval '84 days' * (0.08 + 0.92 * pg_temp.u(t.g, 14)) AS t0,
                        pg_temp.u(t.g, 15) AS s
                   FROM scale_trainee t
                  WHERE pg_temp.u(t.g, 11) < 0.35 + 0.5 * pg_temp.u(substr(t.region_code, 1, 6)::bigint, 21)) x`,
        [total],
      ),
    affected,
  );

  // Every (trainee, module) touched. A module is opened at the start of its slice of the span and last
  // worked on at its end; each slice (over an hour) is longer than any module's activity.
  await step(
    'progress rows to write',
    () =>
      client.query(
        `CREATE TEMP TABLE scale_touch ON COMMIT DROP AS
         SELECT *, CASE WHEN kind = 'video' THEN (CASE WHEN complete THEN duration ELSE active END)::real
                        WHEN complete THEN 1::real
                        ELSE round(active::numeric / req * 0.9, 2)::real END AS pos,
                   least(300, active) AS w
           FROM (SELECT p.user_id, m.id AS module_id, m.course_id, m.kind, m.credits, m.rule, m.req, m.duration,
                        m.ord < p.k AS complete,
                        p.t0 + p.span * ((m.ord + 1)::float8 / p.touched) AS last_at,
                        p.t0 + p.span * (m.ord::float8 / p.touched) AS opened_at,
                        CASE WHEN m.ord < p.k
                             THEN CASE WHEN m.kind = 'video' THEN m.duration
                                       ELSE m.req + floor(pg_temp.u(p.g * 32 + m.ord, 31) * m.req * 0.5)::int END
                             ELSE greatest(1, floor(m.req * (0.1 + 0.8 * pg_temp.u(p.g * 32 + m.ord, 32)))::int)
                        END AS active
                   FROM scale_plan p JOIN scale_module m ON m.ord < p.touched) x`,
      ),
    affected,
  );

  // Every row below comes from joins of existing trainees and modules, so the foreign-key checks (one
  // index probe per key per row, most of the load's time) are skipped where the role allows it: a
  // superuser's session in 'replica' mode fires no triggers. The ledger's per-year totals, which a
  // trigger keeps, are then recounted from the ledger.
  const [{ superuser }] = (
    await client.query<{ superuser: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS superuser`)
  ).rows;
  if (superuser) await client.query(`SET LOCAL session_replication_role = replica`);
  const progressIndexes = await dropIndexes(client, [
    'module_open',
    'module_progress',
    'progress_event',
    'credit_ledger',
  ]);
  await step(
    'program enrolments',
    () =>
      client.query(
        `INSERT INTO program_enrolment (program_id, user_id, enrolled_at)
         SELECT $1, user_id, $2::date FROM scale_trainee ORDER BY user_id`,
        [options.programId, options.startsOn],
      ),
    affected,
  );
  await step(
    'module_open',
    () =>
      client.query(
        `INSERT INTO module_open (user_id, module_id, opened_at) SELECT user_id, module_id, opened_at FROM scale_touch`,
      ),
    affected,
  );
  await step(
    'module_progress',
    () =>
      client.query(
        `INSERT INTO module_progress (user_id, module_id, status, active_seconds, reached_end, last_position,
                                      last_activity_at, completed_at, active_windows, watched, watched_seconds,
                                      furthest_position, last_position_at)
         SELECT user_id, module_id, CASE WHEN complete THEN 'complete' ELSE 'in_progress' END, active,
                kind = 'article' AND complete, pos, last_at, CASE WHEN complete THEN last_at END,
                tstzmultirange(tstzrange(last_at - make_interval(secs => active), last_at)),
                CASE WHEN kind = 'video' THEN nummultirange(numrange(0, pos::numeric)) ELSE '{}' END,
                CASE WHEN kind = 'video' THEN pos::int ELSE 0 END, pos, last_at
           FROM scale_touch`,
      ),
    affected,
  );
  await step(
    'progress_event (the last report per module)',
    () =>
      client.query(
        `INSERT INTO progress_event (id, user_id, module_id, started_at, ended_at, reached_end, position, received_at,
                                     segment_start, segment_end)
         SELECT gen_random_uuid(), user_id, module_id, last_at - make_interval(secs => w), last_at,
                kind = 'article' AND complete, pos, last_at + interval '1 second',
                CASE WHEN kind = 'video' THEN pos - w END, CASE WHEN kind = 'video' THEN pos END
           FROM scale_touch`,
      ),
    affected,
  );
  await step(
    'credit_ledger',
    () =>
      client.query(
        `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule, program_id, created_at)
         SELECT user_id, module_id, course_id, credits, rule, $1, last_at FROM scale_touch WHERE complete`,
        [options.programId],
      ),
    affected,
  );
  await step('  rebuild their indexes', progressIndexes, (n) => n, 'indexes');
  if (superuser) await client.query(`SET LOCAL session_replication_role = origin`);
  await step(
    'user_year_credits (recount)',
    () =>
      client.query(
        `INSERT INTO user_year_credits AS y (user_id, year, credits)
         SELECT cl.user_id, extract(year FROM cl.created_at AT TIME ZONE 'Asia/Shanghai')::smallint, sum(cl.credits)
           FROM credit_ledger cl JOIN scale_trainee t ON t.user_id = cl.user_id
          GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (user_id, year) DO UPDATE SET credits = EXCLUDED.credits`,
      ),
    affected,
  );
}
