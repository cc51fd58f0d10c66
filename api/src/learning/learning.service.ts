import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  ContinueTarget,
  CourseDto,
  CreditLedgerDto,
  ModuleDto,
  MyProgramDto,
  ProgramKind,
} from '@lingyan/contracts';
import { continueCandidate, sumCredits } from '@lingyan/domain';
import { DomainError } from '../common/domain-error';
import { loadCourseViews, type CourseView, type ModuleView } from './curriculum-view';
import { ProgressService } from './progress.service';

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
        courses: courses.map(({ required, view }) => ({
          id: view.id,
          title: view.title,
          summary: view.summary,
          category: view.category,
          required,
          credits: view.credits,
          moduleCount: view.modules.length,
          completedModuleCount: view.modules.filter((m) => m.status === 'complete').length,
          status: view.status,
        })),
        continue: this.continueTarget(
          program.id,
          courses.map((c) => c.view),
        ),
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
    };
  }

  async module(userId: string, moduleId: string): Promise<ModuleDto> {
    const found: Array<{ course_id: string; body: string | null; estimated_minutes: number }> =
      await this.dataSource.query(`SELECT course_id, body, estimated_minutes FROM module WHERE id = $1`, [moduleId]);
    if (found.length === 0) throw new DomainError('MODULE_NOT_FOUND', 'No module has this id.');
    const view = (await loadCourseViews(this.dataSource, userId, [found[0].course_id])).get(found[0].course_id);
    const index = view?.modules.findIndex((m) => m.id === moduleId) ?? -1;
    if (!view || index < 0) throw new DomainError('MODULE_NOT_FOUND', 'No published module has this id.');
    const module = view.modules[index];
    if (module.locked) throw new DomainError('MODULE_LOCKED', 'Finish the modules before this one first.');
    await this.progress.markOpened(userId, moduleId);
    return {
      ...summary(module),
      courseId: view.id,
      courseTitle: view.title,
      body: found[0].body,
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
              (SELECT pc.program_id FROM program_course pc JOIN program_enrolment e
                  ON e.program_id = pc.program_id AND e.user_id = l.user_id
                WHERE pc.course_id = l.course_id ORDER BY pc.position LIMIT 1) AS program_id
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
