import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ImportSummaryDto, JobDto, JobKind, JobStatus } from '@lingyan/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { JOB_COLUMNS, type JobRow } from './jobs.service';

/** A job whose heartbeat is older than this is taken to have lost its process, and is claimed again. */
const STALE_AFTER = '60 seconds';
const IDLE_POLL_MS = 1000;

/** Thrown by `progress` when the job was cancelled or the process is stopping: the handler just stops. */
export class JobInterrupted extends Error {}

/** An error that names the rows at fault; its message becomes the job's error. */
export class JobRowsError extends Error {}

export interface JobContext {
  /** Records progress (and whatever else changed) and checks the job should go on. */
  progress(patch: { processed: number; total?: number | null; preview?: ImportSummaryDto | null }): Promise<void>;
}

export interface JobOutcome {
  status: Extract<JobStatus, 'ready' | 'succeeded'>;
  preview?: ImportSummaryDto;
  result?: JobDto['result'];
}

export interface JobHandler {
  run(job: JobRow, context: JobContext): Promise<JobOutcome>;
}

/**
 * Runs background jobs from the `job` table, one at a time per process. A job is claimed with
 * `FOR UPDATE SKIP LOCKED`, so any number of API processes can share the queue; the handler works in
 * chunks, recording `processed` with each, so a job that fails, or whose process dies (its heartbeat
 * goes stale), continues from its last chunk.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<JobKind, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private again = false;
  /** Set once the job table exists (on a first start the migrations run after the app starts). */
  private tableReady = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(kind: JobKind, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobWorker) this.schedule(IDLE_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Looks for work now (after a job was created or confirmed in this process). */
  kick(): void {
    if (!this.config.jobWorker || this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        this.schedule(this.again ? 0 : IDLE_POLL_MS);
        this.again = false;
      });
    }, ms);
  }

  /** Runs jobs until none is waiting. */
  private async drain(): Promise<void> {
    while (!this.stopping) {
      let job: JobRow | undefined;
      try {
        job = await this.claim();
      } catch (error) {
        this.logger.warn(`could not look for jobs: ${(error as Error).message}`);
        return;
      }
      if (!job) return;
      await this.execute(job);
    }
  }

  private async claim(): Promise<JobRow | undefined> {
    if (!this.tableReady) {
      const [found]: Array<{ t: string | null }> = await this.dataSource.query(`SELECT to_regclass('job')::text AS t`);
      if (!found?.t) return undefined;
      this.tableReady = true;
    }
    const [rows]: [JobRow[], number] = await this.dataSource.query(
      `UPDATE job j SET status = CASE WHEN j.status = 'queued' THEN 'running' ELSE j.status END,
              heartbeat_at = now(), started_at = coalesce(j.started_at, now()), attempts = j.attempts + 1
        WHERE j.id = (SELECT id FROM job
                       WHERE status IN ('validating', 'queued', 'running')
                         AND (heartbeat_at IS NULL OR heartbeat_at < now() - interval '${STALE_AFTER}')
                       ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING ${JOB_COLUMNS}`,
    );
    return rows[0];
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const phase = job.status;
    const context: JobContext = {
      progress: async (patch) => {
        const [rows]: [unknown[], number] = await this.dataSource.query(
          `UPDATE job SET processed = $2, heartbeat_at = now(),
                  total = CASE WHEN $3::boolean THEN $4 ELSE total END,
                  preview = CASE WHEN $5::boolean THEN $6::jsonb ELSE preview END
            WHERE id = $1 AND status = $7 RETURNING id`,
          [
            job.id,
            patch.processed,
            patch.total !== undefined,
            patch.total ?? null,
            patch.preview !== undefined,
            patch.preview === undefined ? null : JSON.stringify(patch.preview),
            phase,
          ],
        );
        if (rows.length === 0 || this.stopping) throw new JobInterrupted();
      },
    };
    try {
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      const outcome = await handler.run(job, context);
      await this.dataSource.query(
        `UPDATE job SET status = $2::varchar, preview = coalesce($3::jsonb, preview), result = coalesce($4::jsonb, result),
                heartbeat_at = NULL, error = NULL,
                finished_at = CASE WHEN $2::varchar = 'succeeded' THEN now() ELSE finished_at END
          WHERE id = $1 AND status = $5`,
        [
          job.id,
          outcome.status,
          outcome.preview ? JSON.stringify(outcome.preview) : null,
          outcome.result ? JSON.stringify(outcome.result) : null,
          phase,
        ],
      );
    } catch (error) {
      if (error instanceof JobInterrupted) {
        // Cancelled (nothing to do) or stopping: free it for the next process at once.
        await this.dataSource
          .query(`UPDATE job SET heartbeat_at = NULL WHERE id = $1 AND status = $2`, [job.id, phase])
          .catch(() => undefined);
        return;
      }
      const message = error instanceof JobRowsError ? error.message : `The job stopped: ${(error as Error).message}`;
      this.logger.warn(`job ${job.id} (${job.kind}) failed: ${(error as Error).message}`);
      await this.dataSource
        .query(
          `UPDATE job SET status = 'failed', error = $2, heartbeat_at = NULL, finished_at = now()
            WHERE id = $1 AND status = $3`,
          [job.id, message, phase],
        )
        .catch(() => undefined);
    }
  }
}
