import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  ApiErrorDetail,
  ContentStatus,
  CourseCategory,
  ProgramCourseDto,
  ProgramCourseOption,
  ProgramDto,
  ProgramKind,
  ProgramSummaryDto,
} from '@lingyan/contracts';
import {
  creditTableProblems,
  DEFAULT_CREDIT_TABLE,
  moduleCompletionCredits,
  sumCredits,
  type CreditTable,
} from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed } from '../common/domain-error';
import type { CreateProgramDto, ProgramCourseBody, UpdateProgramDto } from './programs.dto';
import { containsPattern } from '../common/like';
import { editsCourse } from './course-editors';

interface ProgramRow {
  id: string;
  title: string;
  description: string;
  year: number;
  kind: ProgramKind;
  status: ContentStatus;
  required_credits: string;
  starts_on: string;
  ends_on: string;
  credit_table: CreditTable | null;
  owner_id: string;
  owner_name: string;
  course_count: number;
  enrolled_count: number;
  updated_at: Date;
}

const PROGRAM_SELECT = `
  SELECT p.id, p.title, p.description, p.year, p.kind, p.status, p.required_credits, p.starts_on::text,
         p.ends_on::text, p.credit_table, p.owner_id, u.name AS owner_name, p.updated_at,
         (SELECT count(*)::int FROM program_course pc WHERE pc.program_id = p.id) AS course_count,
         (SELECT count(*)::int FROM program_enrolment e WHERE e.program_id = p.id) AS enrolled_count
    FROM program p JOIN app_user u ON u.id = p.owner_id`;

const notFound = () => new DomainError('PROGRAM_NOT_FOUND', 'No program of yours has this id.');

/** A real calendar date written YYYY-MM-DD. */
function isDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * Training programs (培训项目) and their academic system (学制): required credit hours, dates, the
 * courses (required or elective) and, optionally, the program's own credit table. Trainers edit the
 * programs they own; administrators all. Archived programs are read-only.
 */
