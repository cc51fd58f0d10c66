import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CohortDto,
  CohortProgramOption,
  CohortSummaryDto,
  CompletionCountsDto,
  Page,
  ProgramKind,
  RegionLevel,
} from '@lingyan/contracts';
import { completionRate, isPastDeadline } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { page } from '../common/paging';
import { RegionsService } from '../regions/regions.service';
import { canManage, chinaToday, overlaps, type CohortScope } from './cohort-access';
import type { CohortListQueryDto, CreateCohortDto, UpdateCohortDto } from './cohorts.dto';

interface CohortRow extends CohortScope {
  name: string;
  starts_on: string;
  ends_on: string;
  created_at: Date;
  program_title: string;
  program_kind: ProgramKind;
  required_credits: string;
  region_name: string;
  region_level: RegionLevel;
  view_code: string;
  enrolled: number | null;
  not_started: number | null;
  in_progress: number | null;
  completed: number | null;
}

/** The columns of a cohort with its program, its region and the counts of the caller's part of it ($1: caller's path, $2: caller's region). */
const COHORT_SELECT = `
  SELECT c.id, c.program_id, c.name, c.region_code, c.region_path::text AS region_path,
         c.starts_on::text, c.ends_on::text, c.enrol_until::text, c.due_on::text, c.created_by, c.created_at,
         p.title AS program_title, p.kind AS program_kind, p.required_credits,
         r.name AS region_name, r.level AS region_level,
         EXISTS (SELECT 1 FROM cohort_admin ca WHERE ca.cohort_id = c.id AND ca.user_id = $3) AS is_admin,
         v.code AS view_code, cc.enrolled, cc.not_started, cc.in_progress, cc.completed
    FROM cohort c
    JOIN program p ON p.id = c.program_id
    JOIN region r ON r.code = c.region_code
    CROSS JOIN LATERAL (SELECT CASE WHEN c.region_path <@ CAST($1 AS ltree) THEN c.region_code ELSE $2 END AS code) v
    LEFT JOIN completion_count cc ON cc.cohort_id = c.id AND cc.region_code = v.code`;

export function countsDto(
  row: { enrolled: number | null; not_started: number | null; in_progress: number | null; completed: number | null },
  dueOn: string,
): CompletionCountsDto {
  const enrolled = row.enrolled ?? 0;
  const notStarted = row.not_started ?? 0;
  const inProgress = row.in_progress ?? 0;
  const completed = row.completed ?? 0;
  return {
    enrolled,
    notStarted,
    inProgress,
    completed,
    overdue: isPastDeadline(dueOn, chinaToday()) ? notStarted + inProgress : 0,
    completionRate: completionRate(completed, enrolled),
  };
}

