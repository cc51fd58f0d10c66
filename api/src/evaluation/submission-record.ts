import type {
  AssignmentSettings,
  RubricSelection,
  SubmissionDto,
  SubmissionReviewDto,
  SubmissionStatus,
} from '@lingyan/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { MediaRow, MediaService } from '../media/media.service';

/** One review as a submission keeps it. */
export interface StoredReview {
  outcome: 'graded' | 'returned';
  selection: RubricSelection;
  points: number;
  maxPoints: number;
  percent: number;
  passed: boolean;
  comment: string;
  graderId: string;
  graderName: string;
  reviewedAt: string;
}

export interface SubmissionRow {
  id: string;
  user_id: string;
  module_id: string;
  course_id: string;
  status: SubmissionStatus;
  text: string;
  media_ids: string[];
  version: number;
  submitted_at: Date | null;
  late: boolean;
  reviews: StoredReview[];
  percent: string | null;
  passed: boolean | null;
  updated_at: Date;
}

export const SUBMISSION_COLUMNS = `id, user_id, module_id, course_id, status, text, media_ids, version, submitted_at,
  late, reviews, percent, passed, updated_at`;

/** An assignment module as the services read it. */
export interface AssignmentModule {
  id: string;
  title: string;
  body: string | null;
  course_id: string;
  course_title: string;
  estimated_minutes: number;
  assignment: AssignmentSettings;
}

export async function loadAssignmentModule(
  manager: DataSource | EntityManager,
  moduleId: string,
): Promise<AssignmentModule> {
  const [module] = await manager.query<AssignmentModule[]>(
    `SELECT m.id, m.title, m.body, m.course_id, c.title AS course_title, m.estimated_minutes, m.assignment
       FROM module m JOIN course c ON c.id = m.course_id
      WHERE m.id = $1 AND m.kind = 'assignment'`,
    [moduleId],
  );
  if (!module) throw new DomainError('ASSIGNMENT_NOT_FOUND', 'This module is not an assignment.');
  return module;
}

/** A submission with signed links to its files, for `viewer`. */
export function toSubmissionDto(
  row: SubmissionRow,
  files: Map<string, MediaRow>,
  media: MediaService,
  viewer: string,
): SubmissionDto {
  return {
    id: row.id,
    status: row.status,
    text: row.text,
    files: row.media_ids.flatMap((id) => {
      const file = files.get(id);
      if (!file) return [];
      return [
        {
          id,
          name: file.original_name,
          contentType: file.content_type,
          sizeBytes: Number(file.size_bytes),
          url: media.links.sign(id, viewer).url,
        },
      ];
    }),
    version: row.version,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    late: row.late,
    reviews: [...row.reviews].reverse().map<SubmissionReviewDto>((r) => ({
      outcome: r.outcome,
      selection: r.selection,
      points: r.points,
      maxPoints: r.maxPoints,
      percent: r.percent,
      passed: r.passed,
      comment: r.comment,
      graderName: r.graderName,
      reviewedAt: r.reviewedAt,
    })),
    updatedAt: row.updated_at.toISOString(),
  };
}
