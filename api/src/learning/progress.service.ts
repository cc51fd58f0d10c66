import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ModuleKind, ModuleProgressDto, ProgressEventResponse, ProgressStatus } from '@lingyan/contracts';
import {
  coveredSeconds,
  eventWindowProblem,
  lockedModules,
  moduleCompletionCredits,
  moduleStatus,
  requiredSeconds,
  type EventWindowProblem,
} from '@lingyan/domain';
import { DomainError } from '../common/domain-error';
import type { ProgressEventDto } from './learning.dto';

const WINDOW_PROBLEMS: Record<EventWindowProblem, string> = {
  ends_before_start: 'endedAt must be after startedAt',
  too_long: 'one event may report at most 5 minutes of activity',
  in_future: 'endedAt is in the future',
  too_old: 'the event is older than 30 days',
  before_open: 'it reports time from before the module was opened',
};

interface ProgressRow {
  status: ProgressStatus;
  active_seconds: number;
  reached_end: boolean;
  last_position: number | null;
  completed_at: Date | null;
}

/**
 * Records activity reports and derives progress from them. Progress is always rebuilt from every
 * event of (user, module), so a retried event changes nothing and late or out-of-order events give
 * the same result; overlapping windows (two devices) count once. The server decides completion.
 */
@Injectable()
export class ProgressService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(userId: string, event: ProgressEventDto): Promise<ProgressEventResponse> {
    const window = { start: Date.parse(event.startedAt), end: Date.parse(event.endedAt) };
    // The module, its published course, when this user opened it, and the statuses of the modules up
    // to it (for the sequential lock), in one round trip.
    const found: Array<{
      kind: ModuleKind;
      estimated_minutes: number;
      credits: string;
      course_id: string;
      sequential: boolean;
      opened_at: Date | null;
      statuses: ProgressStatus[];
    }> = await this.dataSource.query(
      `SELECT m.kind, m.estimated_minutes, m.credits, m.course_id, c.sequential, o.opened_at,
              (SELECT array_agg(coalesce(mp.status, 'not_started') ORDER BY p.position)
                 FROM module p LEFT JOIN module_progress mp ON mp.module_id = p.id AND mp.user_id = $2
                WHERE p.course_id = m.course_id AND p.position <= m.position) AS statuses
         FROM module m
         JOIN course c ON c.id = m.course_id AND c.status = 'published'
         LEFT JOIN module_open o ON o.module_id = m.id AND o.user_id = $2
        WHERE m.id = $1`,
      [event.moduleId, userId],
    );
    const row = found[0];
    if (!row) throw new DomainError('MODULE_NOT_FOUND', 'No published module has this id.');
    const problem = eventWindowProblem(window, Date.now(), row.opened_at?.getTime() ?? Date.now());
    if (problem) {
      throw new DomainError(
        'IMPLAUSIBLE_PROGRESS',
        `This progress could not have happened: ${WINDOW_PROBLEMS[problem]}.`,
      );
    }
    if (lockedModules(row.statuses, row.sequential).at(-1)) {
      throw new DomainError('MODULE_LOCKED', 'Finish the modules before this one first.');
    }
    const module = {
      id: event.moduleId,
      kind: row.kind,
      estimatedMinutes: row.estimated_minutes,
      credits: Number(row.credits),
    };
    const view = { id: row.course_id };

    return this.dataSource.transaction(async (tx) => {
      // One (user, module) at a time, so two devices reporting at once cannot both award credit.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${userId}:${event.moduleId}`]);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO progress_event (id, user_id, module_id, started_at, ended_at, reached_end, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          event.eventId,
          userId,
          event.moduleId,
          new Date(window.start),
          new Date(window.end),
          event.reachedEnd ?? false,
          event.position ?? null,
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
      const progress = await this.rebuild(tx, userId, event.moduleId, module.kind, module.estimatedMinutes);
      let creditsEarned = 0;
      if (progress.status === 'complete') {
        const award = moduleCompletionCredits(module.estimatedMinutes);
        const entered: Array<{ credits: string }> = await tx.query(
          `INSERT INTO credit_ledger (user_id, module_id, course_id, credits, rule)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT ON CONSTRAINT uq_credit_ledger_award DO NOTHING RETURNING credits`,
          [userId, event.moduleId, view.id, module.credits, award.rule],
        );
        creditsEarned = entered.length > 0 ? Number(entered[0].credits) : 0;
      }
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
    module: { id: string; kind: ModuleKind; estimatedMinutes: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ModuleProgressDto> {
    const rows: ProgressRow[] = await manager.query(
      `SELECT status, active_seconds, reached_end, last_position, completed_at
         FROM module_progress WHERE user_id = $1 AND module_id = $2`,
      [userId, module.id],
    );
    return toDto(rows[0] ?? null, requiredSeconds(module.kind, module.estimatedMinutes));
  }

  private async rebuild(
    tx: EntityManager,
    userId: string,
    moduleId: string,
    kind: ModuleKind,
    estimatedMinutes: number,
  ): Promise<ModuleProgressDto> {
    const events: Array<{ started_at: Date; ended_at: Date; reached_end: boolean; position: number | null }> =
      await tx.query(
        `SELECT started_at, ended_at, reached_end, position FROM progress_event
          WHERE user_id = $1 AND module_id = $2 ORDER BY ended_at, id`,
        [userId, moduleId],
      );
    const activeSeconds = coveredSeconds(
      events.map((e) => ({ start: e.started_at.getTime(), end: e.ended_at.getTime() })),
    );
    const reachedEnd = events.some((e) => e.reached_end);
    const latest = events[events.length - 1];
    // The resume point is the latest event that reported a position; an event without one keeps it.
    const lastPositioned = [...events].reverse().find((e) => e.position !== null);
    const status = moduleStatus({ kind, estimatedMinutes, activeSeconds, reachedEnd, started: events.length > 0 });
    const rows: ProgressRow[] = await tx.query(
      `INSERT INTO module_progress (user_id, module_id, status, active_seconds, reached_end, last_position,
                                    last_activity_at, completed_at)
       VALUES ($1, $2, $3::varchar, $4, $5, $6, $7, CASE WHEN $3::varchar = 'complete' THEN now() END)
       ON CONFLICT (user_id, module_id) DO UPDATE SET
         status = EXCLUDED.status, active_seconds = EXCLUDED.active_seconds, reached_end = EXCLUDED.reached_end,
         last_position = EXCLUDED.last_position, last_activity_at = EXCLUDED.last_activity_at,
         completed_at = coalesce(module_progress.completed_at, EXCLUDED.completed_at)
       RETURNING status, active_seconds, reached_end, last_position, completed_at`,
      [userId, moduleId, status, activeSeconds, reachedEnd, lastPositioned?.position ?? null, latest.ended_at],
    );
    return toDto(rows[0], requiredSeconds(kind, estimatedMinutes));
  }
}

function toDto(row: ProgressRow | null, required: number): ModuleProgressDto {
  return {
    status: row?.status ?? 'not_started',
    activeSeconds: row?.active_seconds ?? 0,
    requiredSeconds: required,
    reachedEnd: row?.reached_end ?? false,
    lastPosition: row?.last_position ?? null,
    completedAt: row?.completed_at ? row.completed_at.toISOString() : null,
  };
}
