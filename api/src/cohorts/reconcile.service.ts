import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobDto, ReconcileResultDto } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { JobRunner, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-runner';
import { JobsService, type JobRow } from '../jobs/jobs.service';
import { CohortsService } from './cohorts.service';
import { CompletionService } from './completion.service';

const CHUNK = 2000;

/**
 * The reconcile job: recomputes every enrolment of a cohort from the ledger and progress (catching
 * anything the incremental path missed), then recounts the cohort's completion counts from the
 * enrolments and compares them with the maintained ones — the number of rows that differed is the
 * proof (0 when the triggers kept them right) — and rebuilds them if any did.
 */
@Injectable()
export class ReconcileService implements OnModuleInit, JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly completion: CompletionService,
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    this.runner.register('reconcile', this);
  }

  async start(actor: AuthUser, cohortId: string): Promise<JobDto> {
    await this.cohorts.load(actor, cohortId);
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM enrolment WHERE cohort_id = $1 AND withdrawn_at IS NULL`,
      [cohortId],
    );
    const id = await this.jobs.create(this.dataSource, {
      kind: 'reconcile',
      status: 'queued',
      cohortId,
      createdBy: actor.id,
      total,
    });
    this.runner.kick();
    return this.jobs.get(actor, id);
  }

  async run(job: JobRow, context: JobContext): Promise<JobOutcome> {
    const cohortId = job.cohort_id as string;
    let after = '00000000-0000-0000-0000-000000000000';
    let processed = 0;
    let refreshed = 0;
    for (;;) {
      const ids: Array<{ user_id: string }> = await this.dataSource.query(
        `SELECT user_id FROM enrolment WHERE cohort_id = $1 AND withdrawn_at IS NULL AND user_id > $2
          ORDER BY user_id LIMIT ${CHUNK}`,
        [cohortId, after],
      );
      if (ids.length === 0) break;
      after = ids[ids.length - 1].user_id;
      refreshed += await this.dataSource.transaction((tx) =>
        this.completion.refresh(tx, { userIds: ids.map((r) => r.user_id), cohortId }),
      );
      processed += ids.length;
      await context.progress({ processed });
    }
    const counts = await this.dataSource.transaction((tx) => this.completion.rebuildCounts(tx, cohortId));
    const result: ReconcileResultDto = { ...counts, enrolmentsRefreshed: refreshed };
    return { status: 'succeeded', result };
  }
}