/** Cohorts (班次): one run of a program for the trainees of a region, and who may see and change it. */
@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async list(actor: AuthUser, query: CohortListQueryDto): Promise<Page<CohortSummaryDto>> {
    // The caller's path is $1 in both queries; the search and the program filter follow at $q and $program.
    const filter = (q: string, program: string) => `${overlaps('c', '$1')}
          AND (${q}::text IS NULL OR c.name ILIKE ${q} OR p.title ILIKE ${q})
          AND (${program}::uuid IS NULL OR c.program_id = ${program})`;
    const like = containsPattern(query.q);
    const programId = query.programId ?? null;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<CohortRow[]>(
        `${COHORT_SELECT} WHERE ${filter('$4', '$5')}
          ORDER BY c.starts_on DESC, c.created_at DESC, c.id LIMIT $6 OFFSET $7`,
        [actor.regionPath, actor.regionCode, actor.id, like, programId, query.limit, (query.page - 1) * query.limit],
      ),
      this.dataSource.query<Array<{ total: number }>>(
        `SELECT count(*)::int AS total FROM cohort c JOIN program p ON p.id = c.program_id WHERE ${filter('$2', '$3')}`,
        [actor.regionPath, like, programId],
      ),
    ]);
    return page(
      rows.map((row) => this.summary(actor, row)),
      total,
      query,
    );
  }

  /** Published programs a cohort can run. */
  async programs(): Promise<CohortProgramOption[]> {
    const rows: Array<{
      id: string;
      title: string;
      year: number;
      kind: ProgramKind;
      required_credits: string;
      starts_on: string;
      ends_on: string;
    }> = await this.dataSource.query(
      `SELECT id, title, year, kind, required_credits, starts_on::text, ends_on::text
         FROM program WHERE status = 'published' ORDER BY year DESC, starts_on DESC, title`,
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: r.year,
      kind: r.kind,
      requiredCredits: Number(r.required_credits),
      startsOn: r.starts_on,
      endsOn: r.ends_on,
    }));
  }

  async get(actor: AuthUser, id: string): Promise<CohortDto> {
    const row = await this.load(actor, id);
    const admins: Array<{ id: string; name: string; username: string; region_name: string }> =
      await this.dataSource.query(
        `SELECT u.id, u.name, u.username, r.name AS region_name
           FROM cohort_admin ca JOIN app_user u ON u.id = ca.user_id JOIN region r ON r.code = u.region_code
          WHERE ca.cohort_id = $1 ORDER BY u.name`,
        [id],
      );
    const [creator]: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM app_user WHERE id = $1`,
      [row.created_by],
    );
    return {
      ...this.summary(actor, row),
      admins: admins.map((a) => ({ id: a.id, name: a.name, username: a.username, regionName: a.region_name })),
      createdBy: creator,
    };
  }

  async create(actor: AuthUser, dto: CreateCohortDto): Promise<CohortDto> {
    await this.regions.requireInScope(actor, dto.regionCode, 'regionCode');
    checkDates({ startsOn: dto.startsOn, endsOn: dto.endsOn, enrolUntil: dto.enrolUntil, dueOn: dto.dueOn });
    const [program]: Array<{ status: string }> = await this.dataSource.query(
      `SELECT status FROM program WHERE id = $1`,
      [dto.programId],
    );
    if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'No program has this id.');
    if (program.status !== 'published') {
      throw new DomainError('PROGRAM_NOT_READY', 'Only a published program can run as a cohort.');
    }
    const id = await this.dataSource.transaction(async (tx) => {
      const [row]: Array<{ id: string }> = await tx.query(
        `INSERT INTO cohort (program_id, name, region_code, starts_on, ends_on, enrol_until, due_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.programId, dto.name, dto.regionCode, dto.startsOn, dto.endsOn, dto.enrolUntil, dto.dueOn, actor.id],
      );
      await this.setAdmins(tx, actor, row.id, dto.adminIds ?? []);
      return row.id;
    });
    return this.get(actor, id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateCohortDto): Promise<CohortDto> {
    const row = await this.load(actor, id);
    if (!canManage(actor, row)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the cohort’s administrators, or an administrator above its region, can change it.',
      );
    }
    const merged = {
      startsOn: dto.startsOn ?? row.starts_on,
      endsOn: dto.endsOn ?? row.ends_on,
      enrolUntil: dto.enrolUntil ?? row.enrol_until,
      dueOn: dto.dueOn ?? row.due_on,
    };
    checkDates(merged);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE cohort SET name = $2, starts_on = $3, ends_on = $4, enrol_until = $5, due_on = $6, updated_at = now()
          WHERE id = $1`,
        [id, dto.name ?? row.name, merged.startsOn, merged.endsOn, merged.enrolUntil, merged.dueOn],
      );
      if (dto.adminIds) await this.setAdmins(tx, actor, id, dto.adminIds);
    });
    return this.get(actor, id);
  }

  /** A cohort the caller may see; others do not exist for them (404). */
  async load(actor: AuthUser, id: string, manager: DataSource | EntityManager = this.dataSource): Promise<CohortRow> {
    const rows: CohortRow[] = await manager.query(`${COHORT_SELECT} WHERE c.id = $4 AND ${overlaps('c', '$1')}`, [
      actor.regionPath,
      actor.regionCode,
      actor.id,
      id,
    ]);
    if (!rows[0]) throw new DomainError('COHORT_NOT_FOUND', 'No cohort with this id overlaps your region.');
    return rows[0];
  }

  summary(actor: AuthUser, row: CohortRow): CohortSummaryDto {
    return {
      id: row.id,
      name: row.name,
      program: {
        id: row.program_id,
        title: row.program_title,
        kind: row.program_kind,
        requiredCredits: Number(row.required_credits),
      },
      region: { code: row.region_code, name: row.region_name, level: row.region_level },
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      enrolUntil: row.enrol_until,
      dueOn: row.due_on,
      counts: countsDto(row, row.due_on),
      canManage: canManage(actor, row),
      createdAt: row.created_at.toISOString(),
    };
  }

  /** Other administrators of the cohort: admins inside the caller's region. */
  private async setAdmins(
    tx: EntityManager,
    actor: AuthUser,
    cohortId: string,
    adminIds: readonly string[],
  ): Promise<void> {
    if (adminIds.length > 0) {
      const found: Array<{ id: string }> = await tx.query(
        `SELECT id FROM app_user
          WHERE id = ANY($1) AND 'admin' = ANY(roles) AND active AND region_path <@ CAST($2 AS ltree)`,
        [adminIds, actor.regionPath],
      );
      const missing = adminIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'adminIds: every administrator must be an active admin in your region',
          [{ field: 'adminIds', problems: [`not an active administrator in your region: ${missing.join(', ')}`] }],
        );
      }
    }
    await tx.query(`DELETE FROM cohort_admin WHERE cohort_id = $1`, [cohortId]);
    await tx.query(`INSERT INTO cohort_admin (cohort_id, user_id) SELECT $1, unnest($2::uuid[])`, [cohortId, adminIds]);
  }
}

/** The order of a cohort's dates: start ≤ enrolment deadline ≤ completion deadline, start ≤ end. */
function checkDates(d: { startsOn: string; endsOn: string; enrolUntil: string; dueOn: string }): void {
  const problems: Array<{ field: string; problems: string[] }> = [];
  for (const [field, value] of Object.entries(d)) {
    if (
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
    ) {
      problems.push({ field, problems: [`${field} is not a real date`] });
    }
  }
  if (problems.length === 0) {
    if (d.endsOn < d.startsOn) problems.push({ field: 'endsOn', problems: ['endsOn must not be before startsOn'] });
    if (d.dueOn < d.startsOn) problems.push({ field: 'dueOn', problems: ['dueOn must not be before startsOn'] });
    if (d.enrolUntil > d.dueOn)
      problems.push({ field: 'enrolUntil', problems: ['enrolUntil must not be after dueOn'] });
  }
  if (problems.length > 0) {
    throw validationFailed(problems);
  }
}
