import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { AssignmentDto, SubmissionFileDto } from '@lingyan/contracts';
import { rubricMaxPoints } from '@lingyan/domain';
import { DomainError, validationFailed } from '../common/domain-error';
import { LearningService } from '../learning/learning.service';
import { ProgressService } from '../learning/progress.service';
import { MediaService, mediaOf } from '../media/media.service';
import type { SaveSubmissionDto } from './evaluation.dto';
import {
  loadAssignmentModule,
  SUBMISSION_COLUMNS,
  toSubmissionDto,
  type AssignmentModule,
  type SubmissionRow,
} from './submission-record';

export const MAX_SUBMISSION_TEXT = 20_000;

/**
 * A trainee's practical work: they write and attach files (PDFs, photos) as a draft, then submit; a
 * submitted piece waits for a trainer and cannot change, unless the trainer returns it for revision.
 * Submitting after the due date is accepted and marked late. Submitting twice changes nothing.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: LearningService,
    private readonly progress: ProgressService,
    private readonly media: MediaService,
  ) {}

  async view(userId: string, moduleId: string): Promise<AssignmentDto> {
    const { view, index } = await this.learning.openModule(userId, moduleId);
    const module = await loadAssignmentModule(this.dataSource, moduleId);
    const [row] = await this.dataSource.query<SubmissionRow[]>(
      `SELECT ${SUBMISSION_COLUMNS} FROM assignment_submission WHERE user_id = $1 AND module_id = $2`,
      [userId, moduleId],
    );
    const files = await this.media.findMany(row?.media_ids ?? []);
    const images = await this.media.bodyMedia([module.body], userId);
    return {
      moduleId,
      title: module.title,
      courseId: view.id,
      courseTitle: view.title,
      body: module.body ?? '',
      bodyMedia: mediaOf(module.body, images),
      settings: module.assignment,
      maxPoints: rubricMaxPoints(module.assignment.rubric),
      submission: row ? toSubmissionDto(row, files, this.media, userId) : null,
      previousModuleId: view.modules[index - 1]?.id ?? null,
      nextModuleId: view.modules[index + 1]?.id ?? null,
    };
  }

  /** Stores a file for the trainee's work: a PDF or an image, by its content. */
  async upload(userId: string, moduleId: string, file: Readable, name: string): Promise<SubmissionFileDto> {
    await this.learning.openModule(userId, moduleId);
    await loadAssignmentModule(this.dataSource, moduleId);
    const row = await this.media.store(userId, file, name, ['document', 'image']);
    return {
      id: row.id,
      name: row.original_name,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      url: this.media.links.sign(row.id, userId).url,
    };
  }

  /** Saves the draft (or the returned work being revised). */
  async save(userId: string, moduleId: string, dto: SaveSubmissionDto): Promise<AssignmentDto> {
    await this.write(userId, moduleId, dto, false);
    return this.view(userId, moduleId);
  }

  /** Saves and submits; a submission already waiting or graded is answered as it is. */
  async submit(userId: string, moduleId: string, dto: SaveSubmissionDto | undefined): Promise<AssignmentDto> {
    await this.write(userId, moduleId, dto, true);
    return this.view(userId, moduleId);
  }

  private async write(userId: string, moduleId: string, dto: SaveSubmissionDto | undefined, submit: boolean) {
    const { view } = await this.learning.openModule(userId, moduleId);
    const module = await loadAssignmentModule(this.dataSource, moduleId);
    await this.dataSource.transaction(async (tx) => {
      const [current] = await tx.query<SubmissionRow[]>(
        `SELECT ${SUBMISSION_COLUMNS} FROM assignment_submission WHERE user_id = $1 AND module_id = $2 FOR UPDATE`,
        [userId, moduleId],
      );
      if (current && (current.status === 'submitted' || current.status === 'graded')) {
        // A repeated submit (double tap, retry) finds it submitted: nothing to do.
        if (submit && dto === undefined) return;
        if (submit && current.text === dto?.text && sameFiles(current.media_ids, dto.mediaIds)) return;
        throw new DomainError(
          'SUBMISSION_LOCKED',
          current.status === 'graded'
            ? 'This work is graded and cannot change.'
            : 'This work is submitted and waits for the trainer.',
        );
      }
      const text = dto?.text ?? current?.text ?? '';
      const mediaIds = dto?.mediaIds ?? current?.media_ids ?? [];
      await this.checkContent(tx, userId, module, text, mediaIds);
      if (submit && text.trim() === '' && mediaIds.length === 0) {
        throw new DomainError('VALIDATION_FAILED', 'Write something or attach a file before submitting.', [
          { field: 'text', problems: ['write something or attach a file before submitting'] },
        ]);
      }
      const dueAt = module.assignment.dueAt;
      await tx.query(
        `INSERT INTO assignment_submission AS s (user_id, module_id, course_id, text, media_ids, status, version,
                                                 submitted_at, late)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN 'submitted' ELSE 'draft' END, CASE WHEN $6 THEN 1 ELSE 0 END,
                 CASE WHEN $6 THEN now() END, $6 AND $7::timestamptz IS NOT NULL AND now() > $7::timestamptz)
         ON CONFLICT ON CONSTRAINT uq_assignment_submission DO UPDATE
           SET text = EXCLUDED.text, media_ids = EXCLUDED.media_ids, updated_at = now(),
               status = CASE WHEN $6 THEN 'submitted' ELSE s.status END,
               version = s.version + CASE WHEN $6 THEN 1 ELSE 0 END,
               submitted_at = CASE WHEN $6 THEN now() ELSE s.submitted_at END,
               late = CASE WHEN $6 THEN EXCLUDED.late ELSE s.late END`,
        [userId, moduleId, view.id, text, mediaIds, submit, dueAt],
      );
      if (!current) await this.progress.markStarted(tx, userId, moduleId);
    });
  }

  private async checkContent(
    tx: EntityManager,
    userId: string,
    module: AssignmentModule,
    text: string,
    mediaIds: string[],
  ): Promise<void> {
    if (text.length > MAX_SUBMISSION_TEXT) {
      throw validationFailed([{ field: 'text', problem: `at most ${MAX_SUBMISSION_TEXT} characters` }]);
    }
    if (mediaIds.length > module.assignment.maxFiles) {
      throw validationFailed([{ field: 'mediaIds', problem: `at most ${module.assignment.maxFiles} files` }]);
    }
    if (mediaIds.length === 0) return;
    const own = await tx.query<Array<{ id: string }>>(
      `SELECT id FROM media WHERE id = ANY($1) AND owner_id = $2 AND kind IN ('document', 'image')`,
      [mediaIds, userId],
    );
    if (own.length !== new Set(mediaIds).size) {
      throw new DomainError('VALIDATION_FAILED', 'mediaIds: only PDFs and images you uploaded can be attached.', [
        { field: 'mediaIds', problems: ['only PDFs and images you uploaded can be attached'] },
      ]);
    }
  }
}

function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
