import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ProgressStatus } from '@lingyan/contracts';
import {
  courseStatus,
  programRequirementMet,
  storedEnrolmentStatus,
  type StoredEnrolmentStatus,
} from '@lingyan/domain';

type Manager = DataSource | EntityManager;

/** Last activity is written at most this often per enrolment, so progress events rarely touch the row. */
const ACTIVITY_RESOLUTION = '10 minutes';

interface EnrolmentInputs {
  cohort_id: string;
  user_id: string;
  program_id: string;
  required_credits: string;
  status: StoredEnrolmentStatus;
  earned_credits: string;
  completed_at: Date | null;
  last_activity_at: Date | null;
  earned: string;
  activity: Date | null;
  last_completion: Date | null;
}

/**
 * Keeps each enrolment's status, credits and last activity in step with the trainee's progress, and
 * so (through the statement triggers on `enrolment`) the completion counts of every region above
 * them. The completion rule is `programRequirementMet` from `@lingyan/domain`; the same code runs
 * for one trainee after a progress event, for a batch after an enrolment, and for a whole cohort
 * in the reconcile job, so all three agree.
 */
@Injectable()
export class CompletionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The write that notes trainees' activity in their enrolments, for a progress write to run as part of
   * its own statement (a data-modifying WITH item): a first activity moves the enrolment to in progress,
   * and the last activity is rewritten when it is older than ACTIVITY_RESOLUTION, so most events
   * change no row and the count trigger finds nothing to count. `source` names a relation with the
   * columns user_id, course_id (the course worked in) and at (when).
   */
  static activityUpdate(source: string): string {
    return `UPDATE enrolment e
          SET last_activity_at = greatest(e.last_activity_at, v.at),
              status = CASE WHEN e.status = 'not_started' THEN 'in_progress' ELSE e.status END
         FROM ${source} v, cohort c
        WHERE e.user_id = v.user_id AND e.withdrawn_at IS NULL AND c.id = e.cohort_id
          AND c.program_id IN (SELECT pc.program_id FROM program_course pc WHERE pc.course_id = v.course_id)
          AND (e.status = 'not_started' OR e.last_activity_at IS NULL
               OR e.last_activity_at < v.at - interval '${ACTIVITY_RESOLUTION}')`;
  }

  /**
   * After modules were completed (inside the progress write's transaction): a completed module may
   * complete programs, so the enrolments of these users in programs with that course are recomputed.
   */
  async onModulesCompleted(tx: EntityManager, completed: ReadonlyArray<{ userId: string; courseId: string }>) {
    const usersIn = new Map<string, string[]>();
    for (const { userId, courseId } of completed) usersIn.set(courseId, [...(usersIn.get(courseId) ?? []), userId]);
    for (const [courseId, userIds] of usersIn) await this.refresh(tx, { userIds, courseId });
  }

  /**
   * Recomputes the active enrolments of these users (optionally only in one cohort, or only in
   * programs containing one course) from the ledger and module progress. Completion is never taken
   * back. Returns how many enrolments changed.
   */
  async refresh(
    manager: Manager,
    scope: { userIds: readonly string[]; cohortId?: string; courseId?: string },
  ): Promise<number> {
    if (scope.userIds.length === 0) return 0;
    const rows: EnrolmentInputs[] = await manager.query(
      `SELECT e.cohort_id, e.user_id, c.program_id, p.required_credits, e.status, e.earned_credits,
              e.completed_at, e.last_activity_at,
              (SELECT coalesce(sum(l.credits), 0) FROM credit_ledger l
                 JOIN program_course pc ON pc.course_id = l.course_id AND pc.program_id = c.program_id
                WHERE l.user_id = e.user_id) AS earned,
              (SELECT max(mp.last_activity_at) FROM module_progress mp
                 JOIN module m ON m.id = mp.module_id
                 JOIN program_course pc ON pc.course_id = m.course_id AND pc.program_id = c.program_id
                WHERE mp.user_id = e.user_id) AS activity,
              (SELECT max(mp.completed_at) FROM module_progress mp
                 JOIN module m ON m.id = mp.module_id
                 JOIN program_course pc ON pc.course_id = m.course_id AND pc.program_id = c.program_id
                WHERE mp.user_id = e.user_id) AS last_completion
         FROM enrolment e
         JOIN cohort c ON c.id = e.cohort_id
         JOIN program p ON p.id = c.program_id
        WHERE e.user_id = ANY($1) AND e.withdrawn_at IS NULL
          AND ($2::uuid IS NULL OR e.cohort_id = $2)
          AND ($3::uuid IS NULL OR c.program_id IN (SELECT program_id FROM program_course WHERE course_id = $3))
        ORDER BY e.cohort_id, e.user_id
          FOR UPDATE OF e`,
      [scope.userIds, scope.cohortId ?? null, scope.courseId ?? null],
    );
    if (rows.length === 0) return 0;
    const required = await this.requiredCourseStatuses(
      manager,
      [...new Set(rows.map((r) => r.user_id))],
      [...new Set(rows.map((r) => r.program_id))],
    );

    const changed = rows.flatMap((row) => {
      const earned = Number(row.earned);
      const met = programRequirementMet({
        requiredCredits: Number(row.required_credits),
        earnedCredits: earned,
        requiredCourseStatuses: required.get(`${row.user_id}:${row.program_id}`) ?? [],
      });
      const computed = storedEnrolmentStatus({ started: earned > 0 || row.activity !== null, requirementMet: met });
      const status: StoredEnrolmentStatus = row.status === 'completed' ? 'completed' : computed;
      const completedAt = status === 'completed' ? (row.completed_at ?? row.last_completion ?? new Date()) : null;
      const activity = row.activity ?? row.last_activity_at;
      const same =
        status === row.status &&
        Number(row.earned_credits) === earned &&
        (completedAt?.getTime() ?? null) === (row.completed_at?.getTime() ?? null) &&
        (activity?.getTime() ?? null) === (row.last_activity_at?.getTime() ?? null);
      return same ? [] : [{ row, status, earned, completedAt, activity }];
    });
    if (changed.length === 0) return 0;
    await manager.query(
      `UPDATE enrolment e
          SET status = v.status, earned_credits = v.earned, completed_at = v.completed_at,
              last_activity_at = v.activity
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::numeric[], $5::timestamptz[], $6::timestamptz[])
              AS v(cohort_id, user_id, status, earned, completed_at, activity)
        WHERE e.cohort_id = v.cohort_id AND e.user_id = v.user_id`,
      [
        changed.map((c) => c.row.cohort_id),
        changed.map((c) => c.row.user_id),
        changed.map((c) => c.status),
        changed.map((c) => c.earned),
        changed.map((c) => c.completedAt),
        changed.map((c) => c.activity),
      ],
    );
    return changed.length;
  }

  /** For each (user, program): the status of each required, published course, from its live modules. */
  private async requiredCourseStatuses(
    manager: Manager,
    userIds: readonly string[],
    programIds: readonly string[],
  ): Promise<Map<string, ProgressStatus[]>> {
    const rows: Array<{ user_id: string; program_id: string; statuses: ProgressStatus[] }> = await manager.query(
      `SELECT u.user_id, pc.program_id, pc.course_id,
              array_agg(coalesce(mp.status, 'not_started') ORDER BY m.position) AS statuses
         FROM unnest($1::uuid[]) AS u(user_id)
         CROSS JOIN program_course pc
         JOIN course co ON co.id = pc.course_id AND co.status = 'published'
         JOIN module m ON m.course_id = pc.course_id AND m.retired_at IS NULL
         LEFT JOIN module_progress mp ON mp.module_id = m.id AND mp.user_id = u.user_id
        WHERE pc.program_id = ANY($2) AND pc.required
        GROUP BY u.user_id, pc.program_id, pc.course_id`,
      [userIds, programIds],
    );
    const result = new Map<string, ProgressStatus[]>();
    for (const row of rows) {
      const key = `${row.user_id}:${row.program_id}`;
      result.set(key, [...(result.get(key) ?? []), courseStatus(row.statuses)]);
    }
    return result;
  }

  /**
   * Rebuilds one cohort's counts from its enrolments and reports how many count rows differed from
   * the maintained ones (0 when the triggers kept them right). Runs in one transaction that locks
   * the cohort's enrolments against concurrent changes.
   */
  async rebuildCounts(tx: EntityManager, cohortId: string): Promise<{ checked: number; mismatched: number }> {
    await tx.query(`SELECT 1 FROM enrolment WHERE cohort_id = $1 FOR SHARE`, [cohortId]);
    const [diff]: Array<{ checked: number; mismatched: number }> = await tx.query(
      `WITH recount AS (
         SELECT subpath(e.region_path, l - 1, 1)::text AS region_code, count(*)::int AS enrolled,
                (count(*) FILTER (WHERE e.status = 'not_started'))::int AS not_started,
                (count(*) FILTER (WHERE e.status = 'in_progress'))::int AS in_progress,
                (count(*) FILTER (WHERE e.status = 'completed'))::int AS completed
           FROM enrolment e, generate_series(1, nlevel(e.region_path)) l
          WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL
          GROUP BY 1),
       kept AS (
         SELECT region_code, enrolled, not_started, in_progress, completed FROM completion_count
          WHERE cohort_id = $1 AND (enrolled <> 0 OR not_started <> 0 OR in_progress <> 0 OR completed <> 0))
       SELECT count(*)::int AS checked,
              (count(*) FILTER (WHERE r.region_code IS NULL OR k.region_code IS NULL
                 OR (r.enrolled, r.not_started, r.in_progress, r.completed)
                    <> (k.enrolled, k.not_started, k.in_progress, k.completed)))::int AS mismatched
         FROM recount r FULL JOIN kept k ON k.region_code = r.region_code`,
      [cohortId],
    );
    if (diff.mismatched > 0) {
      await tx.query(`DELETE FROM completion_count WHERE cohort_id = $1`, [cohortId]);
      await tx.query(
        `INSERT INTO completion_count (cohort_id, region_code, enrolled, not_started, in_progress, completed)
         SELECT $1, subpath(e.region_path, l - 1, 1)::text, count(*), count(*) FILTER (WHERE e.status = 'not_started'),
                count(*) FILTER (WHERE e.status = 'in_progress'), count(*) FILTER (WHERE e.status = 'completed')
           FROM enrolment e, generate_series(1, nlevel(e.region_path)) l
          WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL
          GROUP BY 2`,
        [cohortId],
      );
    }
    await tx.query(`DELETE FROM completion_week WHERE cohort_id = $1`, [cohortId]);
    await tx.query(
      `INSERT INTO completion_week (cohort_id, region_code, week, completed)
       SELECT $1, subpath(e.region_path, l - 1, 1)::text, date_trunc('week', e.completed_at AT TIME ZONE 'UTC')::date,
              count(*)
         FROM enrolment e, generate_series(1, nlevel(e.region_path)) l
        WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL AND e.status = 'completed'
        GROUP BY 2, 3`,
      [cohortId],
    );
    return diff;
  }
}
