import { computed, signal } from '@angular/core';
import type { ApiErrorDetail } from '@lingyan/contracts';
import { toAppError, type AppError } from '../../core/http/api-error';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import type { Translate } from './mentoring-format';

/** One of the server's problems with a field in words: the usual ones translated, others as sent. */
export function problemText(problem: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if (/must not be empty/.test(problem)) return t('mentoring.problem.required');
  if ((m = /must be at most (\d+) characters/.exec(problem))) return t('mentoring.problem.tooLong', { max: m[1] });
  if (/logged after it took place/.test(problem)) return t('mentoring.problem.future');
  if (/must be a (real )?date/.test(problem)) return t('mentoring.problem.date');
  if ((m = /must be a whole number from (\d+) to (\d+)/.exec(problem))) {
    return t('mentoring.problem.range', { min: m[1], max: m[2] });
  }
  if (/must be a region code/.test(problem)) return t('mentoring.problem.region');
  return t('validation.server', { problems: problem });
}

/**
 * The server's problems of a refused save by field (`dueOn`, `topic`, …), in words, to show next to
 * the fields.
 */
export function fieldProblems(details: readonly ApiErrorDetail[] | undefined, t: Translate): Record<string, string> {
  const problems: Record<string, string[]> = {};
  for (const detail of details ?? []) {
    const field = detail.field.split('.')[0] || '_';
    const list = (problems[field] ??= []);
    for (const problem of detail.problems) {
      const text = problemText(problem, t);
      if (!list.includes(text)) list.push(text);
    }
  }
  return Object.fromEntries(Object.entries(problems).map(([field, list]) => [field, list.join('；')]));
}

/**
 * What a form shows of a save the API refused: the error, and the problems it has with the fields
 * (`F`), in words, each shown next to its field until that field changes. The form's own checks stay
 * with the form.
 */
export class ServerProblems<F extends string> {
  /** The refused save's error; null before a save and after one that went through. */
  readonly error = signal<AppError | null>(null);
  private readonly fields = signal<Partial<Record<F, string>>>({});
  private readonly placed = signal(false);

  /**
   * The words above the form's buttons: to fix the fields marked when the problems are by field,
   * otherwise the error's own.
   */
  readonly message = computed<TranslationKey | null>(() => {
    const error = this.error();
    if (!error) return null;
    return this.placed() ? 'mentoring.fixProblems' : errorKey(error.error);
  });

  constructor(private readonly t: Translate) {}

  /** The server's problem with a field, or null. */
  of(field: F): string | null {
    return this.fields()[field] ?? null;
  }

  /** A field changed: the server's problem with it no longer stands. */
  clear(field: F): void {
    if (this.fields()[field]) this.fields.update((problems) => ({ ...problems, [field]: undefined }));
  }

  /** A save starts, or the form shows something else: no problems. */
  reset(): void {
    this.error.set(null);
    this.fields.set({});
    this.placed.set(false);
  }

  /**
   * A save was refused: keeps its error and puts the problems it has with fields next to them. `more`
   * names fields an error code is about (a region that does not exist), in words.
   */
  refused(err: unknown, more: (error: AppError) => Partial<Record<F, string>> = () => ({})): AppError {
    const error = toAppError(err);
    const extra = more(error);
    this.error.set(error);
    this.fields.set({ ...fieldProblems(error.details, this.t), ...extra });
    this.placed.set(error.error === 'VALIDATION_FAILED' || Object.keys(extra).length > 0);
    return error;
  }
}
