import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { ImportErrorCode, ImportResultDto, ImportSummaryDto, JobDto } from '@lingyan/contracts';
import {
  importRowProblems,
  importUsername,
  isWithinRegionPath,
  mapImportHeaders,
  normalisePhone,
  parsePosition,
  passwordProblem,
  type ImportColumn,
  type ImportRowInput,
} from '@lingyan/domain';
import type { AuthUser } from '../../auth/auth-user';
import { hashPassword } from '../../auth/passwords';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DomainError } from '../../common/domain-error';
import { JobRowsError, JobRunner, type JobContext, type JobHandler, type JobOutcome } from '../../jobs/job-runner';
import { JobsService, type JobRow } from '../../jobs/jobs.service';
import { MediaService } from '../../media/media.service';
import type { MediaStorage } from '../../media/storage';
import { NotificationsService } from '../../notifications/notifications.service';
import { requireEnrolmentOpen, viewRoot } from '../cohort-access';
import { CohortsService } from '../cohorts.service';
import { EnrolmentService } from '../enrolment.service';
import { openSheet, UnreadableFileError, type ImportEncoding, type SheetRow } from '../../common/sheets/sheet-reader';
import { VillageIndex } from './village-index';

const CHUNK = 2000;

interface ImportParams {
  passwordHash: string;
  actor: AuthUser;
  /** Where the importer may enrol: their region within the cohort's. */
  scopePath: string;
  /** The scope is the cohort's region (the importer's covers it): a village outside is outside the cohort. */
  scopeIsCohort: boolean;
  programId: string;
  result?: ImportResultDto;
}

interface CheckedRow {
  row: number;
  input: ImportRowInput;
  errors: Array<{ code: ImportErrorCode; field: ImportColumn; value: string }>;
  username: string;
  phone: string;
  villageCode: string | null;
  /** The account the row stands for, when one exists. */
  userId: string | null;
  enrolled: boolean;
}

/** What a pass over the file remembers from row to row: earlier phones and usernames. */
interface FileMemory {
  phones: Set<string>;
  usernames: Set<string>;
}

/**
 * Cadre lists imported into a cohort. The upload is stored and a job checks every row (the preview,
 * with row errors, writes nothing); once confirmed, the same job creates the missing accounts and
 * enrols everyone valid, a chunk of rows per transaction. Accounts are matched by username (or by
 * phone when the row has none), so importing the same file again changes nothing.
 */
