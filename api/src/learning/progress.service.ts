import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { ModuleKind, ModuleProgressDto, ProgressEventResponse, ProgressStatus } from '@lingyan/contracts';
import {
  eventWindowProblem,
  lockedModules,
  moduleCompletionCredits,
  moduleStatus,
  requiredSeconds,
  segmentProblem,
  videoRequiredSeconds,
  type EventWindowProblem,
  type SegmentProblem,
} from '@lingyan/domain';
import { DomainError } from '../common/domain-error';
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

/** What `insertAndFold` answers for each report. */
interface FoldedRow extends Omit<ProgressRow, 'status'> {
  inserted: boolean;
  /** The new event folded in (when inserted). */
  folded_status: ProgressStatus;
  folded_reached_end: boolean;
  active_total: number;
  watched_total: number;
  /** Who first sent this event id (when not inserted), and the module's progress as it stands. */
  owner_id: string | null;
  owner_module_id: string | null;
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
 * checked and written together — one lookup, then one transaction of three set-based statements — so
 * under load a report costs a fraction of a round trip instead of ten. A group holds at most one report
 * per trainee, so one trainee's reports are folded one after another, in the order they arrived. Two API
 * processes may still write reports of one trainee at once: the upsert of the module's progress locks
 * its row, so the second waits and folds into the first's result, and the ledger's unique award key
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

  /** Checks and writes a group of reports; each is answered on its own. */
  private async recordGroup(reports: readonly Report[]): Promise<Array<PromiseSettledResult<ProgressEventResponse>>> {
    const results: Array<PromiseSettledResult<ProgressEventResponse>> = [];
    const checked = await this.check(reports, results);
    if (checked.length === 0) return results;
    try {
      const written = await this.transaction((tx) => this.write(tx, checked));
      checked.forEach((report, i) => (results[report.index] = written[i]));
    } catch (error) {
      if (checked.length === 1) {
        results[checked[0].index] = { status: 'rejected', reason: error };
        return results;
      }
      // Something failed the whole group (a deadlock with another API process, say): write each report
      // alone, so one cannot fail the others.
      for (const report of checked) {
        try {
          [results[report.index]] = await this.transaction((tx) => this.write(tx, [report]));
        } catch (failure) {
          results[report.index] = { status: 'rejected', reason: failure };
        }
      }
    }
    return results;
  }

