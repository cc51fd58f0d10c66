import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { ModuleKind, ModuleProgressDto, ProgressEventResponse, ProgressStatus } from '@lingyan/contracts';
import {
  completionRule,
  eventWindowProblem,
  lockedModules,
  moduleCompletionCredits,
  moduleStatus,
  requiredSeconds,
  segmentProblem,
  sumCredits,
  testPassCredits,
  videoRequiredSeconds,
  type EventWindowProblem,
  type SegmentProblem,
} from '@lingyan/domain';
import { DomainError, validationFailed } from '../common/domain-error';
import { prepared } from '../database/prepared';
import { GroupRunner } from '../common/group-runner';
import { CompletionService } from '../cohorts/completion.service';
import { creditTables } from './curriculum-view';
import type { ProgressEventDto } from './learning.dto';

const WINDOW_PROBLEMS: Record<EventWindowProblem | SegmentProblem, string> = {
  ends_before_start: 'endedAt must be after startedAt',
  too_long: 'one event may report at most 5 minutes of activity',
  in_future: 'endedAt is in the future',
  too_old: 'the event is older than 30 days',
  before_open: 'it reports time from before the module was opened',
  segment_backwards: 'segmentEnd must not be before segmentStart',
  segment_too_long: 'it reports more of the video watched than time passed',
  segment_beyond_end: 'the segment runs past the end of the video',
  segment_half: 'segmentStart and segmentEnd come together',
};

/** A module as progress needs it. */
export interface ProgressModule {
  id: string;
  kind: ModuleKind;
  estimatedMinutes: number;
  durationSeconds: number | null;
}

interface ProgressRow {
  status: ProgressStatus;
  active_seconds: number;
  watched_seconds: number;
  reached_end: boolean;
  last_position: number | null;
  furthest_position: number;
  completed_at: Date | null;
}

const PROGRESS_COLUMNS = `status, active_seconds, watched_seconds, reached_end, last_position, furthest_position,
                          completed_at`;
const PROGRESS_COLUMNS_OF_MP = `mp.status, mp.active_seconds, mp.watched_seconds, mp.reached_end, mp.last_position,
                                mp.furthest_position, mp.completed_at`;

/** What `fold` answers for each report. */
interface FoldedRow extends Omit<ProgressRow, 'status'> {
  inserted: boolean;
  /** The module's status before the new event (null: it had none). */
  was: ProgressStatus | null;
  /** Who first sent this event id (when not inserted). */
  owner_id: string | null;
  owner_module_id: string | null;
  /** After the new event, or as it stands for a repeated one; null: no progress. */
  status: ProgressStatus | null;
}

/** One progress report: who sent it, and what. */
interface Report {
  userId: string;
  event: ProgressEventDto;
}

/** A report that passed the checks, with what writing it needs. */
interface CheckedReport extends Report {
  /** Its place in the group. */
  index: number;
  module: ProgressModule;
  courseId: string;
  window: { start: number; end: number };
  /** Whether this report could complete its module (or it is complete): see `mayComplete`. */
  mayComplete: boolean;
}

/** An open transaction of the progress write: its manager, its connection, and its COMMIT once sent. */
interface Transaction {
  manager: EntityManager;
  client: PoolClient;
  committing: Promise<unknown> | null;
}

/** The most reports written in one transaction. */
const GROUP_SIZE = 64;

/**
 * Records activity reports and derives progress from them. Each event is kept as received (the audit
 * trail) and folded into the module's progress as unions — of wall-clock windows and of watched video
 * segments — so a retried event changes nothing, late or out-of-order events give the same result,
 * and two devices at once count once. The work per event does not grow with the number of events.
 * The server decides completion.
 *
 * Reports are written in groups (group commit): those that arrive while a group is being written are
 * checked and written together, in one transaction of two prepared statements — a lookup, then one
 * set-based write — so under load a report costs a fraction of a round trip instead of ten. A group
 * holds at most one report per trainee, so one trainee's reports are folded one after another, in the
 * order they arrived. Two API processes may still write reports of one trainee at once: the update of
 * the module's progress waits for the other's and folds into its result, a write that finds the data
 * changed in a way it did not plan for is written again (see `fold`), and the ledger's unique award key
 * enters the credits once.
 */