@Injectable()
export class ImportService implements OnModuleInit, JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cohorts: CohortsService,
    private readonly enrolment: EnrolmentService,
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.runner.register('import', this);
  }

  private get storage(): MediaStorage {
    return this.media.storage;
  }

  get maxBytes(): number {
    return this.config.importMaxBytes;
  }

  async start(
    actor: AuthUser,
    cohortId: string,
    file: { stream: Readable; name: string; truncated: () => boolean },
    initialPassword: string,
  ): Promise<JobDto> {
    const cohort = await this.cohorts.load(actor, cohortId);
    requireEnrolmentOpen(cohort.enrol_until);
    const problem = passwordProblem(initialPassword);
    if (problem) {
      throw new DomainError('VALIDATION_FAILED', 'initialPassword: must be 8–128 characters mixing three kinds', [
        {
          field: 'initialPassword',
          problems: ['must be 8–128 characters mixing three of: lower, upper, digits, symbols'],
        },
      ]);
    }
    const id = randomUUID();
    const key = `imports/${id}`;
    await this.storage.write(key, file.stream);
    if (file.truncated()) {
      await this.storage.remove(key);
      throw new DomainError(
        'UPLOAD_TOO_LARGE',
        `An import file may be at most ${Math.round(this.maxBytes / 1048576)} MB.`,
      );
    }
    const root = viewRoot(actor, cohort);
    const params: ImportParams = {
      passwordHash: await hashPassword(initialPassword),
      actor,
      scopePath: root.path,
      scopeIsCohort: root.code === cohort.region_code && root.path !== actor.regionPath,
      programId: cohort.program_id,
    };
    await this.jobs.create(this.dataSource, {
      id,
      kind: 'import',
      status: 'validating',
      cohortId,
      createdBy: actor.id,
      params: params as unknown as Record<string, unknown>,
      fileKey: key,
      fileName: file.name,
    });
    this.runner.kick();
    return this.jobs.get(actor, id);
  }

  async run(job: JobRow, context: JobContext): Promise<JobOutcome> {
    return job.status === 'validating' ? this.validate(job, context) : this.apply(job, context);
  }

  /** The preview: every row checked, errors recorded, nothing else written. Starts over when resumed. */
  private async validate(job: JobRow, context: JobContext): Promise<JobOutcome> {
    const params = job.params as unknown as ImportParams;
    await this.dataSource.query(`DELETE FROM job_row_error WHERE job_id = $1`, [job.id]);
    const { encoding, chunks } = await this.open(job);
    const index = await VillageIndex.load(this.dataSource);
    const memory: FileMemory = { phones: new Set(), usernames: new Set() };
    const summary: ImportSummaryDto = {
      rows: 0,
      validRows: 0,
      errorRows: 0,
      newAccounts: 0,
      alreadyEnrolled: 0,
      toEnrol: 0,
      encoding,
    };
    await context.progress({ processed: 0, total: null, preview: null });
    for await (const chunk of chunks) {
      const checked = await this.check(this.dataSource, job, params, index, memory, chunk);
      for (const row of checked) {
        summary.rows += 1;
        if (row.errors.length > 0) summary.errorRows += 1;
        else {
          summary.validRows += 1;
          if (!row.userId) summary.newAccounts += 1;
          if (row.enrolled) summary.alreadyEnrolled += 1;
          else summary.toEnrol += 1;
        }
      }
      await this.recordErrors(this.dataSource, job.id, checked);
      await context.progress({ processed: summary.rows });
    }
    await context.progress({ processed: summary.rows, total: summary.rows });
    return { status: 'ready', preview: summary };
  }

  /** Creates missing accounts and enrols the valid rows, a chunk per transaction, resuming after `processed`. */
  private async apply(job: JobRow, context: JobContext): Promise<JobOutcome> {
    const params = job.params as unknown as ImportParams;
    const { chunks } = await this.open(job);
    const index = await VillageIndex.load(this.dataSource);
    const memory: FileMemory = { phones: new Set(), usernames: new Set() };
    const result: ImportResultDto = params.result ?? {
      accountsCreated: 0,
      enrolled: 0,
      alreadyEnrolled: 0,
      skippedRows: 0,
    };
    let seen = 0;
    for await (const chunk of chunks) {
      const last = seen + chunk.length;
      if (last <= job.processed) {
        // Done before a failure or restart: only remember its phones and usernames.
        for (const row of chunk) this.remember(memory, this.normalise(row));
        seen = last;
        continue;
      }
      try {
        await this.dataSource.transaction(async (tx) => {
          const checked = await this.check(tx, job, params, index, memory, chunk);
          const valid = checked.filter((r) => r.errors.length === 0);
          result.skippedRows += checked.length - valid.length;
          result.alreadyEnrolled += valid.filter((r) => r.enrolled).length;
          const created = await this.createAccounts(
            tx,
            params,
            valid.filter((r) => !r.userId),
          );
          result.accountsCreated += created.size;
          const ids: Array<{ id: string }> = await tx.query(`SELECT id FROM app_user WHERE lower(username) = ANY($1)`, [
            valid.map((r) => r.username.toLowerCase()),
          ]);
          result.enrolled += await this.enrolment.insert(
            tx,
            job.cohort_id as string,
            params.programId,
            ids.map((r) => r.id),
            'import',
            job.created_by,
            created,
          );
          await tx.query(`UPDATE job SET processed = $2, params = params || $3::jsonb WHERE id = $1`, [
            job.id,
            last,
            JSON.stringify({ result }),
          ]);
        });
      } catch (error) {
        const first = chunk[0]?.row ?? 0;
        const end = chunk[chunk.length - 1]?.row ?? first;
        throw new JobRowsError(`Rows ${first}–${end} could not be imported: ${(error as Error).message}`);
      }
      seen = last;
      await context.progress({ processed: last });
    }
    // Done: the file and the initial password's hash are no longer needed.
    await this.storage.remove(job.file_key as string).catch(() => undefined);
    await this.dataSource.query(`UPDATE job SET params = params - 'passwordHash' WHERE id = $1`, [job.id]);
    await this.notifications.send(this.dataSource, [job.created_by], {
      kind: 'job_finished',
      title: `导入完成：${job.file_name ?? ''}`,
      body: `新建账号 ${result.accountsCreated} 个，报名 ${result.enrolled} 人，已在班 ${result.alreadyEnrolled} 人，跳过 ${result.skippedRows} 行。`,
      link: `/admin/cohorts/${job.cohort_id}`,
    });
    return { status: 'succeeded', result };
  }

  private async open(job: JobRow): Promise<{ encoding: ImportEncoding; chunks: AsyncIterable<SheetRow[]> }> {
    if (!job.file_key || (await this.storage.size(job.file_key)) === null) {
      throw new JobRowsError('The uploaded file is no longer stored; upload it again.');
    }
    let sheet;
    try {
      sheet = await openSheet(this.storage.read(job.file_key));
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new JobRowsError(error.message);
      throw error;
    }
    const mapping = mapImportHeaders(sheet.header);
    if (mapping.missing.length > 0) {
      throw new JobRowsError(
        `Row 1 must name the columns 姓名, 手机号, 村（社区） and 职务 (missing: ${mapping.missing.join(', ')}).`,
      );
    }
    const columns = mapping.columns;
    const rows = sheet.rows;
    async function* chunks(): AsyncGenerator<SheetRow[]> {
      let chunk: SheetRow[] = [];
      for await (const row of rows) {
        const cells = (['name', 'phone', 'username', 'village', 'position'] as const).map((c) =>
          columns[c] === undefined ? '' : (row.cells[columns[c]] ?? '').trim(),
        );
        chunk.push({ row: row.row, cells });
        if (chunk.length === CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    }
    return { encoding: sheet.encoding, chunks: chunks() };
  }

  private normalise(row: SheetRow): ImportRowInput {
    const [name, phone, username, village, position] = row.cells;
    return { name, phone, username, village, position };
  }

  private remember(memory: FileMemory, input: ImportRowInput): void {
    memory.phones.add(normalisePhone(input.phone));
    memory.usernames.add(importUsername(input).toLowerCase());
  }

  /** Checks a chunk of rows: on their own, against earlier rows, the region tree and existing accounts. */
  private async check(
    manager: DataSource | EntityManager,
    job: JobRow,
    params: ImportParams,
    index: VillageIndex,
    memory: FileMemory,
    chunk: readonly SheetRow[],
  ): Promise<CheckedRow[]> {
    const rows: CheckedRow[] = chunk.map((sheetRow) => {
      const input = this.normalise(sheetRow);
      const errors: CheckedRow['errors'] = importRowProblems(input).map((p) => ({
        code: p.code,
        field: p.field,
        value: input[p.field],
      }));
      const phone = normalisePhone(input.phone);
      const username = importUsername(input);
      let villageCode: string | null = null;
      const match = index.find(input.village, params.scopePath);
      if ('village' in match) villageCode = match.village.code;
      else {
        const code = match.problem === 'out_of_region' && params.scopeIsCohort ? 'out_of_cohort_region' : match.problem;
        errors.push({ code, field: 'village', value: input.village });
      }
      if (memory.phones.has(phone)) errors.push({ code: 'duplicate_phone', field: 'phone', value: input.phone });
      if (input.username !== '' && memory.usernames.has(username.toLowerCase())) {
        errors.push({ code: 'duplicate_username', field: 'username', value: input.username });
      }
      this.remember(memory, input);
      return { row: sheetRow.row, input, errors, username, phone, villageCode, userId: null, enrolled: false };
    });

    const existing: Array<{
      id: string;
      username: string;
      phone: string | null;
      region_path: string;
      is_trainee: boolean;
      enrolled: boolean;
    }> = await manager.query(
      `SELECT u.id, u.username, u.phone, u.region_path::text AS region_path, 'trainee' = ANY(u.roles) AS is_trainee,
              EXISTS (SELECT 1 FROM enrolment e WHERE e.cohort_id = $3 AND e.user_id = u.id AND e.withdrawn_at IS NULL)
                AS enrolled
         FROM app_user u
        WHERE lower(u.username) = ANY($1) OR u.phone = ANY($2)`,
      [rows.map((r) => r.username.toLowerCase()), rows.map((r) => r.phone), job.cohort_id],
    );
    const byUsername = new Map(existing.map((u) => [u.username.toLowerCase(), u]));
    const byPhone = new Map<string, typeof existing>();
    for (const user of existing) {
      if (user.phone) byPhone.set(user.phone, [...(byPhone.get(user.phone) ?? []), user]);
    }
    for (const row of rows) {
      const sameName = byUsername.get(row.username.toLowerCase());
      const samePhone = byPhone.get(row.phone) ?? [];
      // A row without a username stands for the one account that has its phone, if there is one.
      const account = sameName ?? (row.input.username === '' && samePhone.length === 1 ? samePhone[0] : undefined);
      if (samePhone.some((u) => u.id !== account?.id)) {
        row.errors.push({ code: 'phone_taken', field: 'phone', value: row.input.phone });
      }
      if (!account) continue;
      row.userId = account.id;
      row.username = account.username;
      row.enrolled = account.enrolled;
      if (!isWithinRegionPath(account.region_path, params.scopePath)) {
        const code = params.scopeIsCohort ? 'out_of_cohort_region' : 'out_of_region';
        row.errors.push({ code, field: 'username', value: row.username });
      } else if (!account.is_trainee) {
        row.errors.push({ code: 'not_a_trainee', field: 'username', value: row.username });
      }
    }
    return rows;
  }

  private async recordErrors(
    manager: DataSource | EntityManager,
    jobId: string,
    rows: readonly CheckedRow[],
  ): Promise<void> {
    const errors = rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })));
    if (errors.length === 0) return;
    await manager.query(
      `INSERT INTO job_row_error (job_id, row_number, code, field, value)
       SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::varchar[], $5::varchar[])
       ON CONFLICT DO NOTHING`,
      [
        jobId,
        errors.map((e) => e.row),
        errors.map((e) => e.code),
        errors.map((e) => e.field),
        errors.map((e) => Array.from(e.value).slice(0, 300).join('')),
      ],
    );
  }

  /** New trainee accounts, all with the import's initial password (hashed once for the whole file). */
  private async createAccounts(
    tx: EntityManager,
    params: ImportParams,
    rows: readonly CheckedRow[],
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const created: Array<{ id: string }> = await tx.query(
      `INSERT INTO app_user (username, name, phone, password_hash, roles, position, region_code)
       SELECT username, name, phone, $5, ARRAY['trainee'], position, region_code
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $6::varchar[])
              AS r(username, name, phone, region_code, position)
       ON CONFLICT ((lower(username))) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.username),
        rows.map((r) => r.input.name),
        rows.map((r) => r.phone),
        rows.map((r) => r.villageCode),
        params.passwordHash,
        rows.map((r) => parsePosition(r.input.position)),
      ],
    );
    return new Set(created.map((r) => r.id));
  }
}
