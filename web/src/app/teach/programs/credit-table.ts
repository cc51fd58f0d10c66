import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import type { CreditTableDto, CreditTierDto } from '@lingyan/contracts';
import { DEFAULT_CREDIT_TABLE } from '@lingyan/domain';

/** Tiers may start from 0 up to the longest module a course can have (600 minutes). */
export const MAX_TIER_MINUTES = 600;
export const MAX_TIER_CREDITS = 100;
export const MAX_PASS_BONUS = 100;
/** More tiers than this help nobody; the server accepts the table as a whole. */
export const MAX_TIERS = 10;

export type TierForm = FormGroup<{
  minMinutes: FormControl<number | null>;
  credits: FormControl<number | null>;
}>;

export type CreditTableForm = FormGroup<{
  /** True: the program uses the default table (`creditTable: null`). */
  useDefault: FormControl<boolean>;
  tiers: FormArray<TierForm>;
  passBonus: FormControl<number | null>;
}>;

/** What is wrong with a table as a whole (not with one number). */
export interface TierIssues {
  empty: boolean;
  /** No tier starts at 0 minutes, so short modules would earn nothing. */
  noZero: boolean;
  /** Start minutes used by more than one tier. */
  duplicates: number[];
}

export interface TierValue {
  minMinutes: number | null | undefined;
  credits: number | null | undefined;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The table-level problems of some tiers; tiers whose start is not a number yet are ignored. */
export function tierIssues(tiers: readonly TierValue[]): TierIssues {
  const starts = tiers.map((tier) => tier.minMinutes).filter(isNumber);
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const start of starts) {
    if (seen.has(start)) duplicates.add(start);
    seen.add(start);
  }
  return {
    empty: tiers.length === 0,
    noZero: tiers.length > 0 && !starts.includes(0),
    duplicates: [...duplicates].sort((a, b) => a - b),
  };
}

/** True when the issues leave nothing to fix. */
export const noIssues = (issues: TierIssues): boolean =>
  !issues.empty && !issues.noZero && issues.duplicates.length === 0;

/** Validator of the tiers array: at least one tier, one tier starting at 0, no two tiers with the same start. */
export const tiersValidator: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const issues = tierIssues((control.value ?? []) as TierValue[]);
  const errors: ValidationErrors = {};
  if (issues.empty) errors['tiersEmpty'] = true;
  if (issues.noZero) errors['noZeroTier'] = true;
  if (issues.duplicates.length > 0) errors['duplicateStarts'] = issues.duplicates;
  return Object.keys(errors).length > 0 ? errors : null;
};

/** Whole numbers only (minutes). */
export function integer(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || value === undefined || Number.isInteger(value) ? null : { integer: true };
}

/** At most two decimals (credits are kept in hundredths). */
export function hundredths(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 ? null : { hundredths: true };
}

export function buildTier(fb: NonNullableFormBuilder, tier?: Partial<CreditTierDto>): TierForm {
  return fb.group({
    minMinutes: fb.control<number | null>(tier?.minMinutes ?? null, [
      Validators.required,
      Validators.min(0),
      Validators.max(MAX_TIER_MINUTES),
      integer,
    ]),
    credits: fb.control<number | null>(tier?.credits ?? null, [
      Validators.required,
      Validators.min(0),
      Validators.max(MAX_TIER_CREDITS),
      hundredths,
    ]),
  });
}

/** Tiers from the shortest to the longest start, the order the table reads best in. */
export function ascending<T extends TierValue>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => (a.minMinutes ?? 0) - (b.minMinutes ?? 0));
}

export function buildCreditTableForm(fb: NonNullableFormBuilder, table: CreditTableDto | null = null): CreditTableForm {
  const form: CreditTableForm = fb.group({
    useDefault: [true],
    tiers: fb.array<TierForm>([], { validators: tiersValidator }),
    passBonus: fb.control<number | null>(DEFAULT_CREDIT_TABLE.passBonus, [
      Validators.required,
      Validators.min(0),
      Validators.max(MAX_PASS_BONUS),
      hundredths,
    ]),
  });
  resetCreditTable(fb, form, table);
  form.controls.useDefault.valueChanges.subscribe((useDefault) => applyUseDefault(fb, form, useDefault));
  return form;
}

