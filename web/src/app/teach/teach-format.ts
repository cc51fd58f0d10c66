import type { ContentStatus, CourseCategory, ModuleKind, ModuleProblem } from '@lingyan/contracts';
import { moduleCompletionCredits } from '@lingyan/domain';
import type { TranslationKey } from '../core/i18n/translation-key';

export const categoryKey = (category: CourseCategory): TranslationKey => `teach.category.${category}`;
export const statusKey = (status: ContentStatus): TranslationKey => `teach.status.${status}`;
export const kindKey = (kind: ModuleKind): TranslationKey => `teach.kind.${kind}`;

/** The ng-zorro tag colour of a course status. */
export function statusColor(status: ContentStatus): string {
  return status === 'published' ? 'success' : status === 'draft' ? 'processing' : 'default';
}

export const MIN_MINUTES = 1;
export const MAX_MINUTES = 600;

/**
 * The credit hours a module of this length will earn, by the same default table the server uses
 * (`moduleCompletionCredits` of `@lingyan/domain`); null while the length is not a valid number.
 */
export function creditsPreview(minutes: number | string | null | undefined): number | null {
  const value = typeof minutes === 'string' ? Number(minutes.trim() || NaN) : minutes;
  if (value === null || value === undefined || !Number.isInteger(value)) return null;
  if (value < MIN_MINUTES || value > MAX_MINUTES) return null;
  return moduleCompletionCredits(value).credits;
}

/** A copy of `items` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (result.length === 0) return result;
  const clamp = (n: number) => Math.max(0, Math.min(items.length - 1, n));
  const [moved] = result.splice(clamp(from), 1);
  result.splice(clamp(to), 0, moved);
  return result;
}

/** The ids in their new order after moving the item at `from` to `to`, or null if nothing moves. */
export function reorderedIds(items: readonly { id: string }[], from: number, to: number): string[] | null {
  if (from === to || from < 0 || from >= items.length || to < 0 || to >= items.length) return null;
  return moveItem(items, from, to).map((item) => item.id);
}

/** Puts items in the order of `ids` (the optimistic view of a reorder). Unknown ids are dropped. */
export function inOrder<T extends { id: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id)).filter((item): item is T => item !== undefined);
}

/** The translation of a module's problem code (`AuthoredModuleDto.problems`). */
const PROBLEM_KEYS: Record<ModuleProblem, TranslationKey> = {
  article_empty: 'teach.problem.body',
  video_source_missing: 'teach.problem.videoSource',
  video_duration_missing: 'teach.problem.duration',
  document_missing: 'teach.problem.documentFile',
  quiz_no_questions: 'teach.problem.quizEmpty',
  quiz_questions_missing: 'teach.problem.quizMissing',
  quiz_draw_short: 'teach.problem.quizShort',
  assignment_task_empty: 'teach.problem.assignmentTask',
  assignment_rubric_invalid: 'teach.problem.assignmentRubric',
};

/** The key for a problem code; null for anything else (e.g. a detail of an older API). */
export function problemKey(problem: string): TranslationKey | null {
  return (PROBLEM_KEYS as Record<string, TranslationKey | undefined>)[problem] ?? null;
}

export function problemLabel(i18n: { t(key: TranslationKey): string }, problem: string): string {
  const key = problemKey(problem);
  return key ? i18n.t(key) : problem;
}
