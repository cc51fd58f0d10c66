import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  AuthoredCourseDto,
  AuthoredCourseSummary,
  AuthoredModuleDto,
  MediaKind,
  ModuleKind,
  AssignmentSettings,
  QuizSettings,
  TrainerOption,
} from '@lingyan/contracts';
import { DEFAULT_ASSIGNMENT_SETTINGS, DEFAULT_QUIZ_SETTINGS } from '@lingyan/contracts';
import { moduleCompletionCredits, moduleProblems, sumCredits } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { MediaService, mediaOf } from '../media/media.service';
import { Course, CourseModule } from './curriculum.entities';
import type { CreateCourseDto, CreateModuleDto, UpdateCourseDto, UpdateModuleDto } from './curriculum.dto';
import { containsPattern } from '../common/like';
import { ModuleSettingsCheck } from './module-settings-check';
import { editsCourse } from './course-editors';

const notFound = () => new DomainError('COURSE_NOT_FOUND', 'No course of yours has this id.');

/** The upload a module of each kind may use. */
const MODULE_MEDIA: Record<ModuleKind, MediaKind | null> = {
  article: null,
  video: 'video',
  document: 'document',
  quiz: null,
  assignment: null,
};

/**
 * Trainers write courses and their modules. A trainer sees and edits only the courses they own or
 * co-own; administrators see all. Content changes only in drafts: a published course is changed
 * through a draft revision, whose publication updates the live course in place, so trainees keep
 * their progress on every module that still exists.
 */
