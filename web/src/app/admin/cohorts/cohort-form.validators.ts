import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { TranslationKey } from '../../core/i18n/translation-key';

export const DATE_FIELDS = ['startsOn', 'endsOn', 'enrolUntil', 'dueOn'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export type CohortDates = Record<DateField, string>;

/**
 * What is wrong with the order of a cohort's dates (`YYYY-MM-DD`, so they compare as strings), as a
 * message for the field to change. Missing dates are left to `required`.
 *  - the cohort ends on or after it starts;
 *  - the completion deadline is not before the start;
 *  - enrolment closes by the completion deadline (nobody can be enrolled after they are already overdue).
 */
export function dateOrderProblems(dates: CohortDates): Partial<Record<DateField, TranslationKey>> {
  const problems: Partial<Record<DateField, TranslationKey>> = {};
  const { startsOn, endsOn, enrolUntil, dueOn } = dates;
  if (startsOn && endsOn && endsOn < startsOn) problems.endsOn = 'cohorts.form.endBeforeStart';
  if (startsOn && dueOn && dueOn < startsOn) problems.dueOn = 'cohorts.form.dueBeforeStart';
  if (enrolUntil && dueOn && enrolUntil > dueOn) problems.enrolUntil = 'cohorts.form.enrolAfterDue';
  return problems;
}

/**
 * A date control's validator that checks its place among its siblings (found through the parent
 * group). The page re-runs it on every date when any date changes.
 */
export function dateOrderValidator(field: DateField): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const group = control.parent;
    if (!group) return null;
    const dates = {} as CohortDates;
    for (const name of DATE_FIELDS) dates[name] = String(group.get(name)?.value ?? '');
    const problem = dateOrderProblems(dates)[field];
    return problem ? { order: problem } : null;
  };
}
