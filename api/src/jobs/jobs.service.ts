import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  ImportErrorCode,
  ImportRowErrorDto,
  ImportSummaryDto,
  JobDto,
  JobKind,
  JobStatus,
  Page,
} from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { page, type PageQuery } from '../common/paging';

export interface JobRow {
  id: string;
  kind: JobKind;
  status: JobStatus;
  cohort_id: string | null;
  created_by: string;
  params: Record<string, unknown>;
  file_key: string | null;
  file_name: string | null;
  total: number | null;
  processed: number;
  preview: ImportSummaryDto | null;
  result: JobDto['result'];
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  creator_name?: string;
}

export const JOB_COLUMNS = `j.id, j.kind, j.status, j.cohort_id, j.created_by, j.params, j.file_key, j.file_name, j.total,
  j.processed, j.preview, j.result, j.error, j.created_at, j.started_at, j.finished_at`;

/** SQL: job `j` (with its cohort `c`) is visible to the user `$2` whose region path is `$3`. */
const VISIBLE = `(j.created_by = $2 OR CAST(coalesce(j.params->>'scopePath', j.params->>'regionPath', c.region_path::text)
  AS ltree) <@ CAST($3 AS ltree))`;

const ERROR_MESSAGES: Record<ImportErrorCode, string> = {
  missing_name: 'The name is empty.',
  name_too_long: 'The name is longer than 64 characters.',
  bad_phone: 'The phone is not an 11-digit mobile number.',
  duplicate_phone: 'The phone appears on an earlier row of the file.',
  phone_taken: 'Another account already has this phone.',
  bad_username: 'The username must be 3–64 letters, digits, dots, dashes or underscores.',
  duplicate_username: 'The username appears on an earlier row of the file.',
  unknown_village: 'No village has this code or name.',
  ambiguous_village: 'Several villages have this name; use the 12-digit code or add the township.',
  bad_position: 'The position must be 书记, 主任, 委员 or 后备干部.',
  out_of_region: 'The village or the existing account is outside your region.',
  out_of_cohort_region: 'The village is outside the cohort’s region.',
  not_a_trainee: 'This account is not a trainee account.',
};

/** Background jobs as administrators see them; the runner (`JobRunner`) does the work. */
@Injectable()
export class JobsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    manager: DataSource | EntityManager,
    job: {
      kind: JobKind;
      status: 'validating' | 'queued';
      cohortId: string | null;
      createdBy: string;
      params?: Record<string, unknown>;
      fileKey?: string;
      fileName?: string;
      total?: number | null;
      id?: string;
    },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO job (id, kind, status, cohort_id, created_by, params, file_key, file_name, total)
       VALUES (coalesce($1, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        job.id ?? null,
        job.kind,
        job.status,
        job.cohortId,
        job.createdBy,
        job.params ?? {},
        job.fileKey ?? null,
        job.fileName ?? null,
        job.total ?? null,
      ],
    );
    return row.id;
  }

  /**
   * A job the caller may see: one they started, or one whose reach lies inside their region — an
   * import's or a rule's region (the importer's part of the cohort), else the cohort's region. A
   * county's import into a province cohort (with its names and phones) stays that county's.
   */
  async load(actor: AuthUser, id: string): Promise<JobRow> {
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS}, u.name AS creator_name
         FROM job j JOIN app_user u ON u.id = j.created_by
         LEFT JOIN cohort c ON c.id = j.cohort_id
        WHERE j.id = $1 AND ${VISIBLE}`,
      [id, actor.id, actor.regionPath],
    );
    if (!rows[0]) throw new DomainError('JOB_NOT_FOUND', 'No job with this id is yours to see.');
    return rows[0];
  }

  async get(actor: AuthUser, id: string): Promise<JobDto> {
    return toJobDto(await this.load(actor, id));
  }

  async forCohort(actor: AuthUser, cohortId: string): Promise<JobDto[]> {
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS}, u.name AS creator_name
         FROM job j JOIN app_user u ON u.id = j.created_by
         LEFT JOIN cohort c ON c.id = j.cohort_id
        WHERE j.cohort_id = $1 AND ${VISIBLE} ORDER BY j.created_at DESC LIMIT 20`,
      [cohortId, actor.id, actor.regionPath],
    );
    return rows.map(toJobDto);
  }

  async errors(actor: AuthUser, id: string, query: PageQuery): Promise<Page<ImportRowErrorDto>> {
    await this.load(actor, id);
    const rows: Array<{ row_number: number; code: ImportErrorCode; field: string; value: string; total: number }> =
      await this.dataSource.query(
        `SELECT row_number, code, field, value, count(*) OVER ()::int AS total
           FROM job_row_error WHERE job_id = $1 ORDER BY row_number, code LIMIT $2 OFFSET $3`,
        [id, query.limit, (query.page - 1) * query.limit],
      );
    return page(
      rows.map((r) => ({
        row: r.row_number,
        code: r.code,
        field: r.field,
        value: r.value,
        message: ERROR_MESSAGES[r.code],
      })),
      // Past the last page the window count has no row to ride on.
      rows[0]?.total ??
        (
          await this.dataSource.query<Array<{ n: number }>>(
            `SELECT count(*)::int AS n FROM job_row_error WHERE job_id = $1`,
            [id],
          )
        )[0].n,
      query,
    );
  }

  /** An import's preview was accepted: apply it. */
  confirm(actor: AuthUser, id: string): Promise<JobDto> {
    return this.transition(
      actor,
      id,
      ['ready'],
      'queued',
      'Only an import whose preview is ready can be confirmed.',
      true,
    );
  }

  /** A failed job continues where it stopped (an import that failed while checking starts its check again). */
  async resume(actor: AuthUser, id: string): Promise<JobDto> {
    const job = await this.load(actor, id);
    const next: JobStatus = job.kind === 'import' && job.preview === null ? 'validating' : 'queued';
    return this.transition(actor, id, ['failed'], next, 'Only a failed job can be resumed.');
  }

  cancel(actor: AuthUser, id: string): Promise<JobDto> {
    return this.transition(
      actor,
      id,
      ['validating', 'ready', 'queued'],
      'cancelled',
      'Only a job that has not started writing can be cancelled.',
    );
  }

  private async transition(
    actor: AuthUser,
    id: string,
    from: readonly JobStatus[],
    to: JobStatus,
    refusal: string,
    restart = false,
  ): Promise<JobDto> {
    await this.load(actor, id);
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE job SET status = $2::varchar, heartbeat_at = NULL,
              error = CASE WHEN $2::varchar = 'cancelled' THEN error ELSE NULL END,
              finished_at = CASE WHEN $2::varchar = 'cancelled' THEN now() ELSE NULL END,
              processed = CASE WHEN $4::boolean THEN 0 ELSE processed END
        WHERE id = $1 AND status = ANY($3) RETURNING id`,
      [id, to, from, restart],
    );
    if (rows.length === 0) throw new DomainError('JOB_STATE_CONFLICT', refusal);
    return this.get(actor, id);
  }
}

export function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    cohortId: row.cohort_id,
    processed: row.processed,
    total: row.total,
    fileName: row.file_name,
    preview: row.preview,
    result: row.result,
    error: row.error,
    createdBy: { id: row.created_by, name: row.creator_name ?? '' },
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
