import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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

/**
 * Records activity reports and derives progress from them. Each event is kept as received (the audit
 * trail) and folded into the module's progress as unions — of wall-clock windows and of watched video
 * segments — so a retried event changes nothing, late or out-of-order events give the same result,
 * and two devices at once count once. The work per event does not grow with the number of events.
 * The server decides completion.
 */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly completion: CompletionService,
  ) {}

  async record(userId: string, event: ProgressEventDto): Promise<ProgressEventResponse> {
    const window = { start: Date.parse(event.startedAt), end: Date.parse(event.endedAt) };
    // The module, its published course, when this user opened it, and the statuses of the modules up
    // to it (for the sequential lock), in one round trip.
    const found: Array<{
      kind: ModuleKind;
      estimated_minutes: number;
      duration_seconds: number | null;
      course_id: string;
      sequential: boolean;
      opened_at: Date | null;
      statuses: ProgressStatus[];
    }> = await this.dataSource.query(
      `SELECT m.kind, m.estimated_minutes, m.duration_seconds, m.course_id, c.sequential, o.opened_at,
              (SELECT array_agg(coalesce(mp.status, 'not_started') ORDER BY p.position)
                 FROM module p LEFT JOIN module_progress mp ON mp.module_id = p.id AND mp.user_id = $2
                WHERE p.course_id = m.course_id AND p.position <= m.position AND p.retired_at IS NULL) AS statuses
         FROM module m
         JOIN course c ON c.id = m.course_id AND c.status = 'published'
         LEFT JOIN module_open o ON o.module_id = m.id AND o.user_id = $2
        WHERE m.id = $1 AND m.retired_at IS NULL`,
      [event.moduleId, userId],
    );
    const row = found[0];
    if (!row) throw new DomainError('MODULE_NOT_FOUND', 'No published module has this id.');
    const module: ProgressModule = {
      id: event.moduleId,
      kind: row.kind,
      estimatedMinutes: row.estimated_minutes,
      durationSeconds: row.duration_seconds,
    };
    this.checkShape(module, event);
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

    return this.dataSource.transaction(async (tx) => {
      // One (user, module) at a time, so two devices reporting at once cannot both award credit.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${userId}:${event.moduleId}`]);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO progress_event (id, user_id, module_id, started_at, ended_at, reached_end, position,
                                     segment_start, segment_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          event.eventId,
          userId,
          event.moduleId,
          new Date(window.start),
          new Date(window.end),
          event.reachedEnd ?? false,
          event.position ?? null,
          event.segmentStart ?? null,
          event.segmentEnd ?? null,
        ],
      );
      if (inserted.length === 0) {
        const existing: Array<{ user_id: string; module_id: string }> = await tx.query(
          `SELECT user_id, module_id FROM progress_event WHERE id = $1`,
          [event.eventId],
        );
        if (existing[0]?.user_id !== userId || existing[0]?.module_id !== event.moduleId) {
          throw new DomainError('EVENT_ID_CONFLICT', 'This event id was already used for another report.');
        }
        return { duplicate: true, progress: await this.progressOf(userId, module, tx), creditsEarned: 0 };
      }
      const { progress, completedNow } = await this.fold(tx, userId, module, event, window);
      let creditsEarned = 0;
      if (progress.status === 'complete') {
        const applied = (await creditTables(tx, userId, [row.course_id])).get(row.course_id);
        const award = moduleCompletionCredits(module.estimatedMinutes, applied?.table);
        const entered: Array<{ credits: string }> = await tx.query(
          `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule, program_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT ON CONSTRAINT uq_credit_ledger_award DO NOTHING RETURNING credits`,
          [userId, event.moduleId, row.course_id, award.credits, award.rule, applied?.programId ?? null],
        );
        creditsEarned = entered.length > 0 ? Number(entered[0].credits) : 0;
      }
      // The trainee's cohorts (and so the completion counts of their regions) follow in this transaction.
      await this.completion.onProgress(tx, userId, row.course_id, new Date(window.end), completedNow);
      return { duplicate: false, progress, creditsEarned };
    });
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

  /** Folds one new event into the module's progress and decides its status. */
  private async fold(
    tx: EntityManager,
    userId: string,
    module: ProgressModule,
    event: ProgressEventDto,
    window: { start: number; end: number },
  ): Promise<{ progress: ModuleProgressDto; completedNow: boolean }> {
    const hasSegment = event.segmentStart !== undefined && event.segmentEnd !== undefined;
    const [merged]: Array<{
      status: ProgressStatus;
      active_total: number;
      watched_total: number;
      reached_end: boolean;
    }> = await tx.query(
      `INSERT INTO module_progress AS mp (user_id, module_id, status, active_seconds, reached_end, last_position,
                                          last_position_at, last_activity_at, active_windows, watched,
                                          furthest_position)
       VALUES ($1, $2, 'in_progress', 0, $3, $4, CASE WHEN $4::real IS NULL THEN NULL ELSE $6::timestamptz END,
               $6, tstzmultirange(tstzrange($5, $6)),
               CASE WHEN $7::numeric IS NULL THEN '{}'::nummultirange
                    ELSE nummultirange(numrange($7::numeric, $8::numeric)) END,
               least(coalesce($8::real, 0), coalesce($9::real, 'Infinity')))
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
       RETURNING mp.status, mp.reached_end,
         (SELECT coalesce(floor(sum(extract(epoch FROM upper(r) - lower(r)))), 0)::int
            FROM unnest(mp.active_windows) r) AS active_total,
         (SELECT coalesce(floor(sum(upper(r) - lower(r))), 0)::int
            FROM unnest(CASE WHEN $9::numeric IS NULL THEN mp.watched
                             ELSE mp.watched * nummultirange(numrange(0, $9::numeric)) END) r) AS watched_total`,
      [
        userId,
        module.id,
        event.reachedEnd ?? false,
        event.position ?? null,
        new Date(window.start),
        new Date(window.end),
        hasSegment ? event.segmentStart : null,
        hasSegment ? event.segmentEnd : null,
        module.durationSeconds,
      ],
    );
    const verdict = moduleStatus({
      kind: module.kind,
      estimatedMinutes: module.estimatedMinutes,
      durationSeconds: module.durationSeconds,
      activeSeconds: merged.active_total,
      watchedSeconds: merged.watched_total,
      reachedEnd: merged.reached_end,
      started: true,
    });
    // Completion is never taken back (a later revision may change the module's length).
    const status: ProgressStatus = merged.status === 'complete' ? 'complete' : verdict;
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [ProgressRow[], number] = await tx.query(
      `UPDATE module_progress SET status = $3::varchar, active_seconds = $4, watched_seconds = $5,
              completed_at = coalesce(completed_at, CASE WHEN $3::varchar = 'complete' THEN now() END)
        WHERE user_id = $1 AND module_id = $2
        RETURNING ${PROGRESS_COLUMNS}`,
      [userId, module.id, status, merged.active_total, merged.watched_total],
    );
    return { progress: toDto(rows[0], module), completedNow: merged.status !== 'complete' && status === 'complete' };
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