@Injectable()
export class ProgressService implements BeforeApplicationShutdown {
  private readonly groups = new GroupRunner<Report, ProgressEventResponse>((reports) => this.recordGroup(reports), {
    maxSize: GROUP_SIZE,
    keys: (report) => [report.userId, report.event.eventId],
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly completion: CompletionService,
  ) {}

  /** Reports already received are written before the database closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.groups.idle();
  }

  record(userId: string, event: ProgressEventDto): Promise<ProgressEventResponse> {
    return this.groups.run({ userId, event });
  }

  /** Checks and writes a group of reports, in one transaction; each is answered on its own. */
  private async recordGroup(reports: readonly Report[]): Promise<Array<PromiseSettledResult<ProgressEventResponse>>> {
    try {
      return await this.transaction((tx) => this.checkAndWrite(tx, reports));
    } catch {
      // Something failed the whole group (a deadlock with another API process, say, or a row it created
      // meanwhile): write each report alone, so one cannot fail the others.
      const results: Array<PromiseSettledResult<ProgressEventResponse>> = [];
      for (const [index, report] of reports.entries()) {
        try {
          [results[index]] = await this.transaction((tx) => this.checkAndWrite(tx, [report], { alone: true }));
        } catch (failure) {
          results[index] = { status: 'rejected', reason: failure };
        }
      }
      return results;
    }
  }

  private async checkAndWrite(
    tx: Transaction,
    reports: readonly Report[],
    options: { alone?: boolean } = {},
  ): Promise<Array<PromiseSettledResult<ProgressEventResponse>>> {
    const results: Array<PromiseSettledResult<ProgressEventResponse>> = [];
    const checked = await this.check(tx, reports, results);
    if (checked.length === 0) return results;
    // Written alone (after a group failed) a report takes no shortcut.
    const written = await this.write(tx, options.alone ? checked.map((r) => ({ ...r, mayComplete: true })) : checked);
    checked.forEach((report, i) => (results[report.index] = written[i]));
    return results;
  }

  /**
   * Runs `work` in a transaction whose prepared statements are planned once per connection: left to
   * itself PostgreSQL would plan each call anew for its array sizes, which costs more than running it.
   * BEGIN is sent without waiting for its answer, and `work` may send COMMIT behind its last statement
   * (`committing`): the connection sends each as soon as the one before is answered, without waiting
   * for a turn of the API's event loop, which under load is most of a round trip's time.
   */
  private async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const begun = client.query('BEGIN; SET LOCAL plan_cache_mode = force_generic_plan');
    const tx: Transaction = { manager: runner.manager, client, committing: null };
    try {
      const result = await work(tx);
      await begun;
      await (tx.committing ?? client.query('COMMIT'));
      return result;
    } catch (error) {
      await begun.catch(() => undefined);
      await tx.committing?.catch(() => undefined);
      // After a failed statement the early COMMIT rolled back; otherwise this does.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Looks up each report's module — its published course, when the user opened it, and the statuses
   * of the modules up to it (for the sequential lock) — in one round trip, and refuses the reports that
   * do not fit it or could not have happened. Fills `results` for those; returns the rest.
   */
  private async check(
    tx: Transaction,
    reports: readonly Report[],
    results: Array<PromiseSettledResult<ProgressEventResponse>>,
  ): Promise<CheckedReport[]> {
    const found: Array<{
      n: string;
      kind: ModuleKind;
      estimated_minutes: number;
      duration_seconds: number | null;
      course_id: string;
      sequential: boolean;
      opened_at: Date | null;
      statuses: ProgressStatus[];
      status: ProgressStatus | null;
      active_seconds: number | null;
      watched_seconds: number | null;
      reached_end: boolean | null;
    }> = await prepared(
      tx.client,
      'progress-check',
      `SELECT v.n, m.kind, m.estimated_minutes, m.duration_seconds, m.course_id, c.sequential, o.opened_at,
              cur.status, cur.active_seconds, cur.watched_seconds, cur.reached_end,
              (SELECT array_agg(coalesce(mp.status, 'not_started') ORDER BY p.position)
                 FROM module p LEFT JOIN module_progress mp ON mp.module_id = p.id AND mp.user_id = v.user_id
                WHERE p.course_id = m.course_id AND p.position <= m.position AND p.retired_at IS NULL) AS statuses
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS v(module_id, user_id, n)
         JOIN module m ON m.id = v.module_id AND m.retired_at IS NULL
         JOIN course c ON c.id = m.course_id AND c.status = 'published'
         LEFT JOIN module_open o ON o.module_id = m.id AND o.user_id = v.user_id
         LEFT JOIN module_progress cur ON cur.module_id = m.id AND cur.user_id = v.user_id`,
      [reports.map((r) => r.event.moduleId), reports.map((r) => r.userId)],
    );
    const byIndex = new Map(found.map((row) => [Number(row.n) - 1, row]));
    const checked: CheckedReport[] = [];
    reports.forEach((report, index) => {
      const row = byIndex.get(index);
      try {
        if (!row) throw new DomainError('MODULE_NOT_FOUND', 'No published module has this id.');
        const { event } = report;
        const module: ProgressModule = {
          id: event.moduleId,
          kind: row.kind,
          estimatedMinutes: row.estimated_minutes,
          durationSeconds: row.duration_seconds,
        };
        this.checkShape(module, event);
        const window = { start: Date.parse(event.startedAt), end: Date.parse(event.endedAt) };
        const segment = { start: event.segmentStart, end: event.segmentEnd };
        const problem =
          eventWindowProblem(window, Date.now(), row.opened_at?.getTime() ?? Date.now()) ??
          segmentProblem(segment, window, module.durationSeconds);
        if (problem) {
          throw new DomainError(
            'IMPLAUSIBLE_PROGRESS',
            `This progress could not have happened: ${WINDOW_PROBLEMS[problem]}.`,
          );
        }
        if (lockedModules(row.statuses, row.sequential).at(-1)) {
          throw new DomainError('MODULE_LOCKED', 'Finish the modules before this one first.');
        }
        checked.push({
          ...report,
          index,
          module,
          courseId: row.course_id,
          window,
          mayComplete: this.mayComplete(module, event, window, row),
        });
      } catch (error) {
        results[index] = { status: 'rejected', reason: error };
      }
    });
    return checked;
  }

  /**
   * Writes checked reports (at most one per user) in the caller's transaction: keeps each event, folds the
   * new ones into their module's progress and decides its status in the same statement, enters the
   * credits of completed modules once, and brings the trainees' enrolments along. One statement, and
   * two more when a report may complete its module; when none may, COMMIT follows the statement at once.
   */
  private async write(
    tx: Transaction,
    reports: readonly CheckedReport[],
  ): Promise<Array<PromiseSettledResult<ProgressEventResponse>>> {
    const final = reports.every((report) => !report.mayComplete);
    const folded = await this.fold(tx, reports, final);
    const results: Array<PromiseSettledResult<ProgressEventResponse>> = [];
    const written: Array<{ at: number; report: CheckedReport; row: FoldedRow }> = [];
    reports.forEach((report, at) => {
      const row = folded[at];
      if (row.inserted) {
        written.push({ at, report, row });
      } else if (row.owner_id !== report.userId || row.owner_module_id !== report.module.id) {
        results[at] = {
          status: 'rejected',
          reason: new DomainError('EVENT_ID_CONFLICT', 'This event id was already used for another report.'),
        };
      } else {
        const progress = toDto(row.status === null ? null : { ...row, status: row.status }, report.module);
        results[at] = { status: 'fulfilled', value: { duplicate: true, progress, creditsEarned: 0 } };
      }
    });
    // Empty when `final`: the statement refuses a completion that the check did not expect.
    const complete = written.filter((w) => w.row.status === 'complete');
    const credits = await this.awardCredits(
      tx.manager,
      complete.map((w) => w.report),
    );
    await this.completion.onModulesCompleted(
      tx.manager,
      complete.filter((w) => w.row.was !== 'complete').map((w) => w.report),
    );
    for (const { at, report, row } of written) {
      const progress = toDto({ ...row, status: row.status ?? 'in_progress' }, report.module);
      const creditsEarned = credits.get(report.userId) ?? 0;
      results[at] = { status: 'fulfilled', value: { duplicate: false, progress, creditsEarned } };
    }
    return results;
  }

  /**
   * In one statement: keeps the events (a repeated id is not kept again), folds each new one into its
   * module's progress — the unions of windows and segments, their totals, and the status by the
   * module's completion rule — and notes the activity in the trainees' enrolments, except where a module
   * completed (the caller recomputes those enrolments). Answers, for each report in order: whether it was
   * new; if so, the progress before (`was`) and after; if not, who first sent that id and the module's
   * progress as it stands. With `final`, COMMIT is sent behind it.
   *
   * An existing row is updated from its latest version (a concurrent write of another API process is
   * waited for and folded into), so the totals and the status are computed in the statement from that
   * version. The statement fails with a serialization failure, so that nothing of it stays and the
   * reports are written again, when another API process changed the progress under it: when it created
   * a row after the statement began (that row is not overwritten), or when a module completes that the
   * check did not expect to (its credits and recount would be missed).
   */
  private async fold(tx: Transaction, reports: readonly CheckedReport[], final: boolean): Promise<FoldedRow[]> {
    const segments = reports.map(({ event }) =>
      event.segmentStart !== undefined && event.segmentEnd !== undefined
        ? { start: event.segmentStart, end: event.segmentEnd }
        : null,
    );
    const rules = reports.map((r) =>
      completionRule(r.module.kind, r.module.estimatedMinutes, r.module.durationSeconds),
    );
    const active = (windows: string) =>
      `(SELECT coalesce(floor(sum(extract(epoch FROM upper(r) - lower(r)))), 0)::int FROM unnest(${windows}) r)`;
    const watched = (segments: string) =>
      `(SELECT coalesce(floor(sum(upper(r) - lower(r))), 0)::int
          FROM unnest(CASE WHEN e.duration IS NULL THEN ${segments}
                           ELSE ${segments} * nummultirange(numrange(0, e.duration)) END) r)`;
    const completes = (windows: string, segments: string, reachedEnd: string) =>
      `(e.need_active IS NOT NULL AND ${active(windows)} >= e.need_active
        AND ${watched(segments)} >= e.need_watched AND (${reachedEnd} OR NOT e.need_end))`;
    const merged = {
      windows: 'mp.active_windows + e.window',
      segments: 'mp.watched + e.segment',
      reachedEnd: '(mp.reached_end OR e.reached_end)',
    };
    const folding = prepared<FoldedRow>(
      tx.client,
      'progress-fold',
      `WITH e AS (
         SELECT v.*, tstzmultirange(tstzrange(v.started_at, v.ended_at)) AS window,
                CASE WHEN v.segment_start IS NULL THEN '{}'::nummultirange
                     ELSE nummultirange(numrange(v.segment_start, v.segment_end)) END AS segment,
                least(coalesce(v.segment_end::real, 0), coalesce(v.duration::real, 'Infinity')) AS furthest,
                CASE WHEN v.position IS NULL THEN NULL ELSE v.ended_at END AS position_at
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::boolean[],
                       $7::real[], $8::numeric[], $9::numeric[], $10::numeric[], $11::uuid[], $12::int[], $13::int[],
                       $14::boolean[], $15::boolean[]) WITH ORDINALITY
             AS v(event_id, user_id, module_id, started_at, ended_at, reached_end, position, segment_start,
                  segment_end, duration, course_id, need_active, need_watched, need_end, may_complete, n)),
       inserted AS (
         INSERT INTO progress_event (id, user_id, module_id, started_at, ended_at, reached_end, position,
                                     segment_start, segment_end)
         SELECT event_id, user_id, module_id, started_at, ended_at, reached_end, position, segment_start, segment_end
           FROM e
         ON CONFLICT (id) DO NOTHING
         RETURNING id),
       updated AS (
         UPDATE module_progress mp
            SET active_windows = ${merged.windows},
                watched = ${merged.segments},
                reached_end = ${merged.reachedEnd},
                last_position = CASE
                  WHEN e.position_at IS NOT NULL AND (mp.last_position_at IS NULL OR e.position_at >= mp.last_position_at)
                  THEN e.position ELSE mp.last_position END,
                last_position_at = greatest(mp.last_position_at, e.position_at),
                last_activity_at = greatest(mp.last_activity_at, e.ended_at),
                furthest_position = greatest(mp.furthest_position, e.furthest),
                active_seconds = ${active(merged.windows)},
                watched_seconds = ${watched(merged.segments)},
                -- Completion is never taken back (a later revision may change the module's length).
                status = CASE WHEN mp.status = 'complete' OR ${completes(merged.windows, merged.segments, merged.reachedEnd)}
                              THEN 'complete' ELSE 'in_progress' END,
                completed_at = coalesce(mp.completed_at,
                  CASE WHEN ${completes(merged.windows, merged.segments, merged.reachedEnd)} THEN now() END)
           FROM e JOIN inserted i ON i.id = e.event_id
          WHERE mp.user_id = e.user_id AND mp.module_id = e.module_id
          RETURNING e.n, old.status AS was, ${PROGRESS_COLUMNS_OF_MP}),
       created AS (
         INSERT INTO module_progress (user_id, module_id, status, active_seconds, watched_seconds, reached_end,
                                      last_position, last_position_at, last_activity_at, active_windows, watched,
                                      furthest_position, completed_at)
         SELECT e.user_id, e.module_id, CASE WHEN c.completes THEN 'complete' ELSE 'in_progress' END,
                ${active('e.window')}, ${watched('e.segment')}, e.reached_end, e.position, e.position_at,
                e.ended_at, e.window, e.segment, e.furthest, CASE WHEN c.completes THEN now() END
           FROM e JOIN inserted i ON i.id = e.event_id,
                LATERAL (SELECT ${completes('e.window', 'e.segment', 'e.reached_end')} AS completes) c
          WHERE NOT EXISTS (SELECT FROM module_progress x WHERE x.user_id = e.user_id AND x.module_id = e.module_id)
         ON CONFLICT (user_id, module_id) DO NOTHING
         RETURNING user_id, module_id, ${PROGRESS_COLUMNS}),
       written AS (
         SELECT n, was, status, active_seconds, watched_seconds, reached_end, last_position, furthest_position,
                completed_at
           FROM updated
         UNION ALL
         SELECT e.n, NULL, c.status, c.active_seconds, c.watched_seconds, c.reached_end, c.last_position,
                c.furthest_position, c.completed_at
           FROM created c JOIN e ON e.user_id = c.user_id AND e.module_id = c.module_id),
       activity AS (${CompletionService.activityUpdate(
         `(SELECT e.user_id, e.course_id, e.ended_at AS at FROM written w JOIN e ON e.n = w.n
            WHERE w.status <> 'complete' OR w.was = 'complete')`,
       )})
       SELECT i.id IS NOT NULL AS inserted, w.was,
              e2.user_id AS owner_id, e2.module_id AS owner_module_id,
              coalesce(w.status, mp.status) AS status,
              coalesce(w.active_seconds, mp.active_seconds) AS active_seconds,
              coalesce(w.watched_seconds, mp.watched_seconds) AS watched_seconds,
              coalesce(w.reached_end, mp.reached_end) AS reached_end,
              CASE WHEN w.n IS NULL THEN mp.last_position ELSE w.last_position END AS last_position,
              coalesce(w.furthest_position, mp.furthest_position) AS furthest_position,
              CASE WHEN w.n IS NULL THEN mp.completed_at ELSE w.completed_at END AS completed_at,
              CASE WHEN i.id IS NOT NULL AND w.n IS NULL
                   THEN progress_retry('another process created the progress of a module')
                   WHEN w.status = 'complete' AND w.was IS DISTINCT FROM 'complete' AND NOT e.may_complete
                   THEN progress_retry('a module completed that the check did not expect to')
              END AS retry
         FROM e
         LEFT JOIN inserted i ON i.id = e.event_id
         LEFT JOIN written w ON w.n = e.n
         LEFT JOIN progress_event e2 ON i.id IS NULL AND e2.id = e.event_id
         LEFT JOIN module_progress mp ON i.id IS NULL AND mp.user_id = e.user_id AND mp.module_id = e.module_id
        ORDER BY e.n`,
      [
        reports.map((r) => r.event.eventId),
        reports.map((r) => r.userId),
        reports.map((r) => r.module.id),
        reports.map((r) => r.event.startedAt),
        reports.map((r) => r.event.endedAt),
        reports.map((r) => r.event.reachedEnd ?? false),
        reports.map((r) => r.event.position ?? null),
        segments.map((s) => s?.start ?? null),
        segments.map((s) => s?.end ?? null),
        reports.map((r) => r.module.durationSeconds),
        reports.map((r) => r.courseId),
        rules.map((rule) => rule?.activeSeconds ?? null),
        rules.map((rule) => rule?.watchedSeconds ?? null),
        rules.map((rule) => rule?.reachedEnd ?? null),
        reports.map((r) => r.mayComplete),
      ],
    );
    if (final) {
      tx.committing = tx.client.query('COMMIT');
      // Awaited by the transaction; a failure of the statement above surfaces there first.
      tx.committing.catch(() => undefined);
    }
    return folding;
  }

  /**
   * Enters the credits of completed modules, once per (user, module) whatever is retried, by the credit
   * table of the program each user takes the course in. Answers the credits entered now, by user.
   */
  private async awardCredits(tx: EntityManager, reports: readonly CheckedReport[]): Promise<Map<string, number>> {
    if (reports.length === 0) return new Map();
    const awards = [];
    for (const report of reports) {
      const applied = (await creditTables(tx, report.userId, [report.courseId])).get(report.courseId);
      awards.push({ report, applied, award: moduleCompletionCredits(report.module.estimatedMinutes, applied?.table) });
    }
    const entered: Array<{ user_id: string; credits: string }> = await tx.query(
      `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule, program_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::text[], $6::uuid[])
       ON CONFLICT ON CONSTRAINT uq_credit_ledger_award DO NOTHING
       RETURNING user_id, credits`,
      [
        awards.map((a) => a.report.userId),
        awards.map((a) => a.report.module.id),
        awards.map((a) => a.report.courseId),
        awards.map((a) => a.award.credits),
        awards.map((a) => a.award.rule),
        awards.map((a) => a.applied?.programId ?? null),
      ],
    );
    return new Map(entered.map((row) => [row.user_id, Number(row.credits)]));
  }

  /**
   * A module completed by passing its assessment (a quiz, graded practical work), inside the caller's
   * transaction: the progress becomes complete (once; completion is never taken back), the module's
   * credits and (a test's) pass bonus are entered once, and the trainee's enrolments are recomputed. Answers the credits entered now.
   */
  async completeByPass(
    tx: EntityManager,
    userId: string,
    module: { id: string; estimatedMinutes: number; courseId: string },
    passBonus = true,
  ): Promise<number> {
    await tx.query(
      `INSERT INTO module_progress (user_id, module_id, status, active_seconds, reached_end, last_activity_at,
                                    completed_at)
       VALUES ($1, $2, 'complete', 0, true, now(), now())
       ON CONFLICT (user_id, module_id) DO UPDATE
         SET status = 'complete', reached_end = true, last_activity_at = now(),
             completed_at = coalesce(module_progress.completed_at, now())`,
      [userId, module.id],
    );
    const applied = (await creditTables(tx, userId, [module.courseId])).get(module.courseId);
    const awards = [
      moduleCompletionCredits(module.estimatedMinutes, applied?.table),
      ...(passBonus ? [testPassCredits(applied?.table)] : []),
    ];
    const entered: Array<{ credits: string }> = await tx.query(
      `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule, program_id)
       SELECT $1, $2, $3, a.credits, a.rule, $4
         FROM unnest($5::numeric[], $6::text[]) AS a(credits, rule)
       ON CONFLICT ON CONSTRAINT uq_credit_ledger_award DO NOTHING
       RETURNING credits`,
      [
        userId,
        module.id,
        module.courseId,
        applied?.programId ?? null,
        awards.map((a) => a.credits),
        awards.map((a) => a.rule),
      ],
    );
    await this.completion.onModulesCompleted(tx, [{ userId, courseId: module.courseId }]);
    return sumCredits(entered.map((e) => Number(e.credits)));
  }

  /** Notes that a trainee began a module that activity does not complete (a quiz attempt). */
  async markStarted(tx: EntityManager, userId: string, moduleId: string): Promise<void> {
    await tx.query(
      `INSERT INTO module_progress (user_id, module_id, status, active_seconds, reached_end, last_activity_at)
       VALUES ($1, $2, 'in_progress', 0, false, now())
       ON CONFLICT (user_id, module_id) DO UPDATE SET last_activity_at = now()`,
      [userId, moduleId],
    );
  }

  /** Notes the first time the server gives a user a module (see `eventWindowProblem`). */
  async markOpened(userId: string, moduleId: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO module_open (user_id, module_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      userId,
      moduleId,
    ]);
  }

  async progressOf(
    userId: string,
    module: ProgressModule,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ModuleProgressDto> {
    const rows: ProgressRow[] = await manager.query(
      `SELECT ${PROGRESS_COLUMNS} FROM module_progress WHERE user_id = $1 AND module_id = $2`,
      [userId, module.id],
    );
    return toDto(rows[0] ?? null, module);
  }

  /**
   * Whether this event could complete its module, or it is complete: the most it can add — its whole
   * window, its whole segment — to the progress as the check read it meets the module's rule. When no
   * report of a group can, the group needs nothing after its write (no credits, no recount) and commits
   * with it.
   */
  private mayComplete(
    module: ProgressModule,
    event: ProgressEventDto,
    window: { start: number; end: number },
    progress: {
      status: ProgressStatus | null;
      active_seconds: number | null;
      watched_seconds: number | null;
      reached_end: boolean | null;
    },
  ): boolean {
    if (progress.status === 'complete') return true;
    const segment =
      event.segmentStart !== undefined && event.segmentEnd !== undefined ? event.segmentEnd - event.segmentStart : 0;
    const most = moduleStatus({
      kind: module.kind,
      estimatedMinutes: module.estimatedMinutes,
      durationSeconds: module.durationSeconds,
      activeSeconds: (progress.active_seconds ?? 0) + Math.ceil((window.end - window.start) / 1000) + 1,
      watchedSeconds: (progress.watched_seconds ?? 0) + Math.ceil(segment) + 1,
      reachedEnd: (progress.reached_end ?? false) || (event.reachedEnd ?? false),
      started: true,
    });
    return most === 'complete';
  }

  /** Positions and segments that do not fit the module's kind are a client bug: a 400. */
  private checkShape(module: ProgressModule, event: ProgressEventDto): void {
    const problems: Array<{ field: string; problems: string[] }> = [];
    if (module.kind === 'quiz') {
      problems.push({ field: 'moduleId', problems: ['a quiz’s progress comes from its attempts, not from reports'] });
    }
    if (module.kind === 'article' && event.position !== undefined && event.position > 1) {
      problems.push({ field: 'position', problems: ['an article position is from 0 to 1'] });
    }
    if (module.kind !== 'video' && (event.segmentStart !== undefined || event.segmentEnd !== undefined)) {
      problems.push({ field: 'segmentStart', problems: ['segments are reported for videos only'] });
    }
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
  }
}

function toDto(row: ProgressRow | null, module: ProgressModule): ModuleProgressDto {
  return {
    status: row?.status ?? 'not_started',
    activeSeconds: row?.active_seconds ?? 0,
    requiredSeconds: requiredSeconds(module.kind, module.estimatedMinutes, module.durationSeconds),
    reachedEnd: row?.reached_end ?? false,
    lastPosition: row?.last_position ?? null,
    watchedSeconds: row?.watched_seconds ?? 0,
    furthestPosition: row?.furthest_position ?? 0,
    requiredWatchedSeconds: module.kind === 'video' ? videoRequiredSeconds(module.durationSeconds) : 0,
    completedAt: row?.completed_at ? row.completed_at.toISOString() : null,
  };
}
