import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EnrolRuleResultDto, EnrolUsersResponse, JobDto, Position, WithdrawResponse } from '@lingyan/contracts';
import { isWithinRegionPath } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { JobRunner, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-runner';
import { JobsService, type JobRow } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import { requireEnrolmentOpen, viewRoot } from './cohort-access';
import { CohortsService } from './cohorts.service';
import { CompletionService } from './completion.service';
import type { EnrolByRuleDto, TransferDto, WithdrawDto } from './cohorts.dto';

const RULE_CHUNK = 5000;

/**
 * Putting trainees into cohorts and taking them out: individually, by rule (a background job), by
 * withdrawal and by transfer. Enrolling also enrols in the program (what the trainee's home shows);
 * trainees with progress already get their status at once.
 */
@Injectable()
export class EnrolmentService implements OnModuleInit, JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly completion: CompletionService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.runner.register('enrol_rule', this);
  }

  async enrolUsers(actor: AuthUser, cohortId: string, userIds: readonly string[]): Promise<EnrolUsersResponse> {
    const cohort = await this.cohorts.load(actor, cohortId);
    requireEnrolmentOpen(cohort.enrol_until);
    const root = viewRoot(actor, cohort);
    const found: Array<{ id: string; is_trainee: boolean }> = await this.dataSource.query(
      `SELECT id, 'trainee' = ANY(roles) AS is_trainee FROM app_user
        WHERE id = ANY($1) AND active AND region_path <@ CAST($2 AS ltree)`,
      [userIds, root.path],
    );
    const missing = userIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) {
      throw new DomainError(
        'USER_NOT_FOUND',
        `No active user in your part of the cohort’s region has the ids ${missing.join(', ')}.`,
      );
    }
    const notTrainees = found.filter((f) => !f.is_trainee).map((f) => f.id);
    if (notTrainees.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'userIds: only trainees can be enrolled', [
        { field: 'userIds', problems: [`not trainee accounts: ${notTrainees.join(', ')}`] },
      ]);
    }
    const enrolled = await this.dataSource.transaction((tx) =>
      this.insert(tx, cohortId, cohort.program_id, userIds, 'individual', actor.id),
    );
    return { enrolled, alreadyEnrolled: userIds.length - enrolled };
  }

  /**
   * Enrols (or re-enrols after a withdrawal) these users; returns how many became enrolled. Users
   * who already have progress in the program get their status now.
   */
  async insert(
    tx: EntityManager,
    cohortId: string,
    programId: string,
    userIds: readonly string[],
    source: 'individual' | 'rule' | 'import',
    by: string,
    /** Accounts created in this transaction: they cannot have progress, so they are not looked up. */
    fresh: ReadonlySet<string> = new Set(),
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    await tx.query(
      `INSERT INTO program_enrolment (program_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [programId, userIds],
    );
    const inserted: Array<{ user_id: string }> = await tx.query(
      `INSERT INTO enrolment AS e (cohort_id, user_id, region_code, source, enrolled_by)
       SELECT $1, u.id, u.region_code, $3, $4 FROM app_user u WHERE u.id = ANY($2::uuid[]) ORDER BY u.id
       ON CONFLICT (cohort_id, user_id) DO UPDATE
          SET withdrawn_at = NULL, withdrawn_reason = NULL, source = EXCLUDED.source,
              enrolled_by = EXCLUDED.enrolled_by, enrolled_at = now(), region_code = EXCLUDED.region_code
        WHERE e.withdrawn_at IS NOT NULL
       RETURNING e.user_id`,
      [cohortId, userIds, source, by],
    );
    const withProgress: Array<{ user_id: string }> = await tx.query(
      `SELECT DISTINCT mp.user_id FROM module_progress mp
         JOIN module m ON m.id = mp.module_id
         JOIN program_course pc ON pc.course_id = m.course_id AND pc.program_id = $2
        WHERE mp.user_id = ANY($1)`,
      [inserted.map((r) => r.user_id).filter((id) => !fresh.has(id)), programId],
    );
    await this.completion.refresh(tx, { userIds: withProgress.map((r) => r.user_id), cohortId });
    const [cohort]: Array<{ name: string; due_on: string }> = await tx.query(
      `SELECT name, due_on::text FROM cohort WHERE id = $1`,
      [cohortId],
    );
    await this.notifications.send(
      tx,
      inserted.map((r) => r.user_id),
      {
        kind: 'enrolled',
        title: `您已报名「${cohort.name}」`,
        body: `请在 ${cohort.due_on} 前完成培训项目的学习。`,
        link: '/learn',
      },
    );
    return inserted.length;
  }

  async startRule(actor: AuthUser, cohortId: string, dto: EnrolByRuleDto): Promise<JobDto> {
    const cohort = await this.cohorts.load(actor, cohortId);
    requireEnrolmentOpen(cohort.enrol_until);
    const region = await this.regions.requireInScope(actor, dto.regionCode, 'regionCode');
    if (!isWithinRegionPath(region.path, cohort.region_path)) {
      throw new DomainError('OUT_OF_SCOPE', `Region ${dto.regionCode} is outside the cohort’s region.`);
    }
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app_user
        WHERE region_path <@ CAST($1 AS ltree) AND position = ANY($2) AND 'trainee' = ANY(roles) AND active`,
      [region.path, dto.positions],
    );
    const id = await this.jobs.create(this.dataSource, {
      kind: 'enrol_rule',
      status: 'queued',
      cohortId,
      createdBy: actor.id,
      params: { positions: dto.positions, regionPath: region.path, regionCode: region.code },
      total,
    });
    this.runner.kick();
    return this.jobs.get(actor, id);
  }

  /** The rule-enrolment job: matching trainees in id order, a chunk per transaction, resumable at the last id. */
  async run(job: JobRow, context: JobContext): Promise<JobOutcome> {
    const params = job.params as {
      positions: Position[];
      regionPath: string;
      after?: string;
    } & Partial<EnrolRuleResultDto>;
    const [cohort]: Array<{ program_id: string }> = await this.dataSource.query(
      `SELECT program_id FROM cohort WHERE id = $1`,
      [job.cohort_id],
    );
    if (!cohort) throw new Error('the cohort no longer exists');
    let after = params.after ?? '00000000-0000-0000-0000-000000000000';
    let processed = job.processed;
    const result: EnrolRuleResultDto = {
      matched: params.matched ?? 0,
      enrolled: params.enrolled ?? 0,
      alreadyEnrolled: params.alreadyEnrolled ?? 0,
    };
    for (;;) {
      const ids: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM app_user
          WHERE region_path <@ CAST($1 AS ltree) AND position = ANY($2) AND 'trainee' = ANY(roles) AND active
            AND id > $3
          ORDER BY id LIMIT ${RULE_CHUNK}`,
        [params.regionPath, params.positions, after],
      );
      if (ids.length === 0) break;
      const userIds = ids.map((r) => r.id);
      after = userIds[userIds.length - 1];
      await this.dataSource.transaction(async (tx) => {
        const enrolled = await this.insert(
          tx,
          job.cohort_id as string,
          cohort.program_id,
          userIds,
          'rule',
          job.created_by,
        );
        result.matched += userIds.length;
        result.enrolled += enrolled;
        result.alreadyEnrolled += userIds.length - enrolled;
        processed += userIds.length;
        // The resume point is written in the same transaction as the chunk.
        await tx.query(`UPDATE job SET params = params || $2::jsonb WHERE id = $1`, [
          job.id,
          JSON.stringify({ after, ...result }),
        ]);
      });
      await context.progress({ processed });
    }
    return { status: 'succeeded', result };
  }

  async withdraw(actor: AuthUser, cohortId: string, dto: WithdrawDto): Promise<WithdrawResponse> {
    const cohort = await this.cohorts.load(actor, cohortId);
    const root = viewRoot(actor, cohort);
    return this.dataSource.transaction(async (tx) => {
      const withdrawn: Array<{ user_id: string }> = await tx
        .query(
          `UPDATE enrolment SET withdrawn_at = now(), withdrawn_reason = $4
          WHERE cohort_id = $1 AND user_id = ANY($2) AND withdrawn_at IS NULL AND region_path <@ CAST($3 AS ltree)
          RETURNING user_id`,
          [cohortId, dto.userIds, root.path, dto.reason],
        )
        .then(([rows]: [Array<{ user_id: string }>, number]) => rows);
      // The program leaves the trainee's home unless another cohort of it still has them.
      await tx.query(
        `DELETE FROM program_enrolment pe
          WHERE pe.program_id = $1 AND pe.user_id = ANY($2)
            AND NOT EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
                             WHERE e.user_id = pe.user_id AND c.program_id = pe.program_id AND e.withdrawn_at IS NULL)`,
        [cohort.program_id, withdrawn.map((w) => w.user_id)],
      );
      return { withdrawn: withdrawn.length };
    });
  }

  /**
   * A trainee moves to another village (their account's region changes; their enrolments and the
   * counts follow, their progress stays), or to another cohort of the same program.
   */
  async transfer(actor: AuthUser, cohortId: string, userId: string, dto: TransferDto): Promise<void> {
    if ((dto.villageCode === undefined) === (dto.cohortId === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'Give either villageCode or cohortId.', [
        { field: 'villageCode', problems: ['give either villageCode or cohortId'] },
      ]);
    }
    const cohort = await this.cohorts.load(actor, cohortId);
    const root = viewRoot(actor, cohort);
    const [enrolment]: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT user_id FROM enrolment
        WHERE cohort_id = $1 AND user_id = $2 AND withdrawn_at IS NULL AND region_path <@ CAST($3 AS ltree)`,
      [cohortId, userId, root.path],
    );
    if (!enrolment) throw new DomainError('ENROLMENT_NOT_FOUND', 'This trainee is not in the cohort (in your region).');

    if (dto.villageCode !== undefined) {
      const village = await this.regions.requireInScope(actor, dto.villageCode, 'villageCode');
      if (village.level !== 'village') {
        throw new DomainError('VALIDATION_FAILED', 'villageCode must be a village', [
          { field: 'villageCode', problems: ['must be a village (12 digits)'] },
        ]);
      }
      if (!isWithinRegionPath(village.path, cohort.region_path)) {
        throw new DomainError('OUT_OF_SCOPE', `Village ${village.code} is outside the cohort’s region.`);
      }
      await this.users.update(actor, userId, { regionCode: village.code });
      return;
    }

    const target = await this.cohorts.load(actor, dto.cohortId as string);
    if (target.id === cohortId || target.program_id !== cohort.program_id) {
      throw new DomainError('VALIDATION_FAILED', 'cohortId must be another cohort of the same program', [
        { field: 'cohortId', problems: ['must be another cohort of the same program'] },
      ]);
    }
    requireEnrolmentOpen(target.enrol_until);
    const [trainee]: Array<{ region_path: string }> = await this.dataSource.query(
      `SELECT region_path::text AS region_path FROM app_user WHERE id = $1`,
      [userId],
    );
    if (!trainee || !isWithinRegionPath(trainee.region_path, target.region_path)) {
      throw new DomainError('OUT_OF_SCOPE', 'The trainee’s village is outside that cohort’s region.');
    }
    await this.dataSource.transaction(async (tx) => {
      const [active]: Array<{ withdrawn: boolean }> = await tx.query(
        `SELECT withdrawn_at IS NOT NULL AS withdrawn FROM enrolment WHERE cohort_id = $1 AND user_id = $2`,
        [target.id, userId],
      );
      if (active && !active.withdrawn) {
        throw new DomainError('VALIDATION_FAILED', 'The trainee is already in that cohort.', [
          { field: 'cohortId', problems: ['the trainee is already in that cohort'] },
        ]);
      }
      if (active) await tx.query(`DELETE FROM enrolment WHERE cohort_id = $1 AND user_id = $2`, [target.id, userId]);
      await tx.query(
        `UPDATE enrolment SET cohort_id = $3, source = 'transfer', enrolled_by = $4, enrolled_at = now(), reminded_at = NULL
          WHERE cohort_id = $1 AND user_id = $2`,
        [cohortId, userId, target.id, actor.id],
      );
    });
  }
}