/** Shows a table in the form: null means the default table (switch on, custom tiers disabled). */
export function resetCreditTable(
  fb: NonNullableFormBuilder,
  form: CreditTableForm,
  table: CreditTableDto | null,
): void {
  const source = table ?? DEFAULT_CREDIT_TABLE;
  form.controls.tiers.clear({ emitEvent: false });
  for (const tier of ascending(source.tiers)) form.controls.tiers.push(buildTier(fb, tier), { emitEvent: false });
  form.reset({ useDefault: table === null, passBonus: source.passBonus }, { emitEvent: false });
  applyUseDefault(fb, form, table === null);
}

/**
 * The switch: on, the custom table is disabled (kept, but not validated or sent); off, it is enabled,
 * starting from a copy of the default table when there is nothing to edit yet.
 */
function applyUseDefault(fb: NonNullableFormBuilder, form: CreditTableForm, useDefault: boolean): void {
  const { tiers, passBonus } = form.controls;
  if (useDefault) {
    tiers.disable({ emitEvent: false });
    passBonus.disable({ emitEvent: false });
    return;
  }
  if (tiers.length === 0) {
    for (const tier of ascending(DEFAULT_CREDIT_TABLE.tiers)) tiers.push(buildTier(fb, tier), { emitEvent: false });
  }
  tiers.enable({ emitEvent: false });
  passBonus.enable({ emitEvent: false });
}

/** Adds a tier after the longest one (its start 15 minutes further), unless the table is full. */
export function addTier(fb: NonNullableFormBuilder, form: CreditTableForm): boolean {
  const tiers = form.controls.tiers;
  if (tiers.length >= MAX_TIERS || tiers.disabled) return false;
  const starts = tiers
    .getRawValue()
    .map((t) => t.minMinutes)
    .filter(isNumber);
  const next = starts.length === 0 ? 0 : Math.min(MAX_TIER_MINUTES, Math.max(...starts) + 15);
  tiers.push(buildTier(fb, { minMinutes: next }));
  tiers.markAsDirty();
  return true;
}

export function removeTier(form: CreditTableForm, index: number): void {
  const tiers = form.controls.tiers;
  if (tiers.disabled || index < 0 || index >= tiers.length) return;
  tiers.removeAt(index);
  tiers.markAsDirty();
}

/** The table to send: null for the default table, else the tiers (ascending) and the pass bonus. */
export function creditTableValue(form: CreditTableForm): CreditTableDto | null {
  const value = form.getRawValue();
  if (value.useDefault) return null;
  return {
    tiers: ascending(value.tiers).map((tier) => ({
      minMinutes: Number(tier.minMinutes),
      credits: Number(tier.credits),
    })),
    passBonus: Number(value.passBonus),
  };
}

/** One row of the table in words: "from 15 to under 30 minutes → 0.5". `toMinutes` null: no upper bound. */
export interface TierRange {
  fromMinutes: number;
  toMinutes: number | null;
  credits: number;
}

/** The ranges a valid table gives, shortest first (for the preview next to the editor). */
export function tierRanges(tiers: readonly TierValue[]): TierRange[] {
  const valid = ascending(
    tiers.filter((t): t is CreditTierDto => isNumber(t.minMinutes) && isNumber(t.credits)),
  ).filter((tier, i, all) => i === 0 || all[i - 1].minMinutes !== tier.minMinutes);
  return valid.map((tier, i) => ({
    fromMinutes: tier.minMinutes,
    toMinutes: i + 1 < valid.length ? valid[i + 1].minMinutes : null,
    credits: tier.credits,
  }));
}