  /**
   * Runs `work` in a transaction, started in one round trip, whose prepared statements are planned once
   * per connection: left to itself PostgreSQL would plan each call anew for its array sizes, which costs
   * more than running it.
   */
  private async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN; SET LOCAL plan_cache_mode = force_generic_plan');
      const result = await work(runner.manager);
      await client.query('COMMIT');
      return result;
    } catch (error) {
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
    }> = await prepared(
      this.dataSource,
      'progress-check',
      `SELECT v.n, m.kind, m.estimated_minutes, m.duration_seconds, m.course_id, c.sequential, o.opened_at,
              (SELECT array_agg(coalesce(mp.status, 'not_started') ORDER BY p.position)
                 FROM module p LEFT JOIN module_progress mp ON mp.module_id = p.id AND mp.user_id = v.user_id
                WHERE p.course_id = m.course_id AND p.position <= m.position AND p.retired_at IS NULL) AS statuses
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS v(module_id, user_id, n)
         JOIN module m ON m.id = v.module_id AND m.retired_at IS NULL
         JOIN course c ON c.id = m.course_id AND c.status = 'published'
         LEFT JOIN module_open o ON o.module_id = m.id AND o.user_id = v.user_id`,
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
        checked.push({ ...report, index, module, courseId: row.course_id, window });
      } catch (error) {
        results[index] = { status: 'rejected', reason: error };
      }
    });
    return checked;
  }

  /**
   * Writes checked reports (at most one per user) in the caller's transaction: keeps each event, folds the
   * new ones into their module's progress, decides the statuses, enters the credits of completed modules
   * once, and brings the trainees' enrolments along. A handful of statements, whatever the group's size.
   */
  private async write(
    tx: EntityManager,
    reports: readonly CheckedReport[],
  ): Promise<Array<PromiseSettledResult<ProgressEventResponse>>> {
    const folded = await this.insertAndFold(tx, reports);
    const results: Array<PromiseSettledResult<ProgressEventResponse>> = [];
    const decided: Array<{
      at: number;
      report: CheckedReport;
      status: ProgressStatus;
      completedNow: boolean;
      active: number;
      watched: number;
    }> = [];
    reports.forEach((report, at) => {
      const row = folded[at];
      if (row.inserted) {
        const verdict = moduleStatus({
          kind: report.module.kind,
          estimatedMinutes: report.module.estimatedMinutes,
          durationSeconds: report.module.durationSeconds,
          activeSeconds: row.active_total,
          watchedSeconds: row.watched_total,
          reachedEnd: row.folded_reached_end,
          started: true,
        });
        // Completion is never taken back (a later revision may change the module's length).
        const status: ProgressStatus = row.folded_status === 'complete' ? 'complete' : verdict;
        const completedNow = row.folded_status !== 'complete' && status === 'complete';
        decided.push({ at, report, status, completedNow, active: row.active_total, watched: row.watched_total });
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
    if (decided.length === 0) return results;

    // The statuses, and in the same statement the trainees' enrolments (and so the completion counts of
    // their regions) for the events that completed nothing; a completion recomputes them below.
    const updated = await prepared<ProgressRow & { user_id: string }>(
      tx,
      'progress-status',
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::int[], $5::int[], $6::uuid[],
                              $7::timestamptz[], $8::boolean[])
           AS v(user_id, module_id, status, active, watched, course_id, at, completed_now)),
       activity AS (${CompletionService.activityUpdate('(SELECT * FROM v WHERE NOT completed_now)')})
       UPDATE module_progress mp
          SET status = v.status, active_seconds = v.active, watched_seconds = v.watched,
              completed_at = coalesce(mp.completed_at, CASE WHEN v.status = 'complete' THEN now() END)
         FROM v
        WHERE mp.user_id = v.user_id AND mp.module_id = v.module_id
        RETURNING mp.user_id, ${PROGRESS_COLUMNS_OF_MP}`,
      [
        decided.map((d) => d.report.userId),
        decided.map((d) => d.report.module.id),
        decided.map((d) => d.status),
        decided.map((d) => d.active),
        decided.map((d) => d.watched),
        decided.map((d) => d.report.courseId),
        decided.map((d) => new Date(d.report.window.end)),
        decided.map((d) => d.completedNow),
      ],
    );
    const progressOfUser = new Map(updated.map((row) => [row.user_id, row]));
    const credits = await this.awardCredits(
      tx,
      decided.filter((d) => d.status === 'complete').map((d) => d.report),
    );
    await this.completion.onModulesCompleted(
      tx,
      decided.filter((d) => d.completedNow).map((d) => d.report),
    );
    for (const { at, report } of decided) {
      const progress = toDto(progressOfUser.get(report.userId) ?? null, report.module);
      const creditsEarned = credits.get(report.userId) ?? 0;
      results[at] = { status: 'fulfilled', value: { duplicate: false, progress, creditsEarned } };
    }
    return results;
  }

  /**
   * Keeps the events (a repeated id is not kept again) and folds each new one into its module's
   * progress, in one statement. Answers, for each report in order: whether it was new; if so, the merged
   * totals; if not, who first sent that id and the module's progress as it stands.
   */
  private async insertAndFold(tx: EntityManager, reports: readonly CheckedReport[]): Promise<FoldedRow[]> {
    const segments = reports.map(({ event }) =>
      event.segmentStart !== undefined && event.segmentEnd !== undefined
        ? { start: event.segmentStart, end: event.segmentEnd }
        : null,
    );
    return prepared<FoldedRow>(
      tx,
      'progress-fold',
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::boolean[],
                              $7::real[], $8::numeric[], $9::numeric[], $10::numeric[]) WITH ORDINALITY
           AS v(event_id, user_id, module_id, started_at, ended_at, reached_end, position, segment_start,
                segment_end, duration, n)),
       inserted AS (
         INSERT INTO progress_event (id, user_id, module_id, started_at, ended_at, reached_end, position,
                                     segment_start, segment_end)
         SELECT event_id, user_id, module_id, started_at, ended_at, reached_end, position, segment_start, segment_end
           FROM v
         ON CONFLICT (id) DO NOTHING
         RETURNING id),
       folded AS (
         INSERT INTO module_progress AS mp (user_id, module_id, status, active_seconds, reached_end, last_position,
                                            last_position_at, last_activity_at, active_windows, watched,
                                            furthest_position)
         SELECT v.user_id, v.module_id, 'in_progress', 0, v.reached_end, v.position,
                CASE WHEN v.position IS NULL THEN NULL ELSE v.ended_at END, v.ended_at,
                tstzmultirange(tstzrange(v.started_at, v.ended_at)),
                CASE WHEN v.segment_start IS NULL THEN '{}'::nummultirange
                     ELSE nummultirange(numrange(v.segment_start, v.segment_end)) END,
                least(coalesce(v.segment_end::real, 0), coalesce(v.duration::real, 'Infinity'))
           FROM v JOIN inserted i ON i.id = v.event_id
         ON CONFLICT (user_id, module_id) DO UPDATE SET
           active_windows = mp.active_windows + EXCLUDED.active_windows,
           watched = mp.watched + EXCLUDED.watched,
           reached_end = mp.reached_end OR EXCLUDED.reached_end,
           last_position = CASE
             WHEN EXCLUDED.last_position_at IS NOT NULL
              AND (mp.last_position_at IS NULL OR EXCLUDED.last_position_at >= mp.last_position_at)
             THEN EXCLUDED.last_position ELSE mp.last_position END,
           last_position_at = greatest(mp.last_position_at, EXCLUDED.last_position_at),
           last_activity_at = greatest(mp.last_activity_at, EXCLUDED.last_activity_at),
           furthest_position = greatest(mp.furthest_position, EXCLUDED.furthest_position)
         RETURNING mp.user_id, mp.module_id, mp.status, mp.reached_end, mp.watched,
           (SELECT coalesce(floor(sum(extract(epoch FROM upper(r) - lower(r)))), 0)::int
              FROM unnest(mp.active_windows) r) AS active_total)
       SELECT i.id IS NOT NULL AS inserted, f.status AS folded_status, f.reached_end AS folded_reached_end,
              f.active_total,
              (SELECT coalesce(floor(sum(upper(r) - lower(r))), 0)::int
                 FROM unnest(CASE WHEN v.duration IS NULL THEN f.watched
                                  ELSE f.watched * nummultirange(numrange(0, v.duration)) END) r) AS watched_total,
              e.user_id AS owner_id, e.module_id AS owner_module_id, ${PROGRESS_COLUMNS_OF_MP}
         FROM v
         LEFT JOIN inserted i ON i.id = v.event_id
         LEFT JOIN folded f ON f.user_id = v.user_id AND f.module_id = v.module_id
         LEFT JOIN progress_event e ON i.id IS NULL AND e.id = v.event_id
         LEFT JOIN module_progress mp ON i.id IS NULL AND mp.user_id = v.user_id AND mp.module_id = v.module_id
        ORDER BY v.n`,
      [
        reports.map((r) => r.event.eventId),
        reports.map((r) => r.userId),
        reports.map((r) => r.module.id),
        reports.map((r) => new Date(r.window.start)),
        reports.map((r) => new Date(r.window.end)),
        reports.map((r) => r.event.reachedEnd ?? false),
        reports.map((r) => r.event.position ?? null),
        segments.map((s) => s?.start ?? null),
        segments.map((s) => s?.end ?? null),
        reports.map((r) => r.module.durationSeconds),
      ],
    );
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

  /** Positions and segments that do not fit the module's kind are a client bug: a 400. */
  private checkShape(module: ProgressModule, event: ProgressEventDto): void {
    const problems: Array<{ field: string; problems: string[] }> = [];
    if (module.kind === 'article' && event.position !== undefined && event.position > 1) {
      problems.push({ field: 'position', problems: ['an article position is from 0 to 1'] });
    }
    if (module.kind !== 'video' && (event.segmentStart !== undefined || event.segmentEnd !== undefined)) {
      problems.push({ field: 'segmentStart', problems: ['segments are reported for videos only'] });
    }
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        problems.map((p) => `${p.field}: ${p.problems[0]}`).join('; '),
        problems,
      );
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
