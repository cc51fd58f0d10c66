import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import type { CreateProgramRequest, ProgramDto, ProgramKind } from '@lingyan/contracts';
import type { AppError } from '../../core/http/api-error';
import { notBlank } from '../course-form';
import { CreditTableForm, buildCreditTableForm, creditTableValue, integer, resetCreditTable } from './credit-table';
import { isoDate } from './program-format';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_REQUIRED_CREDITS = 1000;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

export type ProgramForm = FormGroup<{
  title: FormControl<string>;
  description: FormControl<string>;
  year: FormControl<number | null>;
  kind: FormControl<ProgramKind | null>;
  requiredCredits: FormControl<number | null>;
  startsOn: FormControl<string>;
  endsOn: FormControl<string>;
  credit: CreditTableForm;
}>;

/** Credit hours come in half hours (0.5, 1, 1.5 …). */
export function halfSteps(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.abs(value * 2 - Math.round(value * 2)) < 1e-9 ? null : { halfStep: true };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date from `<input type="date">`: `YYYY-MM-DD`, or empty (then `required` speaks). */
export function isoDateValidator(control: AbstractControl<string | null>): ValidationErrors | null {
  const value = control.value ?? '';
  if (!value) return null;
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : { date: true };
}

/** The end date may not come before the start date (the same day is fine). */
export function endNotBeforeStart(control: AbstractControl<string | null>): ValidationErrors | null {
  const end = control.value ?? '';
  const start = (control.parent?.get('startsOn')?.value as string | undefined) ?? '';
  if (!ISO_DATE.test(end) || !ISO_DATE.test(start)) return null;
  return end < start ? { endsBeforeStart: true } : null;
}

export function buildProgramForm(fb: NonNullableFormBuilder, today = new Date()): ProgramForm {
  const year = today.getFullYear();
  const form: ProgramForm = fb.group({
    title: ['', [notBlank, Validators.maxLength(TITLE_MAX)]],
    description: ['', [Validators.maxLength(DESCRIPTION_MAX)]],
    year: fb.control<number | null>(year, [
      Validators.required,
      Validators.min(MIN_YEAR),
      Validators.max(MAX_YEAR),
      integer,
    ]),
    kind: fb.control<ProgramKind | null>(null, Validators.required),
    requiredCredits: fb.control<number | null>(null, [
      Validators.required,
      Validators.min(0.5),
      Validators.max(MAX_REQUIRED_CREDITS),
      halfSteps,
    ]),
    startsOn: [isoDate(today), [Validators.required, isoDateValidator]],
    endsOn: ['', [Validators.required, isoDateValidator, endNotBeforeStart]],
    credit: buildCreditTableForm(fb),
  });
  // The end date's check reads the start date: re-run it when the start changes.
  form.controls.startsOn.valueChanges.subscribe(() => {
    const endsOn = form.controls.endsOn;
    if (endsOn.value) endsOn.markAsTouched();
    endsOn.updateValueAndValidity();
  });
  return form;
}

/** Shows a program in the form (after loading or saving). */
export function resetProgramForm(fb: NonNullableFormBuilder, form: ProgramForm, program: ProgramDto): void {
  form.reset({
    title: program.title,
    description: program.description,
    year: program.year,
    kind: program.kind,
    requiredCredits: program.requiredCredits,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
  });
  resetCreditTable(fb, form.controls.credit, program.creditTable);
  form.markAsPristine();
}

/** Enables or disables the whole form, keeping the custom credit table off while the default applies. */
export function setProgramFormEnabled(form: ProgramForm, enabled: boolean): void {
  if (!enabled) {
    form.disable({ emitEvent: false });
    return;
  }
  form.enable({ emitEvent: false });
  const credit = form.controls.credit;
  if (credit.controls.useDefault.value) {
    credit.controls.tiers.disable({ emitEvent: false });
    credit.controls.passBonus.disable({ emitEvent: false });
  }
}

export function programRequest(form: ProgramForm): CreateProgramRequest {
  const value = form.getRawValue();
  return {
    title: value.title.trim(),
    description: value.description.trim(),
    year: Number(value.year),
    kind: value.kind as ProgramKind,
    requiredCredits: Number(value.requiredCredits),
    startsOn: value.startsOn,
    endsOn: value.endsOn,
    creditTable: creditTableValue(form.controls.credit),
  };
}

/** Marks every invalid control (nested ones too) so that its message shows. */
export function revealProgramErrors(control: AbstractControl): void {
  if (control instanceof FormGroup || control instanceof FormArray) {
    for (const child of Object.values<AbstractControl>(control.controls)) revealProgramErrors(child);
  }
  if (control.invalid) {
    control.markAsDirty();
    control.markAsTouched();
    control.updateValueAndValidity({ onlySelf: true });
  }
}

/** The control a server detail's `field` names: `creditTable.tiers.1.credits` → the tier's credits. */
export function controlForField(form: ProgramForm, field: string): AbstractControl | null {
  const parts = field.split('.');
  if (parts[0] !== 'creditTable') return form.get(parts[0]);
  const credit = form.controls.credit;
  if (parts[1] === 'passBonus') return credit.controls.passBonus;
  if (parts[1] === 'tiers') {
    const index = Number(parts[2]);
    const tier = Number.isInteger(index) ? credit.controls.tiers.at(index) : undefined;
    if (tier && (parts[3] === 'minMinutes' || parts[3] === 'credits')) return tier.controls[parts[3]];
    return tier ?? credit.controls.tiers;
  }
  return credit.controls.tiers;
}

/**
 * Puts the API's per-field problems (`details: [{field, problems}]`) on the form's controls and
 * answers the problems no field took (to show in the banner).
 */
export function applyProgramServerDetails(form: ProgramForm, error: AppError): string[] {
  const unplaced: string[] = [];
  for (const detail of error.details ?? []) {
    const control = controlForField(form, detail.field);
    if (!control || control.disabled) {
      unplaced.push(...detail.problems.map((p) => (detail.field ? `${detail.field}: ${p}` : p)));
      continue;
    }
    control.setErrors({ ...(control.errors ?? {}), server: detail.problems.join('; ') });
    control.markAsDirty();
    control.markAsTouched();
  }
  return unplaced;
}