@Injectable()
export class AuthoringService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly media: MediaService,
    private readonly settings: ModuleSettingsCheck,
  ) {}

  async list(actor: AuthUser): Promise<AuthoredCourseSummary[]> {
    const rows: Array<{
      id: string;
      title: string;
      category: AuthoredCourseSummary['category'];
      status: AuthoredCourseSummary['status'];
      owner_name: string;
      open_elective: boolean;
      cover_media_id: string | null;
      revision_id: string | null;
      module_count: number;
      credits: string | null;
      updated_at: Date;
    }> = await this.dataSource.query(
      `SELECT c.id, c.title, c.category, c.status, u.name AS owner_name, c.open_elective, c.cover_media_id,
              c.updated_at, r.id AS revision_id,
              (SELECT count(*)::int FROM module m WHERE m.course_id = c.id AND m.retired_at IS NULL) AS module_count,
              (SELECT sum(m.credits) FROM module m WHERE m.course_id = c.id AND m.retired_at IS NULL) AS credits
         FROM course c JOIN app_user u ON u.id = c.owner_id
         LEFT JOIN course r ON r.revision_of = c.id
        WHERE c.revision_of IS NULL
          AND ${editsCourse('c', '$1', true)}
        ORDER BY greatest(c.updated_at, r.updated_at) DESC NULLS LAST, c.updated_at DESC, c.id`,
      [this.ownerFilter(actor)],
    );
    const covers = await this.media.findMany(rows.flatMap((r) => (r.cover_media_id ? [r.cover_media_id] : [])));
    return rows.map((r) => {
      const cover = r.cover_media_id ? covers.get(r.cover_media_id) : undefined;
      return {
        id: r.id,
        title: r.title,
        category: r.category,
        status: r.status,
        ownerName: r.owner_name,
        moduleCount: r.module_count,
        credits: Number(r.credits ?? 0),
        cover: cover ? this.media.toDto(cover, actor.id) : null,
        openElective: r.open_elective,
        revisionId: r.revision_id,
        updatedAt: r.updated_at.toISOString(),
      };
    });
  }

  async get(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    const course = await this.load(actor, id);
    const liveId = course.revisionOf ?? course.id;
    const [owner] = await this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM app_user WHERE id = $1`, [
      course.ownerId,
    ]);
    const coOwners = await this.dataSource.query<Array<{ username: string; name: string }>>(
      `SELECT u.username, u.name FROM course_owner co JOIN app_user u ON u.id = co.user_id
        WHERE co.course_id = $1 ORDER BY u.username`,
      [liveId],
    );
    const [revision] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM course WHERE revision_of = $1`,
      [id],
    );
    const modules = await this.dataSource
      .getRepository(CourseModule)
      .createQueryBuilder('m')
      .where('m.course_id = :id AND m.retired_at IS NULL', { id })
      .orderBy('m.position', 'ASC')
      .getMany();
    const files = await this.media.findMany([
      ...modules.flatMap((m) => (m.mediaId ? [m.mediaId] : [])),
      ...(course.coverMediaId ? [course.coverMediaId] : []),
    ]);
    const images = await this.media.bodyMedia(
      modules.map((m) => m.body),
      actor.id,
    );
    const bankProblems = await this.settings.problems(liveId, modules);
    const moduleDtos = modules.map<AuthoredModuleDto>((m) => {
      const file = m.mediaId ? files.get(m.mediaId) : undefined;
      return {
        id: m.id,
        position: m.position,
        kind: m.kind,
        title: m.title,
        body: m.body,
        bodyMedia: mediaOf(m.body, images),
        media: file ? this.media.toDto(file, actor.id) : null,
        externalUrl: m.externalUrl,
        durationSeconds: m.durationSeconds,
        estimatedMinutes: m.estimatedMinutes,
        credits: m.credits,
        quiz: m.quiz,
        assignment: m.assignment,
        problems: [
          ...moduleProblems({
            kind: m.kind,
            body: m.body,
            mediaKind: file?.kind ?? null,
            externalUrl: m.externalUrl,
            durationSeconds: m.durationSeconds,
            quiz: m.quiz,
            assignment: m.assignment,
          }),
          ...(bankProblems.get(m.id) ?? []),
        ],
        updatedAt: m.updatedAt.toISOString(),
      };
    });
    const cover = course.coverMediaId ? files.get(course.coverMediaId) : undefined;
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
      cover: cover ? this.media.toDto(cover, actor.id) : null,
      openElective: course.openElective,
      revisionId: revision?.id ?? null,
      revisionOf: course.revisionOf,
      publishedAt: course.publishedAt ? course.publishedAt.toISOString() : null,
      updatedAt: course.updatedAt.toISOString(),
      modules: moduleDtos,
    };
  }

  async create(actor: AuthUser, dto: CreateCourseDto): Promise<AuthoredCourseDto> {
    if (dto.coverMediaId) await this.media.requireKind(dto.coverMediaId, ['image'], 'coverMediaId');
    const saved = await this.dataSource.getRepository(Course).save(
      this.dataSource.getRepository(Course).create({
        title: dto.title,
        summary: dto.summary ?? '',
        category: dto.category,
        sequential: dto.sequential ?? false,
        openElective: dto.openElective ?? false,
        coverMediaId: dto.coverMediaId ?? null,
        status: 'draft',
        ownerId: actor.id,
      }),
    );
    return this.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateCourseDto): Promise<AuthoredCourseDto> {
    await this.loadDraft(actor, id);
    if (dto.coverMediaId) await this.media.requireKind(dto.coverMediaId, ['image'], 'coverMediaId');
    const changes: Partial<Course> = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.summary !== undefined) changes.summary = dto.summary;
    if (dto.category !== undefined) changes.category = dto.category;
    if (dto.sequential !== undefined) changes.sequential = dto.sequential;
    if (dto.openElective !== undefined) changes.openElective = dto.openElective;
    if (dto.coverMediaId !== undefined) changes.coverMediaId = dto.coverMediaId;
    if (Object.keys(changes).length > 0) await this.dataSource.getRepository(Course).update({ id }, changes);
    return this.get(actor, id);
  }

  async addModule(actor: AuthUser, courseId: string, dto: CreateModuleDto): Promise<AuthoredCourseDto> {
    const source = await this.checkSource(dto.kind, dto);
    this.settings.onlyForTheirKind(dto.kind, dto);
    const assignment =
      dto.kind === 'assignment' ? this.settings.checkAssignment(dto.assignment ?? DEFAULT_ASSIGNMENT_SETTINGS) : null;
    const quiz = dto.kind === 'quiz' ? this.settings.checkSettings(dto.quiz ?? DEFAULT_QUIZ_SETTINGS) : null;
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
        body: dto.kind === 'article' || dto.kind === 'assignment' ? (dto.body ?? '') : null,
        estimatedMinutes: dto.estimatedMinutes,
        credits: moduleCompletionCredits(dto.estimatedMinutes).credits,
        mediaId: source.mediaId ?? null,
        externalUrl: source.externalUrl ?? null,
        durationSeconds: dto.kind === 'video' ? (dto.durationSeconds ?? null) : null,
        quiz,
        assignment,
      });
      await this.touch(tx, courseId);
    });
    return this.get(actor, courseId);
  }

  async updateModule(actor: AuthUser, moduleId: string, dto: UpdateModuleDto): Promise<AuthoredCourseDto> {
    const module = await this.loadModule(moduleId);
    const source = await this.checkSource(module.kind, dto);
    this.settings.onlyForTheirKind(module.kind, dto);
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, module.courseId, tx);
      const changes: Partial<CourseModule> = {};
      if (dto.quiz) changes.quiz = this.settings.checkSettings(dto.quiz);
      if (dto.assignment) changes.assignment = this.settings.checkAssignment(dto.assignment);
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.body !== undefined) changes.body = dto.body ?? '';
      if (dto.estimatedMinutes !== undefined) {
        changes.estimatedMinutes = dto.estimatedMinutes;
        changes.credits = moduleCompletionCredits(dto.estimatedMinutes).credits;
      }
      if (source.mediaId !== undefined) changes.mediaId = source.mediaId;
      if (source.externalUrl !== undefined) changes.externalUrl = source.externalUrl;
      if (dto.durationSeconds !== undefined) changes.durationSeconds = dto.durationSeconds;
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

  /**
   * Publishes a draft. A draft revision is merged into its live course instead: modules it kept are
   * updated in place (same ids, so progress and credits stay), new ones move over, dropped ones retire.
   */
  async publish(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    const liveId = await this.dataSource.transaction(async (tx) => {
      const course = await this.loadDraft(actor, id, tx);
      const modules = await tx.query<
        Array<{
          id: string;
          title: string;
          kind: ModuleKind;
          body: string | null;
          media_kind: MediaKind | null;
          external_url: string | null;
          duration_seconds: number | null;
          quiz: QuizSettings | null;
          assignment: AssignmentSettings | null;
        }>
      >(
        `SELECT m.id, m.title, m.kind, m.body, f.kind AS media_kind, m.external_url, m.duration_seconds, m.quiz,
                m.assignment
           FROM module m LEFT JOIN media f ON f.id = m.media_id
          WHERE m.course_id = $1 AND m.retired_at IS NULL ORDER BY m.position`,
        [id],
      );
      if (modules.length === 0) throw new DomainError('COURSE_EMPTY', 'Add at least one module before publishing.');
      const bankProblems = await this.settings.problems(course.revisionOf ?? course.id, modules, tx);
      const incomplete = modules
        .map((m) => ({
          field: `modules.${m.id}`,
          title: m.title,
          problems: [
            ...moduleProblems({
              kind: m.kind,
              body: m.body,
              mediaKind: m.media_kind,
              externalUrl: m.external_url,
              durationSeconds: m.duration_seconds,
              quiz: m.quiz,
              assignment: m.assignment,
            }),
            ...(bankProblems.get(m.id) ?? []),
          ],
        }))
        .filter((m) => m.problems.length > 0);
      if (incomplete.length > 0) {
        throw new DomainError(
          'MODULE_INCOMPLETE',
          `Complete these modules first: ${incomplete.map((m) => `${m.title} (${m.problems.join('; ')})`).join(', ')}.`,
          incomplete.map(({ field, problems }) => ({ field, problems })),
        );
      }
      if (course.revisionOf) return this.mergeRevision(tx, course);
      await tx.query(`UPDATE course SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [
        id,
      ]);
      return id;
    });
    return this.get(actor, liveId);
  }

  async archive(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    const course = await this.load(actor, id);
    if (course.status !== 'published') {
      throw new DomainError('COURSE_NOT_EDITABLE', 'Only a published course can be archived.');
    }
    await this.dataSource.query(`UPDATE course SET status = 'archived', updated_at = now() WHERE id = $1`, [id]);
    return this.get(actor, id);
  }

  /** The draft revision of a published course: the existing one, or a new copy of the live course. */
  async revision(actor: AuthUser, id: string): Promise<AuthoredCourseDto> {
    const revisionId = await this.dataSource.transaction(async (tx) => {
      const course = await this.load(actor, id, tx);
      if (course.status !== 'published') {
        throw new DomainError(
          'COURSE_NOT_EDITABLE',
          course.status === 'draft'
            ? 'This course is a draft: edit it directly.'
            : 'An archived course cannot be revised.',
        );
      }
      const [existing] = await tx.query<Array<{ id: string }>>(`SELECT id FROM course WHERE revision_of = $1`, [id]);
      if (existing) return existing.id;
      const [created] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO course (title, summary, category, sequential, status, owner_id, revision_of, open_elective,
                             cover_media_id)
         SELECT title, summary, category, sequential, 'draft', owner_id, id, open_elective, cover_media_id
           FROM course WHERE id = $1
         RETURNING id`,
        [id],
      );
      await tx.query(
        `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits, media_id,
                             external_url, duration_seconds, quiz, assignment, origin_id)
         SELECT $2, position, kind, title, body, estimated_minutes, credits, media_id, external_url,
                duration_seconds, quiz, assignment, id
           FROM module WHERE course_id = $1 AND retired_at IS NULL`,
        [id, created.id],
      );
      return created.id;
    });
    return this.get(actor, revisionId);
  }

  /** Deletes a draft: a revision, or a course that was never published. */
  async discard(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.loadDraft(actor, id, tx);
      await tx.query(`DELETE FROM course WHERE id = $1`, [id]);
    });
  }

  /** Replaces a course's co-owners. Only its owner or an administrator may; co-owners must be active trainers. */
  async setCoOwners(actor: AuthUser, id: string, usernames: string[]): Promise<AuthoredCourseDto> {
    await this.dataSource.transaction(async (tx) => {
      const course = await this.load(actor, id, tx);
      if (course.revisionOf) {
        throw new DomainError('COURSE_NOT_EDITABLE', 'Co-owners belong to the published course, not its revision.');
      }
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

  /** Active trainers matching a part of their username or name, to choose co-owners from. */
  async trainers(q: string | undefined): Promise<TrainerOption[]> {
    const pattern = containsPattern(q);
    return this.dataSource.query<TrainerOption[]>(
      `SELECT username, name FROM app_user
        WHERE active AND 'trainer' = ANY(roles)
          AND ($1::text IS NULL OR username ILIKE $1 OR name ILIKE $1)
        ORDER BY name, username LIMIT 20`,
      [pattern],
    );
  }

  private async mergeRevision(tx: EntityManager, revision: Course): Promise<string> {
    const liveId = revision.revisionOf as string;
    await tx.query(`SELECT id FROM course WHERE id = $1 FOR UPDATE`, [liveId]);
    await tx.query(
      `UPDATE course l SET title = r.title, summary = r.summary, category = r.category, sequential = r.sequential,
                           open_elective = r.open_elective, cover_media_id = r.cover_media_id,
                           published_at = now(), updated_at = now()
         FROM course r WHERE r.id = $1 AND l.id = $2`,
      [revision.id, liveId],
    );
    // Kept modules: the live rows take the revision's content, keeping their ids.
    await tx.query(
      `UPDATE module l SET position = r.position, title = r.title, body = r.body,
                           estimated_minutes = r.estimated_minutes, credits = r.credits, media_id = r.media_id,
                           external_url = r.external_url, duration_seconds = r.duration_seconds, quiz = r.quiz,
                           assignment = r.assignment,
                           updated_at = now()
         FROM module r
        WHERE r.course_id = $1 AND r.origin_id = l.id AND l.course_id = $2 AND l.retired_at IS NULL`,
      [revision.id, liveId],
    );
    // Dropped modules retire: progress and ledger entries still point at them.
    await tx.query(
      `UPDATE module l SET retired_at = now()
        WHERE l.course_id = $2 AND l.retired_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM module r WHERE r.course_id = $1 AND r.origin_id = l.id)`,
      [revision.id, liveId],
    );
    // New modules move into the live course.
    await tx.query(`UPDATE module SET course_id = $2 WHERE course_id = $1 AND origin_id IS NULL`, [
      revision.id,
      liveId,
    ]);
    await tx.query(`DELETE FROM course WHERE id = $1`, [revision.id]);
    return liveId;
  }

  /**
   * Checks a module's video or PDF: an upload of the kind the module shows, or (videos only) an https
   * address. Giving one clears the other. Returns the columns to set (undefined: leave as is).
   */
  private async checkSource(
    kind: ModuleKind,
    dto: { mediaId?: string | null; externalUrl?: string | null },
  ): Promise<{ mediaId?: string | null; externalUrl?: string | null }> {
    const wanted = MODULE_MEDIA[kind];
    if (dto.mediaId && dto.externalUrl) {
      throw new DomainError('VALIDATION_FAILED', 'Give either mediaId or externalUrl, not both.', [
        { field: 'externalUrl', problems: ['cannot be given together with mediaId'] },
      ]);
    }
    if (dto.mediaId !== undefined && dto.mediaId !== null && wanted === null) {
      throw new DomainError('VALIDATION_FAILED', 'An article has no file; put images in its text.', [
        { field: 'mediaId', problems: [`a ${kind} module has no file`] },
      ]);
    }
    if (dto.externalUrl && kind !== 'video') {
      throw new DomainError('VALIDATION_FAILED', 'Only a video can come from an external address.', [
        { field: 'externalUrl', problems: [`a ${kind} module cannot use an external address`] },
      ]);
    }
    if (dto.mediaId && wanted) await this.media.requireKind(dto.mediaId, [wanted], 'mediaId');
    if (dto.mediaId) return { mediaId: dto.mediaId, externalUrl: null };
    if (dto.externalUrl) return { mediaId: null, externalUrl: dto.externalUrl };
    return { mediaId: dto.mediaId, externalUrl: dto.externalUrl };
  }

  /**
   * The live course whose question bank the actor may edit (a revision's: its live course's), with a
   * row lock when `manager` is a transaction.
   */
  async editableBankCourse(actor: AuthUser, courseId: string, manager?: EntityManager): Promise<string> {
    const course = await this.load(actor, courseId, manager);
    return course.revisionOf ?? course.id;
  }

  /** Trainers see their own courses; administrators see all. */
  private ownerFilter(actor: AuthUser): string | null {
    return actor.roles.includes('admin') ? null : actor.id;
  }

  /** A course the actor may edit: they own or co-own it (a revision: its live course), or are an admin. */
  private async load(actor: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Course> {
    const course = await manager
      .getRepository(Course)
      .findOne({ where: { id }, lock: manager.queryRunner ? { mode: 'pessimistic_write' } : undefined });
    const owner = this.ownerFilter(actor);
    if (!course) throw notFound();
    if (owner !== null && course.ownerId !== owner) {
      const [coOwner] = await manager.query<unknown[]>(
        `SELECT 1 FROM course_owner WHERE course_id = $1 AND user_id = $2`,
        [course.revisionOf ?? id, owner],
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
        `This course is ${course.status}; only drafts can be edited. Create a revision of a published course.`,
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