@Injectable()
export class ProgramsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: AuthUser): Promise<ProgramSummaryDto[]> {
    const rows = await this.dataSource.query<ProgramRow[]>(
      `${PROGRAM_SELECT} WHERE ($1::uuid IS NULL OR p.owner_id = $1)
        ORDER BY p.status = 'archived', p.year DESC, p.starts_on DESC, p.title`,
      [this.ownerFilter(actor)],
    );
    return rows.map(summary);
  }

  async get(actor: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramDto> {
    const program = await this.load(actor, id, manager);
    const links = await manager.query<
      Array<{ course_id: string; title: string; category: CourseCategory; status: ContentStatus; required: boolean }>
    >(
      `SELECT pc.course_id, c.title, c.category, c.status, pc.required
         FROM program_course pc JOIN course c ON c.id = pc.course_id
        WHERE pc.program_id = $1 ORDER BY pc.position`,
      [id],
    );
    const credits = await this.courseCredits(
      manager,
      links.map((l) => l.course_id),
      program.credit_table ?? DEFAULT_CREDIT_TABLE,
    );
    const courses = links.map<ProgramCourseDto>((l) => ({
      courseId: l.course_id,
      title: l.title,
      category: l.category,
      status: l.status,
      credits: credits.get(l.course_id) ?? 0,
      required: l.required,
    }));
    return {
      ...summary(program),
      description: program.description,
      creditTable: program.credit_table,
      courses,
      requiredCourseCredits: sumCredits(courses.filter((c) => c.required).map((c) => c.credits)),
      totalCourseCredits: sumCredits(courses.map((c) => c.credits)),
    };
  }

  async create(actor: AuthUser, dto: CreateProgramDto): Promise<ProgramDto> {
    this.check(dto.startsOn, dto.endsOn, dto.creditTable ?? null);
    const [created] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO program (title, description, year, kind, required_credits, starts_on, ends_on, credit_table, owner_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        dto.title,
        dto.description ?? '',
        dto.year,
        dto.kind,
        dto.requiredCredits,
        dto.startsOn,
        dto.endsOn,
        dto.creditTable ? JSON.stringify(dto.creditTable) : null,
        actor.id,
      ],
    );
    return this.get(actor, created.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateProgramDto): Promise<ProgramDto> {
    return this.dataSource.transaction(async (tx) => {
      const program = await this.loadEditable(actor, id, tx);
      const table = dto.creditTable === undefined ? program.credit_table : dto.creditTable;
      this.check(dto.startsOn ?? program.starts_on, dto.endsOn ?? program.ends_on, table);
      await tx.query(
        `UPDATE program SET title = coalesce($2, title), description = coalesce($3, description),
                year = coalesce($4, year), kind = coalesce($5, kind),
                required_credits = coalesce($6, required_credits), starts_on = coalesce($7::date, starts_on),
                ends_on = coalesce($8::date, ends_on),
                credit_table = CASE WHEN $9 THEN $10::jsonb ELSE credit_table END, updated_at = now()
          WHERE id = $1`,
        [
          id,
          dto.title ?? null,
          dto.description ?? null,
          dto.year ?? null,
          dto.kind ?? null,
          dto.requiredCredits ?? null,
          dto.startsOn ?? null,
          dto.endsOn ?? null,
          dto.creditTable !== undefined,
          dto.creditTable ? JSON.stringify(dto.creditTable) : null,
        ],
      );
      return this.get(actor, id, tx);
    });
  }

  /**
   * Replaces the program's courses, in order. A course must be published, or a draft the caller may
   * edit (trainees only ever see published ones); revisions and archived courses cannot be added.
   */
  async setCourses(actor: AuthUser, id: string, courses: ProgramCourseBody[]): Promise<ProgramDto> {
    const ids = courses.map((c) => c.courseId);
    if (new Set(ids).size !== ids.length) {
      throw new DomainError('VALIDATION_FAILED', 'A course can be in a program only once.', [
        { field: 'courses', problems: ['lists a course twice'] },
      ]);
    }
    return this.dataSource.transaction(async (tx) => {
      // A published program takes published courses only: its trainees would not see a draft.
      const program = await this.loadEditable(actor, id, tx);
      const live = program.status === 'published';
      const usable = await tx.query<Array<{ id: string }>>(
        `SELECT c.id FROM course c
          WHERE c.id = ANY($1) AND c.revision_of IS NULL
            AND (c.status = 'published'
                 OR (NOT $3 AND c.status = 'draft' AND ${editsCourse('c', '$2', true)}))`,
        [ids, this.ownerFilter(actor), live],
      );
      const known = new Set(usable.map((c) => c.id));
      const problem = live ? 'is not a published course' : 'is not a published course or a draft of yours';
      const problems: ApiErrorDetail[] = courses.flatMap((c, i) =>
        known.has(c.courseId) ? [] : [{ field: `courses.${i}.courseId`, problems: [problem] }],
      );
      if (problems.length > 0) {
        throw new DomainError('VALIDATION_FAILED', 'Some courses cannot be added to this program.', problems);
      }
      await tx.query(`DELETE FROM program_course WHERE program_id = $1`, [id]);
      if (courses.length > 0) {
        await tx.query(
          `INSERT INTO program_course (program_id, course_id, required, position)
           SELECT $1, c.id, c.required, c.ord - 1
             FROM unnest($2::uuid[], $3::boolean[]) WITH ORDINALITY AS c(id, required, ord)`,
          [id, ids, courses.map((c) => c.required)],
        );
      }
      await tx.query(`UPDATE program SET updated_at = now() WHERE id = $1`, [id]);
      return this.get(actor, id, tx);
    });
  }

  async publish(actor: AuthUser, id: string): Promise<ProgramDto> {
    return this.dataSource.transaction(async (tx) => {
      const program = await this.loadEditable(actor, id, tx);
      if (program.status === 'published') return this.get(actor, id, tx);
      const courses = await tx.query<Array<{ title: string; status: ContentStatus }>>(
        `SELECT c.title, c.status FROM program_course pc JOIN course c ON c.id = pc.course_id WHERE pc.program_id = $1`,
        [id],
      );
      if (courses.length === 0) throw new DomainError('PROGRAM_NOT_READY', 'Add at least one course first.');
      const unpublished = courses.filter((c) => c.status !== 'published');
      if (unpublished.length > 0) {
        throw new DomainError(
          'PROGRAM_NOT_READY',
          `Publish these courses first, or remove them: ${unpublished.map((c) => c.title).join(', ')}.`,
        );
      }
      await tx.query(`UPDATE program SET status = 'published', updated_at = now() WHERE id = $1`, [id]);
      return this.get(actor, id, tx);
    });
  }

  async archive(actor: AuthUser, id: string): Promise<ProgramDto> {
    return this.dataSource.transaction(async (tx) => {
      const program = await this.load(actor, id, tx);
      if (program.status !== 'published') {
        throw new DomainError('PROGRAM_NOT_EDITABLE', 'Only a published program can be archived.');
      }
      await tx.query(`UPDATE program SET status = 'archived', updated_at = now() WHERE id = $1`, [id]);
      return this.get(actor, id, tx);
    });
  }

  /** Courses that can be added to a program: published ones, and drafts the caller may edit. */
  async courseOptions(actor: AuthUser, q: string | undefined): Promise<ProgramCourseOption[]> {
    const pattern = containsPattern(q);
    const rows = await this.dataSource.query<
      Array<{ id: string; title: string; category: CourseCategory; status: ContentStatus; owner_name: string }>
    >(
      `SELECT c.id, c.title, c.category, c.status, u.name AS owner_name
         FROM course c JOIN app_user u ON u.id = c.owner_id
        WHERE c.revision_of IS NULL AND ($2::text IS NULL OR c.title ILIKE $2)
          AND (c.status = 'published'
               OR (c.status = 'draft' AND ${editsCourse('c', '$1', true)}))
        ORDER BY c.status = 'published' DESC, c.title LIMIT 50`,
      [this.ownerFilter(actor), pattern],
    );
    const credits = await this.courseCredits(
      this.dataSource.manager,
      rows.map((r) => r.id),
      DEFAULT_CREDIT_TABLE,
    );
    return rows.map((r) => ({
      courseId: r.id,
      title: r.title,
      category: r.category,
      status: r.status,
      ownerName: r.owner_name,
      credits: credits.get(r.id) ?? 0,
    }));
  }

  /** Credit hours of each course's current modules under a credit table. */
  private async courseCredits(
    manager: EntityManager,
    courseIds: string[],
    table: CreditTable,
  ): Promise<Map<string, number>> {
    if (courseIds.length === 0) return new Map();
    const modules = await manager.query<Array<{ course_id: string; estimated_minutes: number }>>(
      `SELECT course_id, estimated_minutes FROM module WHERE course_id = ANY($1) AND retired_at IS NULL`,
      [courseIds],
    );
    const byCourse = new Map<string, number[]>();
    for (const m of modules) {
      const credits = moduleCompletionCredits(m.estimated_minutes, table).credits;
      byCourse.set(m.course_id, [...(byCourse.get(m.course_id) ?? []), credits]);
    }
    return new Map([...byCourse].map(([id, values]) => [id, sumCredits(values)]));
  }

  private check(startsOn: string, endsOn: string, table: CreditTable | null): void {
    const problems: ApiErrorDetail[] = [];
    if (!isDate(startsOn)) problems.push({ field: 'startsOn', problems: ['is not a real date'] });
    if (!isDate(endsOn)) problems.push({ field: 'endsOn', problems: ['is not a real date'] });
    if (problems.length === 0 && endsOn < startsOn) {
      problems.push({ field: 'endsOn', problems: ['must not be before startsOn'] });
    }
    const tableProblems = table ? creditTableProblems(table) : [];
    if (tableProblems.length > 0) problems.push({ field: 'creditTable', problems: tableProblems });
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
  }

  /** The program's id and title when the actor may change it (its owner, or an administrator). */
  async editable(actor: AuthUser, id: string, manager: EntityManager = this.dataSource.manager) {
    const row = await this.loadEditable(actor, id, manager);
    return { id: row.id, title: row.title, requiredCredits: Number(row.required_credits) };
  }

  private ownerFilter(actor: AuthUser): string | null {
    return actor.roles.includes('admin') ? null : actor.id;
  }

  private async load(actor: AuthUser, id: string, manager: EntityManager): Promise<ProgramRow> {
    const lock = manager.queryRunner?.isTransactionActive ? ' FOR UPDATE OF p' : '';
    const [row] = await manager.query<ProgramRow[]>(`${PROGRAM_SELECT} WHERE p.id = $1${lock}`, [id]);
    const owner = this.ownerFilter(actor);
    if (!row || (owner !== null && row.owner_id !== owner)) throw notFound();
    return row;
  }

  private async loadEditable(actor: AuthUser, id: string, manager: EntityManager): Promise<ProgramRow> {
    const row = await this.load(actor, id, manager);
    if (row.status === 'archived') throw new DomainError('PROGRAM_NOT_EDITABLE', 'This program is archived.');
    return row;
  }
}

function summary(row: ProgramRow): ProgramSummaryDto {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    kind: row.kind,
    status: row.status,
    requiredCredits: Number(row.required_credits),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    courseCount: row.course_count,
    enrolledCount: row.enrolled_count,
    ownerName: row.owner_name,
    updatedAt: row.updated_at.toISOString(),
  };
}
