import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthoredCourseDto, AuthoredCourseSummary, AuthoredModuleDto } from '@lingyan/contracts';
import { moduleCompletionCredits, sumCredits } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { Course, CourseModule } from './curriculum.entities';
import type { CreateCourseDto, CreateModuleDto, UpdateCourseDto, UpdateModuleDto } from './curriculum.dto';

const notFound = () => new DomainError('COURSE_NOT_FOUND', 'No course of yours has this id.');

/**
 * Trainers write courses and their modules. A trainer sees and edits only the courses they own;
 * administrators see all. Content changes only while a course is a draft.
 */
@Injectable()
export class AuthoringService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: AuthUser): Promise<AuthoredCourseSummary[]> {
    const rows: Array<{
      id: string;
      title: string;
      category: AuthoredCourseSummary['category'];
      status: AuthoredCourseSummary['status'];
      owner_name: string;
      module_count: number;
      credits: string | null;
      updated_at: Date;
    }> = await this.dataSource.query(
      `SELECT c.id, c.title, c.category, c.status, u.name AS owner_name, c.updated_at,
              (SELECT count(*)::int FROM module m WHERE m.course_id = c.id) AS module_count,
              (SELECT sum(m.credits) FROM module m WHERE m.course_id = c.id) AS credits
         FROM course c JOIN app_user u ON u.id = c.owner_id
        WHERE ($1::uuid IS NULL OR c.owner_id = $1
               OR EXISTS (SELECT 1 FROM course_owner co WHERE co.course_id = c.id AND co.user_id = $1))
        ORDER BY c.updated_at DESC, c.id`,
      [this.ownerFilter(actor)],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      status: r.status,
      ownerName: r.owner_name,
      moduleCount: r.module_count,
      credits: Number(r.credits ?? 0),
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  async get(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    const course = await this.load(actor, id);
    const [owner] = await this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM app_user WHERE id = $1`, [
      course.ownerId,
    ]);
    const coOwners = await this.dataSource.query<Array<{ username: string; name: string }>>(
      `SELECT u.username, u.name FROM course_owner co JOIN app_user u ON u.id = co.user_id
        WHERE co.course_id = $1 ORDER BY u.username`,
      [id],
    );
    const modules = await this.dataSource
      .getRepository(CourseModule)
      .find({ where: { courseId: id }, order: { position: 'ASC' } });
    const moduleDtos = modules.map<AuthoredModuleDto>((m) => ({
      id: m.id,
      position: m.position,
      kind: m.kind,
      title: m.title,
      body: m.body,
      estimatedMinutes: m.estimatedMinutes,
      credits: m.credits,
      updatedAt: m.updatedAt.toISOString(),
    }));
    return {
      id: course.id,
      title: course.title,
      summary: course.summary,
      coOwners,
      category: course.category,
      sequential: course.sequential,
      status: course.status,
      ownerName: owner?.name ?? '',
      moduleCount: moduleDtos.length,
      credits: sumCredits(moduleDtos.map((m) => m.credits)),
      publishedAt: course.publishedAt ? course.publishedAt.toISOString() : null,
      updatedAt: course.updatedAt.toISOString(),
      modules: moduleDtos,
    };
  }

  async create(actor: AuthUser, dto: CreateCourseDto): Promise<AuthoredCourseDto> {
    const saved = await this.dataSource.getRepository(Course).save(
      this.dataSource.getRepository(Course).create({
        title: dto.title,
        summary: dto.summary ?? '',
        category: dto.category,
        sequential: dto.sequential ?? false,
        status: 'draft',
        ownerId: actor.id,
      }),
    );
    return this.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateCourseDto): Promise<AuthoredCourseDto> {
    await this.loadDraft(actor, id);
    const changes: Partial<Course> = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.summary !== undefined) changes.summary = dto.summary;
    if (dto.category !== undefined) changes.category = dto.category;
    if (dto.sequential !== undefined) changes.sequential = dto.sequential;
    if (Object.keys(changes).length > 0) await this.dataSource.getRepository(Course).update({ id }, changes);
    return this.get(actor, id);
  }

  async addModule(actor: AuthUser, courseId: string, dto: CreateModuleDto): Promise<AuthoredCourseDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, courseId, tx);
      const [{ next }] = await tx.query<Array<{ next: number }>>(
        `SELECT coalesce(max(position) + 1, 0)::int AS next FROM module WHERE course_id = $1`,
        [courseId],
      );
      await tx.getRepository(CourseModule).insert({
        courseId,
        position: next,
        kind: dto.kind,
        title: dto.title,
        body: dto.body ?? '',
        estimatedMinutes: dto.estimatedMinutes,
        credits: moduleCompletionCredits(dto.estimatedMinutes).credits,
      });
      await this.touch(tx, courseId);
    });
    return this.get(actor, courseId);
  }

  async updateModule(actor: AuthUser, moduleId: string, dto: UpdateModuleDto): Promise<AuthoredCourseDto> {
    const module = await this.loadModule(moduleId);
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, module.courseId, tx);
      const changes: Partial<CourseModule> = {};
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.body !== undefined) changes.body = dto.body ?? '';
      if (dto.estimatedMinutes !== undefined) {
        changes.estimatedMinutes = dto.estimatedMinutes;
        changes.credits = moduleCompletionCredits(dto.estimatedMinutes).credits;
      }
      if (Object.keys(changes).length > 0) await tx.getRepository(CourseModule).update({ id: moduleId }, changes);
      await this.touch(tx, module.courseId);
    });
    return this.get(actor, module.courseId);
  }

  async removeModule(actor: AuthUser, moduleId: string): Promise<AuthoredCourseDto> {
    const module = await this.loadModule(moduleId);
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, module.courseId, tx);
      await tx.getRepository(CourseModule).delete({ id: moduleId });
      await tx.query(
        `UPDATE module m SET position = o.n - 1
           FROM (SELECT id, row_number() OVER (ORDER BY position) AS n FROM module WHERE course_id = $1) o
          WHERE m.id = o.id`,
        [module.courseId],
      );
      await this.touch(tx, module.courseId);
    });
    return this.get(actor, module.courseId);
  }

  async reorder(actor: AuthUser, courseId: string, moduleIds: string[]): Promise<AuthoredCourseDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, courseId, tx);
      const current = await tx.query<Array<{ id: string }>>(`SELECT id FROM module WHERE course_id = $1`, [courseId]);
      const known = new Set(current.map((m) => m.id));
      if (moduleIds.length !== known.size || moduleIds.some((id) => !known.has(id))) {
        throw new DomainError('VALIDATION_FAILED', 'moduleIds must list every module of the course exactly once.', [
          { field: 'moduleIds', problems: ['must list every module of the course exactly once'] },
        ]);
      }
      await tx.query(
        `UPDATE module m SET position = o.ord - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE m.id = o.id`,
        [moduleIds],
      );
      await this.touch(tx, courseId);
    });
    return this.get(actor, courseId);
  }

  async publish(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, id, tx);
      const [{ n }] = await tx.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM module WHERE course_id = $1`,
        [id],
      );
      if (n === 0) throw new DomainError('COURSE_EMPTY', 'Add at least one module before publishing.');
      await tx.query(`UPDATE course SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [
        id,
      ]);
    });
    return this.get(actor, id);
  }

  async archive(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    const course = await this.load(actor, id);
    if (course.status !== 'published') {
      throw new DomainError('COURSE_NOT_EDITABLE', 'Only a published course can be archived.');
    }
    await this.dataSource.query(`UPDATE course SET status = 'archived', updated_at = now() WHERE id = $1`, [id]);
    return this.get(actor, id);
  }

  /** Replaces a course's co-owners. Only its owner or an administrator may; co-owners must be active trainers. */
  async setCoOwners(actor: AuthUser, id: string, usernames: string[]): Promise<AuthoredCourseDto> {
    await this.dataSource.transaction(async (tx) => {
      const course = await this.load(actor, id, tx);
      if (!actor.roles.includes('admin') && course.ownerId !== actor.id) {
        throw new DomainError('FORBIDDEN', 'Only the course’s owner or an administrator can change its co-owners.');
      }
      const found = await tx.query<Array<{ id: string; username: string }>>(
        `SELECT id, lower(username) AS username FROM app_user
          WHERE lower(username) = ANY($1) AND active AND 'trainer' = ANY(roles) AND id <> $2`,
        [usernames.map((u) => u.toLowerCase()), course.ownerId],
      );
      const known = new Set(found.map((u) => u.username));
      const unknown = usernames.filter((u) => !known.has(u.toLowerCase()));
      if (unknown.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `Not an active trainer other than the owner: ${unknown.join(', ')}.`,
          [{ field: 'usernames', problems: unknown.map((u) => `${u} is not an active trainer other than the owner`) }],
        );
      }
      await tx.query(`DELETE FROM course_owner WHERE course_id = $1`, [id]);
      if (found.length > 0) {
        await tx.query(`INSERT INTO course_owner (course_id, user_id) SELECT $1, unnest($2::uuid[])`, [
          id,
          found.map((u) => u.id),
        ]);
      }
    });
    return this.get(actor, id);
  }

  /** Trainers see their own courses; administrators see all. */
  private ownerFilter(actor: AuthUser): string | null {
    return actor.roles.includes('admin') ? null : actor.id;
  }

  private async load(actor: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Course> {
    const course = await manager
      .getRepository(Course)
      .findOne({ where: { id }, lock: manager.queryRunner ? { mode: 'pessimistic_write' } : undefined });
    const owner = this.ownerFilter(actor);
    if (!course) throw notFound();
    if (owner !== null && course.ownerId !== owner) {
      const [coOwner] = await manager.query<unknown[]>(
        `SELECT 1 FROM course_owner WHERE course_id = $1 AND user_id = $2`,
        [id, owner],
      );
      if (!coOwner) throw notFound();
    }
    return course;
  }

  private async loadDraft(actor: AuthUser, id: string, manager?: EntityManager): Promise<Course> {
    const course = await this.load(actor, id, manager);
    if (course.status !== 'draft') {
      throw new DomainError(
        'COURSE_NOT_EDITABLE',
        `This course is ${course.status}; only drafts can be edited (revisions of published courses come next).`,
      );
    }
    return course;
  }

  private async loadModule(moduleId: string): Promise<CourseModule> {
    const module = await this.dataSource.getRepository(CourseModule).findOneBy({ id: moduleId });
    if (!module) throw new DomainError('MODULE_NOT_FOUND', 'No module has this id.');
    return module;
  }

  private async touch(tx: EntityManager, courseId: string): Promise<void> {
    await tx.query(`UPDATE course SET updated_at = now() WHERE id = $1`, [courseId]);
  }
}
