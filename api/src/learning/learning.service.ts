import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CatalogCourseDto,
  ContinueTarget,
  CourseCategory,
  CourseDto,
  CreditLedgerDto,
  ModuleDto,
  MyCourseSummary,
  MyElectiveDto,
  MyProgramDto,
  Page,
  ProgramKind,
} from '@lingyan/contracts';
import { continueCandidate, sumCredits } from '@lingyan/domain';
import { DomainError } from '../common/domain-error';
import { MediaService, mediaOf } from '../media/media.service';
import { loadCourseViews, type CourseView, type ModuleView } from './curriculum-view';
import { ProgressService } from './progress.service';
import { containsPattern } from '../common/like';

interface ProgramRow {
  id: string;
  title: string;
  year: number;
  kind: ProgramKind;
  required_credits: string;
  starts_on: string;
  ends_on: string;
}

const summary = (m: ModuleView) => ({
  id: m.id,
  position: m.position,
  kind: m.kind,
  title: m.title,
  estimatedMinutes: m.estimatedMinutes,
  credits: m.credits,
  status: m.status,
  locked: m.locked,
});

/** What a trainee sees: their programs, courses, modules and credit-hour ledger. */
@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
    private readonly media: MediaService,
  ) {}

  async myPrograms(userId: string): Promise<MyProgramDto[]> {
    const programs: ProgramRow[] = await this.dataSource.query(
      `SELECT p.id, p.title, p.year, p.kind, p.required_credits, p.starts_on::text, p.ends_on::text
         FROM program_enrolment e JOIN program p ON p.id = e.program_id
        WHERE e.user_id = $1 AND p.status = 'published'
        ORDER BY p.starts_on DESC, p.title`,
      [userId],
    );
    if (programs.length === 0) return [];
    const links: Array<{ program_id: string; course_id: string; required: boolean }> = await this.dataSource.query(
      `SELECT program_id, course_id, required FROM program_course WHERE program_id = ANY($1) ORDER BY position`,
      [programs.map((p) => p.id)],
    );
    const views = await loadCourseViews(this.dataSource, userId, [...new Set(links.map((l) => l.course_id))]);
    const earned: Array<{ program_id: string; credits: string }> = await this.dataSource.query(
      `SELECT pc.program_id, sum(l.credits) AS credits
         FROM credit_ledger l JOIN program_course pc ON pc.course_id = l.course_id
        WHERE l.user_id = $1 AND pc.program_id = ANY($2)
        GROUP BY pc.program_id`,
      [userId, programs.map((p) => p.id)],
    );
    const earnedBy = new Map(earned.map((e) => [e.program_id, Number(e.credits)]));
    // The trainee's current cohort of each program (the latest they were enrolled in).
    const cohorts: Array<{ program_id: string; id: string; name: string; due_on: string }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (c.program_id) c.program_id, c.id, c.name, c.due_on::text
         FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
        WHERE e.user_id = $1 AND e.withdrawn_at IS NULL AND c.program_id = ANY($2)
        ORDER BY c.program_id, e.enrolled_at DESC`,
        [userId, programs.map((p) => p.id)],
      );
    const cohortOf = new Map(cohorts.map((c) => [c.program_id, { id: c.id, name: c.name, dueOn: c.due_on }]));

    return programs.map((program) => {
      const courses = links
        .filter((l) => l.program_id === program.id && views.has(l.course_id))
        .map((l) => ({ required: l.required, view: views.get(l.course_id) as CourseView }));
      return {
        id: program.id,
        title: program.title,
        year: program.year,
        kind: program.kind,
        requiredCredits: Number(program.required_credits),
        earnedCredits: earnedBy.get(program.id) ?? 0,
        startsOn: program.starts_on,
        endsOn: program.ends_on,
        courses: courses.map(({ required, view }) => this.courseSummary(view, required, userId)),
        continue: this.continueTarget(
          program.id,
          courses.map((c) => c.view),
        ),
        cohort: cohortOf.get(program.id) ?? null,
      };
    });
  }

  async course(userId: string, courseId: string): Promise<CourseDto> {
    const view = (await loadCourseViews(this.dataSource, userId, [courseId])).get(courseId);
    if (!view) throw new DomainError('COURSE_NOT_FOUND', 'No published course has this id.');
    return {
      id: view.id,
      title: view.title,
      summary: view.summary,
      category: view.category,
      credits: view.credits,
      sequential: view.sequential,
      status: view.status,
      modules: view.modules.map(summary),
      coverUrl: this.coverUrl(view, userId),
      openElective: view.openElective,
      joined: view.joined,
    };
  }

  /** Published open electives, by title and category, with whether the user joined each. */
  async catalog(
    userId: string,
    query: { q?: string; category?: CourseCategory; page: number; limit: number },
  ): Promise<Page<CatalogCourseDto>> {
    const pattern = containsPattern(query.q);
    const rows: Array<{
      id: string;
      title: string;
      summary: string;
      category: CourseCategory;
      cover_media_id: string | null;
      owner_name: string;
      module_count: number;
      minutes: number;
      joined: boolean;
      total: number;
    }> = await this.dataSource.query(
      `SELECT c.id, c.title, c.summary, c.category, c.cover_media_id, u.name AS owner_name,
              (SELECT count(*)::int FROM module m WHERE m.course_id = c.id AND m.retired_at IS NULL) AS module_count,
              (SELECT coalesce(sum(m.estimated_minutes), 0)::int FROM module m
                WHERE m.course_id = c.id AND m.retired_at IS NULL) AS minutes,
              EXISTS (SELECT 1 FROM course_enrolment ce WHERE ce.course_id = c.id AND ce.user_id = $1) AS joined,
              count(*) OVER ()::int AS total
         FROM course c JOIN app_user u ON u.id = c.owner_id
        WHERE c.status = 'published' AND c.open_elective
          AND ($2::text IS NULL OR c.title ILIKE $2)
          AND ($3::text IS NULL OR c.category = $3)
        ORDER BY c.published_at DESC NULLS LAST, c.title, c.id
        LIMIT $4 OFFSET $5`,
      [userId, pattern, query.category ?? null, query.limit, (query.page - 1) * query.limit],
    );
    const views = await loadCourseViews(
      this.dataSource,
      userId,
      rows.map((r) => r.id),
    );
    const covers = await this.media.findMany(rows.flatMap((r) => (r.cover_media_id ? [r.cover_media_id] : [])));
    const items = rows.map<CatalogCourseDto>((r) => {
      const cover = r.cover_media_id ? covers.get(r.cover_media_id) : undefined;
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        category: r.category,
        credits: views.get(r.id)?.credits ?? 0,
        moduleCount: r.module_count,
        estimatedMinutes: r.minutes,
        coverUrl: cover ? this.media.links.sign(cover.id, userId).url : null,
        ownerName: r.owner_name,
        joined: r.joined,
      };
    });
    if (items.length === 0 && query.page > 1) {
      const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM course c
          WHERE c.status = 'published' AND c.open_elective
            AND ($1::text IS NULL OR c.title ILIKE $1) AND ($2::text IS NULL OR c.category = $2)`,
        [pattern, query.category ?? null],
      );
      return { items, total: n, page: query.page, limit: query.limit };
    }
    return { items, total: rows[0]?.total ?? 0, page: query.page, limit: query.limit };
  }

  /** Joins a published open elective (again: nothing changes). */
  async join(userId: string, courseId: string): Promise<CourseDto> {
    const joined = await this.dataSource.query<unknown[]>(
      `INSERT INTO course_enrolment (course_id, user_id)
       SELECT id, $2 FROM course WHERE id = $1 AND status = 'published' AND open_elective
       ON CONFLICT DO NOTHING RETURNING course_id`,
      [courseId, userId],
    );
    if (joined.length === 0) {
      const [open] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM course WHERE id = $1 AND status = 'published' AND open_elective`,
        [courseId],
      );
      if (!open) throw new DomainError('COURSE_NOT_FOUND', 'No open elective has this id.');
    }
    return this.course(userId, courseId);
  }

  async leave(userId: string, courseId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM course_enrolment WHERE course_id = $1 AND user_id = $2`, [
      courseId,
      userId,
    ]);
  }

  /** The electives the user joined from the catalog, most recent first, with their progress. */
  async electives(userId: string): Promise<MyElectiveDto[]> {
    const joined = await this.dataSource.query<Array<{ course_id: string }>>(
      `SELECT course_id FROM course_enrolment WHERE user_id = $1 ORDER BY joined_at DESC, course_id`,
      [userId],
    );
    const ids = joined.map((j) => j.course_id);
    const views = await loadCourseViews(this.dataSource, userId, ids);
    return ids.flatMap((id) => {
      const view = views.get(id);
      return view ? [this.courseSummary(view, false, userId)] : [];
    });
  }

  private courseSummary(view: CourseView, required: boolean, userId: string): MyCourseSummary {
    return {
      id: view.id,
      title: view.title,
      summary: view.summary,
      category: view.category,
      required,
      credits: view.credits,
      moduleCount: view.modules.length,
      completedModuleCount: view.modules.filter((m) => m.status === 'complete').length,
      status: view.status,
      coverUrl: this.coverUrl(view, userId),
    };
  }

  /** Signed link of a course's cover; the media row is not read (links name ids only). */
  private coverUrl(view: CourseView, userId: string): string | null {
    return view.coverMediaId ? this.media.links.sign(view.coverMediaId, userId).url : null;
  }

  /**
   * A module the user may open: current, in a published course, not locked by a sequential course.
   * Notes that the user opened it.
   */
  async openModule(userId: string, moduleId: string): Promise<{ view: CourseView; index: number }> {
    const [found] = await this.dataSource.query<Array<{ course_id: string }>>(
      `SELECT course_id FROM module WHERE id = $1 AND retired_at IS NULL`,
      [moduleId],
    );
    if (!found) throw new DomainError('MODULE_NOT_FOUND', 'No module has this id.');
    const view = (await loadCourseViews(this.dataSource, userId, [found.course_id])).get(found.course_id);
    const index = view?.modules.findIndex((m) => m.id === moduleId) ?? -1;
    if (!view || index < 0) throw new DomainError('MODULE_NOT_FOUND', 'No published module has this id.');
    if (view.modules[index].locked) throw new DomainError('MODULE_LOCKED', 'Finish the modules before this one first.');
    await this.progress.markOpened(userId, moduleId);
    return { view, index };
  }

  async module(userId: string, moduleId: string): Promise<ModuleDto> {
    const { view, index } = await this.openModule(userId, moduleId);
    const found: Array<{
      course_id: string;
      body: string | null;
      media_id: string | null;
      external_url: string | null;
    }> = await this.dataSource.query(`SELECT course_id, body, media_id, external_url FROM module WHERE id = $1`, [
      moduleId,
    ]);
    const module = view.modules[index];
    const file = found[0].media_id ? await this.media.find(found[0].media_id) : null;
    const images = await this.media.bodyMedia([found[0].body], userId);
    return {
      ...summary(module),
      courseId: view.id,
      courseTitle: view.title,
      body: found[0].body,
      bodyMedia: mediaOf(found[0].body, images),
      media: file ? this.media.toDto(file, userId) : null,
      externalUrl: found[0].external_url,
      durationSeconds: module.durationSeconds,
      previousModuleId: view.modules[index - 1]?.id ?? null,
      nextModuleId: view.modules[index + 1]?.id ?? null,
      progress: await this.progress.progressOf(userId, module),
    };
  }

  async credits(userId: string): Promise<CreditLedgerDto> {
    const rows: Array<{
      id: string;
      program_id: string | null;
      course_id: string;
      course_title: string;
      module_id: string;
      module_title: string;
      credits: string;
      rule: string;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT l.id, l.course_id, c.title AS course_title, l.module_id, m.title AS module_title, l.credits, l.rule,
              l.created_at,
              coalesce(l.program_id,
                (SELECT pc.program_id FROM program_course pc JOIN program_enrolment e
                    ON e.program_id = pc.program_id AND e.user_id = l.user_id
                  WHERE pc.course_id = l.course_id ORDER BY pc.position LIMIT 1)) AS program_id
         FROM credit_ledger l JOIN course c ON c.id = l.course_id JOIN module m ON m.id = l.module_id
        WHERE l.user_id = $1
        ORDER BY l.created_at DESC, l.id`,
      [userId],
    );
    const entries = rows.map((r) => ({
      id: r.id,
      programId: r.program_id,
      courseId: r.course_id,
      courseTitle: r.course_title,
      moduleId: r.module_id,
      moduleTitle: r.module_title,
      credits: Number(r.credits),
      rule: r.rule,
      createdAt: r.created_at.toISOString(),
    }));
    return { total: sumCredits(entries.map((e) => e.credits)), entries };
  }

  private continueTarget(programId: string, courses: CourseView[]): ContinueTarget | null {
    const candidates = courses.flatMap((course, courseIndex) =>
      course.modules.map((module, moduleIndex) => ({
        courseIndex,
        moduleIndex,
        status: module.status,
        locked: module.locked,
        lastActivityAt: module.lastActivityAt,
        course,
        module,
      })),
    );
    const target = continueCandidate(candidates);
    if (!target) return null;
    return {
      programId,
      courseId: target.course.id,
      courseTitle: target.course.title,
      moduleId: target.module.id,
      moduleTitle: target.module.title,
      moduleKind: target.module.kind,
      position: target.module.lastPosition,
    };
  }
}
