import type { Rubric, RubricSelection, SubmissionReviewDto, SubmissionStatus } from '@lingyan/contracts';
import type { Lang, TranslationKey } from '../../core/i18n/translation-key';

export const statusKey = (status: SubmissionStatus): TranslationKey => `assignments.status.${status}`;

/** ng-zorro tag colours of the statuses. */
export function statusColor(status: SubmissionStatus): string {
  return { draft: 'default', submitted: 'processing', returned: 'warning', graded: 'success' }[status];
}

/** Points without float noise: 2, 0.5, 7.5. */
export function formatPoints(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** A date and time as graders read it: 2026年11月27日 10:20. */
export function formatWhen(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export const isImageFile = (contentType: string): boolean => contentType.startsWith('image/');

/**
 * The part of a selection the rubric still has: criteria it names and levels in range (a review made
 * before the rubric changed may name others, which `rubricScore` refuses).
 */
export function knownSelection(rubric: Rubric, selection: RubricSelection): RubricSelection {
  const known: RubricSelection = {};
  for (const criterion of rubric.criteria) {
    const level = selection[criterion.id];
    if (Number.isInteger(level) && level >= 0 && level < criterion.levels.length) known[criterion.id] = level;
  }
  return known;
}

/** One criterion of a review: its name and the chosen level. */
export interface ReviewLine {
  criterionId: string;
  name: string;
  label: string | null;
  points: number | null;
}

export function reviewLines(rubric: Rubric, review: Pick<SubmissionReviewDto, 'selection'>): ReviewLine[] {
  return rubric.criteria.map((criterion) => {
    const level = criterion.levels[review.selection[criterion.id] ?? -1];
    return {
      criterionId: criterion.id,
      name: criterion.name,
      label: level?.label ?? null,
      points: level?.points ?? null,
    };
  });
}
