import type {
  Rubric,
  RubricCriterion,
  RubricSelection,
  SubmissionDto,
  SubmissionReviewDto,
  SubmissionStatus,
} from '@lingyan/contracts';
import type { TranslationKey } from '../../core/i18n/translation-key';

/** The most characters of a trainee's text (the API's `MAX_SUBMISSION_TEXT`). */
export const MAX_SUBMISSION_TEXT = 20_000;

/** What the file picker offers: PDFs and photos (on a phone, images offer the camera). */
export const SUBMISSION_ACCEPT = 'application/pdf,image/*';

export const submissionStatusKey = (status: SubmissionStatus): TranslationKey => `assignments.status.${status}`;

/** ng-zorro tag colours of the statuses. */
export const SUBMISSION_STATUS_COLORS: Record<SubmissionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  graded: 'success',
};

/** Points without float noise: 2, 0.5, 7.5. */
export function formatPoints(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Past the due date (none: never). */
export function isOverdue(dueAt: string | null, now: number = Date.now()): boolean {
  if (!dueAt) return false;
  const due = Date.parse(dueAt);
  return !Number.isNaN(due) && now > due;
}

/** The trainee may still write: nothing yet, a draft, or work returned for revision. */
export function canEdit(submission: Pick<SubmissionDto, 'status'> | null): boolean {
  return !submission || submission.status === 'draft' || submission.status === 'returned';
}

/** The review whose levels the rubric shows: the newest, once the work is returned or graded. */
export function shownReview(submission: Pick<SubmissionDto, 'status' | 'reviews'> | null): SubmissionReviewDto | null {
  if (!submission || (submission.status !== 'returned' && submission.status !== 'graded')) return null;
  return submission.reviews[0] ?? null;
}

export const isImage = (contentType: string): boolean => contentType.startsWith('image/');

/** A PDF or an image, by its type or (when the browser does not say) its name. */
export function acceptsFile(file: { name: string; type: string }): boolean {
  const type = file.type.toLowerCase();
  if (type === 'application/pdf' || type.startsWith('image/')) return true;
  if (type) return false;
  return /\.(pdf|png|jpe?g|gif|webp|heic|heif|bmp)$/i.test(file.name);
}

/** 820 B, 14.2 KB, 3.1 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The most points of a criterion (its best level, whatever their order). */
export function criterionMax(criterion: RubricCriterion): number {
  return criterion.levels.length === 0 ? 0 : Math.max(...criterion.levels.map((l) => l.points));
}

/** One criterion of a review, as a line: 切合村情 · 优秀 · 10/10. */
export interface SelectionLine {
  criterionId: string;
  name: string;
  label: string | null;
  points: number | null;
  max: number;
}

/** The chosen level of each criterion (criteria removed from the rubric since are left out). */
export function selectionLines(rubric: Rubric, selection: RubricSelection): SelectionLine[] {
  return rubric.criteria.map((criterion) => {
    const level = criterion.levels[selection[criterion.id] ?? -1];
    return {
      criterionId: criterion.id,
      name: criterion.name,
      label: level?.label ?? null,
      points: level?.points ?? null,
      max: criterionMax(criterion),
    };
  });
}
